"""Tree facts are memoized per process and follow every write to institutions."""

from django.db import connection, transaction

from impulsa.org import branding, services


def test_a_change_made_here_shows_at_once(world):
    assert branding.for_institution(world.campus_a1.pk).primary_color == branding.DEFAULT_COLOR
    services.update_institution(
        actor=world.national_admin, institution=world.state_a, primary_color="#1F4E79"
    )
    assert branding.for_institution(world.campus_a1.pk).primary_color == "#1F4E79"


def test_a_write_no_service_announced_still_counts(world):
    before = branding.for_institution(world.campus_a1.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE org_institution SET primary_color = '#7A1F3D' WHERE id = %s", [world.state_a.pk]
        )

    after = branding.for_institution(world.campus_a1.pk)
    assert before.primary_color == branding.DEFAULT_COLOR
    assert after.primary_color == "#7A1F3D"


def test_a_value_seen_in_a_rolled_back_transaction_is_never_served_again(world):
    try:
        with transaction.atomic():
            world.state_a.primary_color = "#7A1F3D"
            world.state_a.save()
            assert branding.for_institution(world.campus_a1.pk).primary_color == "#7A1F3D"
            raise RuntimeError("roll back")
    except RuntimeError:
        pass

    assert branding.for_institution(world.campus_a1.pk).primary_color == branding.DEFAULT_COLOR
