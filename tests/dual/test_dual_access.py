"""Who reaches dual records: a second company's instructor at the same campus sees none
of the first company's (every dual route, victim ids in URLs, bodies and query
strings); a tutor sees only assigned students; sibling and other-state staff see
nothing; the relationship ends with the role."""

import pytest

from impulsa.dual import selectors
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests import access_victims
from tests.dual.builders import build_dual, ids_of, person
from tests.factories import StudentProfileFactory
from tests.learning_builders import build_course
from tests.test_access_walk import _walk_route, all_routes

pytestmark = pytest.mark.django_db


def _second_company(world):
    """Company B at campus A1 with its own instructor, student and placement."""
    built = build_course(world.designer, institution=world.national, name="Curso dual 2")
    student = person("alumno_b", world.campus_a1, Role.STUDENT)
    StudentProfileFactory(user=student, campus=world.campus_a1, career=world.career_a1)
    return build_dual(
        world.alice, world.campus_a1, student, world.career_a1, built.skills, label="b", seed=2
    )


def test_second_company_instructor_reaches_nothing_of_the_first(login, world, dual):
    other = _second_company(world)
    # the victim: company A's whole picture, marked with a token
    victim = access_victims.Victim(
        campus=world.campus_a1, token="zqdualvictimtoken", ids={**ids_of(dual),
        "institution_id": world.campus_a1.pk, "user_id": world.student_a1.pk},
    )  # fmt: skip
    dual.company.__class__.objects.filter(pk=dual.company.pk).update(
        legal_name="Industrias zqdualvictimtoken"
    )
    client = login(other.instructor)
    for name, _route, kwarg_names, _ in all_routes():
        if not (name or "").startswith("dual:") or name.startswith("dual:company_register"):
            continue
        _walk_route(client, name, kwarg_names, victim.ids, victim, [victim.token])
    dual.entry.refresh_from_db()
    assert dual.entry.status == "submitted"


def test_scopes_follow_relationships(world, dual):
    other = _second_company(world)
    assert set(selectors.placements(dual.instructor)) == {dual.placement}
    assert set(selectors.placements(other.instructor)) == {other.placement}
    assert set(selectors.placements(dual.tutor)) == {dual.placement}
    assert set(selectors.placements(world.student_a1)) == {dual.placement}
    assert set(selectors.placements(world.alice)) == {dual.placement, other.placement}
    assert not selectors.placements(world.bob).exists()
    assert not selectors.placements(world.charlie).exists()
    assert not selectors.logbook(other.instructor).filter(pk=dual.entry.pk).exists()
    assert not selectors.companies(other.instructor).filter(pk=dual.company.pk).exists()


def test_the_relationship_ends_with_the_role(world, dual):
    Membership.objects.filter(user=dual.instructor).delete()
    from impulsa.org import access

    access.forget(dual.instructor)
    assert not selectors.placements(dual.instructor).exists()


def test_sibling_admin_gets_404_on_every_dual_page_naming_campus_a(login, world, dual):
    client = login(world.bob)
    for name, value in ids_of(dual).items():
        routes = [
            r for r in all_routes()
            if (r[0] or "").startswith("dual:") and r[2] == [name]
        ]  # fmt: skip
        for route_name, _route, _names, _ in routes:
            from django.urls import reverse

            url = reverse(route_name, kwargs={name: value})
            assert client.get(url).status_code in (403, 404, 405), url
