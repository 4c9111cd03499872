"""/api/v1/courses/ and /api/v1/enrollments/: scoped reads, enrolling through the
service, and an enrollment's xAPI statements."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from impulsa.learning.catalog import services as catalog
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.enrollment.forms import BulkEnrollForm, EnrollForm
from impulsa.learning.events import services as events
from impulsa.learning.models import Enrollment, Verb
from tests.factories import MembershipFactory, UserFactory
from tests.learning_builders import build_course, enroll

COURSES = "/api/v1/courses/"
ENROLLMENTS = "/api/v1/enrollments/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def course(world):
    return build_course(world.designer, institution=world.national, name="Catálogo").course


def _statements(enrollment_id):
    return f"{ENROLLMENTS}{enrollment_id}/statements/"


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_courses_lists_offered_courses_with_their_published_version(world, api, course):
    catalog.load()
    own = build_course(world.state_admin_a, institution=world.state_a, name="Jalisco").course
    api.force_authenticate(world.alice)
    rows = {row["code"]: row for row in api.get(COURSES, {"program": "dual"}).json()["results"]}
    assert set(rows) == {course.code, own.code}
    assert rows[course.code]["published_version"] == 1
    api.force_authenticate(world.charlie)
    assert own.pk not in _ids(api.get(COURSES, {"program": "dual"}))
    assert api.get(f"{COURSES}{own.pk}/").status_code == 404
    prope = api.get(COURSES, {"program": "propedeutico"}).json()["results"]
    assert len(prope) == 5 and all(row["published_version"] is None for row in prope)
    assert api.get(COURSES, {"program": "otro"}).status_code == 400


def test_enrollments_are_scoped_and_filter_by_course(world, api, course):
    other = build_course(world.designer, institution=world.national, name="Otro").course
    mine = enroll(world.alice, world.student_a1, course)
    enroll(world.alice, world.student_a1, other)
    enroll(world.bob, world.student_a2, course)
    api.force_authenticate(world.alice)
    assert _ids(api.get(ENROLLMENTS, {"course": course.pk})) == {mine.pk}
    row = api.get(f"{ENROLLMENTS}{mine.pk}/").json()
    assert (row["matricula"], row["version"], row["status"]) == ("2614001", 1, "active")
    api.force_authenticate(world.charlie)
    assert _ids(api.get(ENROLLMENTS)) == set()
    assert api.get(f"{ENROLLMENTS}{mine.pk}/").status_code == 404


def test_teacher_enrolls_a_student_of_their_campus_through_the_api(world, api, course):
    api.force_authenticate(world.teacher_a1)
    due_on = (timezone.localdate() + timedelta(days=200)).isoformat()
    response = api.post(
        ENROLLMENTS,
        {"student": world.student_a1.pk, "course": course.pk, "due_on": due_on},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == due_on
    assert Enrollment.objects.get().enrolled_by == world.teacher_a1


def test_api_refuses_a_student_of_another_campus_and_writes_nothing(world, api, course):
    api.force_authenticate(world.teacher_a1)
    response = api.post(
        ENROLLMENTS, {"student": world.student_a2.pk, "course": course.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "student"
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize(
    ("due_on", "message"),
    [
        (date(1900, 1, 1), "anterior a hoy"),
        (lambda today: today - timedelta(days=1), "anterior a hoy"),
        (lambda today: today + timedelta(days=365 * 5 + 30), "5 años"),
        (date(2206, 6, 30), "5 años"),
    ],
)
def test_api_refuses_a_due_date_in_the_past_or_too_far_ahead(world, api, course, due_on, message):
    if callable(due_on):
        due_on = due_on(timezone.localdate())
    api.force_authenticate(world.alice)
    response = api.post(
        ENROLLMENTS,
        {"student": world.student_a1.pk, "course": course.pk, "due_on": due_on.isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "due_on"
    assert message in response.json()["detail"]
    assert not Enrollment.objects.exists()


def test_a_due_date_today_or_within_five_years_is_accepted(world, api, course):
    today = timezone.localdate()
    enrollments.check_due_on(today)
    enrollments.check_due_on(today + timedelta(days=365 * 5))
    enrollments.check_due_on(None)


@pytest.mark.parametrize("form_class", [EnrollForm, BulkEnrollForm])
def test_the_enrollment_pages_apply_the_same_due_date_rule(world, form_class):
    form = form_class({"matricula": "2614001", "due_on": "1900-01-01"}, viewer=world.alice)
    assert not form.is_valid()
    assert "anterior a hoy" in form.errors["due_on"][0]


def test_enrolling_twice_through_the_api_is_a_conflict(world, api, course):
    enroll(world.alice, world.student_a1, course)
    api.force_authenticate(world.alice)
    response = api.post(
        ENROLLMENTS, {"student": world.student_a1.pk, "course": course.pk}, format="json"
    )
    assert response.status_code == 409
    assert "ya está inscrito" in response.json()["detail"]


def test_enrolling_in_an_unpublished_course_is_a_conflict(world, api):
    catalog.load()
    api.force_authenticate(world.alice)
    prope = api.get(COURSES, {"program": "propedeutico"}).json()["results"][0]
    response = api.post(
        ENROLLMENTS, {"student": world.student_a1.pk, "course": prope["id"]}, format="json"
    )
    assert response.status_code == 409
    assert "en preparación" in response.json()["detail"]


def test_reader_without_enrollment_rights_gets_403_on_create(world, api, course):
    director = UserFactory(username="director_a1")
    MembershipFactory(user=director, institution=world.campus_a1, role="director")
    api.force_authenticate(director)
    response = api.post(
        ENROLLMENTS, {"student": world.student_a1.pk, "course": course.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Enrollment.objects.exists()


def test_statements_of_an_enrollment_are_xapi_without_personal_data(world, api, course):
    enrollment = enroll(world.alice, world.student_a1, course)
    activity = enrollment.version.activities.first()
    events.record(
        enrollment=enrollment,
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=activity.key,
        activity_key=activity.key,
        result={"score": "0.75"},
    )
    api.force_authenticate(world.alice)
    body = api.get(_statements(enrollment.pk)).json()
    assert body["count"] == 2
    registered, completed = body["results"]
    assert registered["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert completed["result"] == {"score": {"scaled": 0.75}, "completion": True}
    assert completed["actor"]["account"]["name"] == str(world.student_a1.pk)
    text = str(body)
    for personal in ("2614001", world.student_a1.get_full_name(), world.student_a1.email):
        assert personal not in text


def test_statements_of_another_campus_are_not_found(world, api, course):
    enrollment = enroll(world.alice, world.student_a1, course)
    api.force_authenticate(world.charlie)
    assert api.get(_statements(enrollment.pk)).status_code == 404
    designer = world.designer  # authors content but does not follow students
    api.force_authenticate(designer)
    assert api.get(_statements(enrollment.pk)).status_code == 404


def test_anonymous_callers_get_401(api, world):
    assert api.get(ENROLLMENTS).status_code == 401


def test_api_schema_validates(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert "/api/v1/enrollments/{enrollment_id}/statements/" in (tmp_path / "s.yml").read_text()
