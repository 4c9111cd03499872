"""Tree facts are memoized per process and follow changes made elsewhere."""

from django.core.cache import cache

from impulsa.org import branding, services, tree_cache


def test_a_change_made_here_shows_at_once(world):
    assert branding.for_institution(world.campus_a1.pk).primary_color == branding.DEFAULT_COLOR
    services.update_institution(
        actor=world.national_admin, institution=world.state_a, primary_color="#1F4E79"
    )
    assert branding.for_institution(world.campus_a1.pk).primary_color == "#1F4E79"


def test_a_change_made_by_another_worker_shows_after_the_next_check(world, monkeypatch):
    before = branding.for_institution(world.campus_a1.pk)
    # Another worker changes the state's colour: the row changes and it bumps the
    # shared generation; this process still holds its memo.
    world.state_a.primary_color = "#7A1F3D"
    world.state_a.save()
    cache.incr(tree_cache._GENERATION_KEY)
    assert branding.for_institution(world.campus_a1.pk) == before

    generation, _checked_at, values = tree_cache._state
    monkeypatch.setattr(tree_cache, "_state", (generation, 0.0, values))  # a second later

    assert branding.for_institution(world.campus_a1.pk).primary_color == "#7A1F3D"


def test_an_emptied_cache_never_revives_an_old_memo(world):
    tree_cache.root_institution_id()
    old_generation = tree_cache._state[0]
    cache.delete(tree_cache._GENERATION_KEY)
    tree_cache.forget()

    assert tree_cache.root_institution_id() == world.national.pk
    assert tree_cache._state[0] != old_generation
