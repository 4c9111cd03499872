"""Enrollments are history: a withdrawn student can be enrolled again (a new row),
the earlier rows keep their events and progress, and only one enrollment per
student and course is active at a time."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from impulsa.audit.models import AuditEntry
from impulsa.core.errors import Conflict, DomainError
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.events import services as events
from impulsa.learning.models import (
    ActivityProgress,
    Enrollment,
    EnrollmentSource,
    EnrollmentStatus,
    LearningEvent,
    Verb,
)
from impulsa.learning.player import selectors
from impulsa.org.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.learning_builders import build_course, enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Fracciones")


def _withdrawn(world, built):
    """student_a1 enrolled, finished the content page, then was withdrawn."""
    enrollment = enroll(world.alice, world.student_a1, built.course)
    events.record(
        enrollment=enrollment,
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=built.content.key,
        activity_key=built.content.key,
    )
    return enrollments.withdraw(actor=world.alice, enrollment=enrollment)


# --- Services ----------------------------------------------------------------------------


def test_a_withdrawn_student_is_enrolled_again_in_a_new_row_that_starts_afresh(world, built):
    old = _withdrawn(world, built)
    old_events = list(LearningEvent.objects.filter(enrollment=old).values_list("pk", flat=True))

    new = enroll(world.alice, world.student_a1, built.course)

    assert new.pk != old.pk and new.status == EnrollmentStatus.ACTIVE
    old.refresh_from_db()
    assert old.status == EnrollmentStatus.WITHDRAWN and old.ended_at is not None
    assert list(LearningEvent.objects.filter(enrollment=old).values_list("pk", flat=True)) == (
        old_events
    )
    assert ActivityProgress.objects.filter(enrollment=old).count() == 1
    assert not ActivityProgress.objects.filter(enrollment=new).exists()
    assert LearningEvent.objects.get(enrollment=new).verb == Verb.ENROLLED
    assert AuditEntry.objects.filter(additional_data__event="re_enrolled").count() == 1


def test_a_student_with_an_active_enrollment_is_not_enrolled_twice(world, built):
    enroll(world.alice, world.student_a1, built.course)
    with pytest.raises(Conflict, match="ya está inscrito"):
        enroll(world.alice, world.student_a1, built.course)
    assert Enrollment.objects.count() == 1


def test_the_database_refuses_a_second_active_enrollment(world, built):
    first = enroll(world.alice, world.student_a1, built.course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(
            student=first.student,
            course=first.course,
            campus=first.campus,
            version=first.version,
            source=EnrollmentSource.STAFF,
        )


def test_withdrawing_twice_is_refused_and_keeps_the_first_date(world, built):
    old = _withdrawn(world, built)
    ended = old.ended_at
    with pytest.raises(Conflict, match="ya no está activa"):
        enrollments.withdraw(actor=world.alice, enrollment=old)
    old.refresh_from_db()
    assert old.ended_at == ended


def test_bulk_enrollment_enrolls_withdrawn_students_again_and_skips_active_ones(world, built):
    _withdrawn(world, built)
    result = enrollments.enroll_many(
        actor=world.alice, students=[world.student_a1], course=built.course
    )
    assert (result.created, result.already) == (1, 0)
    again = enrollments.enroll_many(
        actor=world.alice, students=[world.student_a1], course=built.course
    )
    assert (again.created, again.already) == (0, 1)
    statuses = Enrollment.objects.filter(student=world.student_a1).values_list("status", flat=True)
    assert sorted(statuses) == [EnrollmentStatus.ACTIVE, EnrollmentStatus.WITHDRAWN]


def test_a_rule_enrolls_a_withdrawn_student_again_instead_of_returning_the_old_row(world, built):
    old = _withdrawn(world, built)
    new = enrollments.enroll_by_service(
        student=world.student_a1, course=built.course, reason="Reprobó la materia"
    )
    assert new.pk != old.pk
    assert (new.status, new.source) == (EnrollmentStatus.ACTIVE, EnrollmentSource.SERVICE)
    again = enrollments.enroll_by_service(student=world.student_a1, course=built.course, reason="")
    assert again.pk == new.pk


def test_a_rule_that_forbids_enrolling_again_says_why(world, built):
    _withdrawn(world, built)
    with pytest.raises(DomainError, match=r"Se dio de baja a .* de «Fracciones»"):
        enrollments.enroll_by_service(
            student=world.student_a1, course=built.course, reason="x", reenroll=False
        )
    assert Enrollment.objects.count() == 1


# --- The player --------------------------------------------------------------------------


def test_the_student_sees_the_new_enrollment_and_an_old_link_leads_to_it(world, built, login):
    old = _withdrawn(world, built)
    new = enroll(world.alice, world.student_a1, built.course)
    assert list(selectors.my_enrollments(world.student_a1)) == [new]
    client = login(world.student_a1)
    old_home = client.get(reverse("player:course", kwargs={"enrollment_id": old.pk}))
    assert old_home.status_code == 302
    assert old_home["Location"] == reverse("player:course", kwargs={"enrollment_id": new.pk})
    stranger = login(world.student_a2)
    assert stranger.get(old_home["Location"]).status_code == 404


def test_a_finished_course_taken_again_shows_only_the_new_enrollment(world, built):
    old = enroll(world.alice, world.student_a1, built.course)
    Enrollment.objects.filter(pk=old.pk).update(status=EnrollmentStatus.COMPLETED)
    new = enroll(world.alice, world.student_a1, built.course)
    assert list(selectors.my_enrollments(world.student_a1)) == [new]


def test_one_enrollment_is_found_exactly_when_the_students_list_has_it(world, built):
    """selectors.my_enrollment (the player's pages and answers) keeps the rule of
    my_enrollments: withdrawn and superseded rows and other students' are not found."""
    withdrawn = _withdrawn(world, built)
    finished = enroll(world.alice, world.student_a1, built.course)
    Enrollment.objects.filter(pk=finished.pk).update(status=EnrollmentStatus.COMPLETED)
    current = enroll(world.alice, world.student_a1, built.course)
    others = enroll(world.bob, world.student_a2, built.course)
    listed = set(selectors.my_enrollments(world.student_a1))
    assert listed == {current}
    for row in (withdrawn, finished, current, others):
        found = selectors.my_enrollment(world.student_a1, row.pk)
        assert (found is not None) == (row in listed)
    found = selectors.my_enrollment(world.student_a1, current.pk)
    assert (found.course.name, found.version.number) == (built.course.name, 1)
    assert selectors.my_enrollment(world.student_a1, 10**20) is None


# --- Staff pages -------------------------------------------------------------------------


def _course_page(client, built, **params):
    return client.get(reverse("enrollment:course", kwargs={"course_id": built.course.pk}), params)


def test_course_page_lists_the_history_and_offers_enrolling_again(world, built, login):
    old = _withdrawn(world, built)
    client = login(world.alice)
    [(row, _percent, manageable, reenroll)] = _course_page(client, built).context["rows"]
    assert (row, manageable, reenroll) == (old, True, True)
    html = _course_page(client, built).content.decode()
    assert "Inscribir de nuevo" in html and "?matricula=2614001" in html

    new = enroll(world.alice, world.student_a1, built.course)
    rows = _course_page(client, built).context["rows"]
    assert [(r[0], r[3]) for r in rows] == [(new, False), (old, False)]
    assert "Inscribir de nuevo" not in _course_page(client, built).content.decode()


def test_a_director_sees_the_history_but_is_not_offered_to_enroll_again(world, built, login):
    _withdrawn(world, built)
    director = UserFactory()
    MembershipFactory(user=director, institution=world.campus_a1, role=Role.DIRECTOR)
    [(_row, _percent, manageable, reenroll)] = _course_page(login(director), built).context["rows"]
    assert (manageable, reenroll) == (False, False)


def test_enrolling_again_from_the_form_says_so_and_keeps_the_old_row(world, built, login):
    old = _withdrawn(world, built)
    client = login(world.alice)
    url = reverse("enrollment:enroll", kwargs={"course_id": built.course.pk})
    form = client.get(url, {"matricula": "2614001"}).content.decode()
    assert "ya tuvo una inscripción en este curso" in form and "dado de baja" in form
    search = client.get(url, {"q": "2614001"})
    assert [status for _p, status in search.context["results"]] == [EnrollmentStatus.WITHDRAWN]
    assert "Inscribir de nuevo" in search.content.decode()

    done = client.post(url, {"matricula": "2614001"}, follow=True)

    assert "quedó inscrito de nuevo" in done.content.decode()
    assert Enrollment.objects.filter(student=world.student_a1).count() == 2
    old.refresh_from_db()
    assert old.status == EnrollmentStatus.WITHDRAWN


def test_bulk_review_counts_withdrawn_students_as_new(world, built, login):
    _withdrawn(world, built)
    review = login(world.alice).post(
        reverse("enrollment:enroll_bulk", kwargs={"course_id": built.course.pk}),
        {"matriculas": "2614001"},
    )
    assert [review.context[k] for k in ("total", "new", "already")] == [1, 1, 0]


def test_catalog_counts_a_student_once_whatever_their_history(world, built, login):
    old = enroll(world.alice, world.student_a1, built.course)
    Enrollment.objects.filter(pk=old.pk).update(status=EnrollmentStatus.COMPLETED)
    enroll(world.alice, world.student_a1, built.course)
    sections = login(world.alice).get(reverse("enrollment:catalog")).context["sections"]
    [course] = sections[2]["groups"][0][1]
    assert course.enrolled == 1


def test_withdrawing_an_already_withdrawn_enrollment_says_so(world, built, login):
    old = _withdrawn(world, built)
    url = reverse("enrollment:withdraw", kwargs={"enrollment_id": old.pk})
    response = login(world.alice).post(url, follow=True)
    assert "ya no está activa" in response.content.decode()


# --- REST ---------------------------------------------------------------------------------


def test_the_api_enrolls_again_lists_a_students_history_and_refuses_a_second_active(world, built):
    old = _withdrawn(world, built)
    client = APIClient()
    client.force_authenticate(world.alice)
    body = {"student": world.student_a1.pk, "course": built.course.pk}
    created = client.post("/api/v1/enrollments/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["ended_at"] is None
    assert client.post("/api/v1/enrollments/", body, format="json").status_code == 409
    rows = client.get("/api/v1/enrollments/", {"student": world.student_a1.pk}).json()["results"]
    assert [(r["id"], r["status"]) for r in rows] == [
        (created.json()["id"], EnrollmentStatus.ACTIVE),
        (old.pk, EnrollmentStatus.WITHDRAWN),
    ]
    assert rows[1]["ended_at"] is not None
