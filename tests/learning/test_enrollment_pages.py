"""The enrollment pages as staff use them: the catalog, a course's students, enrolling
one student or a whole group, and withdrawing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from impulsa.learning.catalog import services as catalog
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.events import services as events
from impulsa.learning.models import Course, Enrollment, EnrollmentSource, EnrollmentStatus, Verb
from tests.factories import MembershipFactory, StudentProfileFactory, UserFactory
from tests.learning_builders import build_course, enroll

CATALOG = reverse("enrollment:catalog")


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Fracciones")


def _url(name, course):
    return reverse(f"enrollment:{name}", kwargs={"course_id": course.pk})


def _student(world, campus, group=None, **kwargs):
    profile = StudentProfileFactory(campus=campus, career=world.career_a1, group=group, **kwargs)
    MembershipFactory(user=profile.user, institution=campus, role="student")
    return profile


def _query_count(client, url) -> int:
    client.get(url)  # the first request of a session fills caches (tree, grants)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Catalog ----------------------------------------------------------------------------


def test_catalog_groups_the_official_courses_and_marks_unpublished_ones(world, login, built):
    catalog.load()
    enroll(world.alice, world.student_a1, built.course)
    response = login(world.alice).get(CATALOG)
    assert response.status_code == 200
    sections = {s["title"]: s["groups"] for s in response.context["sections"]}
    [(_heading, prope_rows)] = sections["Propedéutico"]
    assert [c.number for c in prope_rows] == [1, 2, 3, 4, 5]
    prope = len(prope_rows)
    ases = sum(len(rows) for _semester, rows in sections["Asesorías"])
    assert (prope, ases) == (5, 32)
    assert [h for h, _rows in sections["Asesorías"]][:2] == ["1.º semestre", "2.º semestre"]
    dual = [c for _h, rows in sections["Ecosistema Dual"] for c in rows]
    assert [(c.name, c.enrolled) for c in dual] == [("Fracciones", 1)]
    html = response.content.decode()
    assert "Contenido en preparación" in html
    assert "Disponible v1" in html


def test_catalog_counts_only_students_in_the_viewers_scope(world, login, built):
    enroll(world.alice, world.student_a1, built.course)
    enroll(world.bob, world.student_a2, built.course)
    counts = {
        user.username: [
            c.enrolled
            for _t, groups in [(s["title"], s["groups"]) for s in login(user).get(CATALOG).context["sections"]]
            for _h, rows in groups
            for c in rows
            if c.pk == built.course.pk
        ]
        for user in (world.alice, world.state_admin_a, world.charlie)
    }  # fmt: skip
    assert counts == {"alice": [1], "estatal_jal": [2], "charlie": [0]}


def test_catalog_query_count_does_not_grow_with_courses(world, login, built):
    client = login(world.alice)
    few = _query_count(client, CATALOG)
    catalog.load()
    assert _query_count(client, CATALOG) == few


def test_withdrawn_students_are_not_counted_in_the_catalog(world, login, built):
    enrollment = enroll(world.alice, world.student_a1, built.course)
    client = login(world.alice)
    client.post(reverse("enrollment:withdraw", kwargs={"enrollment_id": enrollment.pk}))
    dual = client.get(CATALOG).context["sections"][2]["groups"][0][1]
    assert dual[0].enrolled == 0


# --- A course's enrollments -------------------------------------------------------------


def test_course_page_shows_status_progress_last_visit_and_due_date(world, login, built):
    enrollment = enroll(world.alice, world.student_a1, built.course)
    for activity in (built.content, built.practice):
        events.record(
            enrollment=enrollment,
            verb=Verb.COMPLETED,
            object_type="activity",
            object_id=activity.key,
            activity_key=activity.key,
        )
    events.record(
        enrollment=enrollment,
        verb=Verb.EXPERIENCED,
        object_type="activity",
        object_id=built.quiz.key,
        activity_key=built.quiz.key,
    )
    response = login(world.alice).get(_url("course", built.course))
    assert response.status_code == 200
    [(row, percent, manageable, again)] = response.context["rows"]
    assert row.pk == enrollment.pk
    assert percent == 67  # 2 of the 3 activities in the outline
    assert manageable and not again
    html = response.content.decode()
    assert "2614001" in html and "En curso" in html and "67 %" in html
    assert "Nunca" not in html  # a visit was recorded


def test_course_page_filters_by_status(world, login, built):
    enroll(world.alice, world.student_a1, built.course)
    response = login(world.alice).get(_url("course", built.course), {"status": "withdrawn"})
    assert response.context["rows"] == []


def test_course_page_query_count_does_not_grow_with_students(world, login, built):
    client = login(world.alice)
    enroll(world.alice, world.student_a1, built.course)
    one = _query_count(client, _url("course", built.course))
    for _ in range(12):
        student = _student(world, world.campus_a1).user
        enrollment = enroll(world.alice, student, built.course)
        events.record(
            enrollment=enrollment,
            verb=Verb.COMPLETED,
            object_type="activity",
            object_id=built.content.key,
            activity_key=built.content.key,
        )
    assert _query_count(client, _url("course", built.course)) == one


def test_course_page_is_paginated(world, login, built):
    students = [_student(world, world.campus_a1).user for _ in range(51)]
    enrollments.enroll_many(actor=world.alice, students=students, course=built.course)
    client = login(world.alice)
    assert len(client.get(_url("course", built.course)).context["rows"]) == 50
    assert len(client.get(_url("course", built.course), {"page": 2}).context["rows"]) == 1


def test_unpublished_course_page_says_content_is_in_preparation(world, login):
    catalog.load()
    course = Course.objects.get(code="ases-1")
    response = login(world.alice).get(_url("course", course))
    assert "Contenido en preparación" in response.content.decode()
    assert not response.context["rows"]


# --- Enrolling one student --------------------------------------------------------------


def test_search_finds_a_managed_student_by_name_or_matricula(world, login, built):
    client = login(world.teacher_a1)
    by_matricula = client.get(_url("enroll", built.course), {"q": "2614001"})
    assert [(p.user, status) for p, status in by_matricula.context["results"]] == [
        (world.student_a1, None)
    ]
    accentless = world.student_a1.last_name.lower()
    by_name = client.get(_url("enroll", built.course), {"q": accentless})
    assert world.student_a1 in [p.user for p, _status in by_name.context["results"]]


def test_search_marks_students_already_enrolled(world, login, built):
    enroll(world.alice, world.student_a1, built.course)
    response = login(world.alice).get(_url("enroll", built.course), {"q": "2614001"})
    assert [status for _p, status in response.context["results"]] == ["active"]
    assert "Ya inscrito" in response.content.decode()


def test_teacher_enrolls_a_student_of_their_campus_with_reason_and_due_date(world, login, built):
    due = timezone.localdate() + datetime.timedelta(days=30)
    response = login(world.teacher_a1).post(
        _url("enroll", built.course),
        {"matricula": "2614001", "reason": "Reprobó Matemáticas", "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(student=world.student_a1, course=built.course)
    assert (enrollment.reason, enrollment.due_on, enrollment.source) == (
        "Reprobó Matemáticas",
        due,
        EnrollmentSource.STAFF,
    )
    assert enrollment.enrolled_by == world.teacher_a1


def test_enrolling_twice_shows_the_services_message_on_the_form(world, login, built):
    enroll(world.alice, world.student_a1, built.course)
    response = login(world.alice).post(_url("enroll", built.course), {"matricula": "2614001"})
    assert response.status_code == 200
    assert "ya está inscrito" in response.content.decode()


def test_a_past_due_date_is_refused(world, login, built):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = login(world.alice).post(
        _url("enroll", built.course), {"matricula": "2614001", "due_on": yesterday.isoformat()}
    )
    assert "no puede ser anterior a hoy" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_enroll_page_of_an_unpublished_course_disables_the_form(world, login):
    catalog.load()
    course = Course.objects.get(code="prope-1")
    client = login(world.alice)
    assert "en preparación" in client.get(_url("enroll", course)).content.decode()
    response = client.post(_url("enroll", course), {"matricula": "2614001"})
    assert "en preparación" in response.content.decode()
    assert not Enrollment.objects.exists()


# --- Bulk enrollment --------------------------------------------------------------------


def test_bulk_enrollment_confirms_the_count_before_enrolling_a_group(world, login, built):
    extra = _student(world, world.campus_a1, group=world.group_a1).user
    enroll(world.alice, world.student_a1, built.course)
    client = login(world.alice)
    data = {"group": world.group_a1.pk, "matriculas": "", "reason": "Grupo 101"}
    review = client.post(_url("enroll_bulk", built.course), data)
    assert review.status_code == 200
    assert [review.context[k] for k in ("total", "new", "already")] == [2, 1, 1]
    assert "Se inscribirá 1 alumno." in review.content.decode()
    assert Enrollment.objects.filter(course=built.course).count() == 1
    done = client.post(_url("enroll_bulk", built.course), {**data, "confirm": "1"}, follow=True)
    assert "1 nuevas, 1 ya estaban inscritos" in done.content.decode()
    created = Enrollment.objects.get(student=extra, course=built.course)
    assert (created.source, created.reason) == (EnrollmentSource.BULK, "Grupo 101")


def test_bulk_enrollment_of_pasted_matriculas_skips_blank_lines_and_repeats(world, login, built):
    other = _student(world, world.campus_a1, matricula="2614999").user
    client = login(world.alice)
    data = {"matriculas": "2614001\n\n 2614999 \n2614001\n", "confirm": "1"}
    client.post(_url("enroll_bulk", built.course), data)
    enrolled = set(Enrollment.objects.values_list("student", flat=True))
    assert enrolled == {world.student_a1.pk, other.pk}


def test_bulk_enrollment_names_each_unknown_line_and_enrolls_nobody(world, login, built):
    client = login(world.alice)
    data = {"matriculas": "2614001\n9999999\n\n2614002", "confirm": "1"}
    response = client.post(_url("enroll_bulk", built.course), data)
    html = response.content.decode()
    assert "Línea 2: no hay un alumno con la matrícula «9999999»" in html
    # student_a2 studies at campus A2, which alice does not manage.
    assert "Línea 4: no hay un alumno con la matrícula «2614002»" in html
    assert not Enrollment.objects.exists()


def test_bulk_enrollment_asks_for_a_group_or_matriculas(world, login, built):
    response = login(world.alice).post(_url("enroll_bulk", built.course), {"matriculas": " \n"})
    assert "Elige un grupo o pega al menos una matrícula" in response.content.decode()


def test_bulk_form_offers_only_groups_the_viewer_manages(world, login, built):
    response = login(world.alice).get(_url("enroll_bulk", built.course))
    groups = list(response.context["form"].fields["group"].queryset)
    assert groups == [world.group_a1]


# --- Withdrawing ------------------------------------------------------------------------


def test_withdrawing_asks_first_then_marks_the_enrollment(world, login, built):
    enrollment = enroll(world.alice, world.student_a1, built.course)
    client = login(world.teacher_a1)
    url = reverse("enrollment:withdraw", kwargs={"enrollment_id": enrollment.pk})
    assert "¿Dar de baja a" in client.get(url).content.decode()
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE
    assert client.post(url).status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN


def test_student_pages_are_refused_to_a_student(world, login, built):
    client = login(world.student_a1)
    assert client.get(CATALOG).status_code == 403
    assert client.get(_url("course", built.course)).status_code == 403


def test_a_user_without_roles_is_refused(world, login):
    nobody = UserFactory()
    assert login(nobody).get(CATALOG).status_code == 403
