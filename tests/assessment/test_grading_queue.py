"""The grading queue and the answer page over HTTP: scoped to the grader's campuses,
filtered by activity and group, anonymised on request (the name shown only after
saving), «Guardar y siguiente», and a bounded number of queries however long the
queue is."""

import re

import pytest
from django.urls import reverse

from impulsa.assessment.grading.selectors import anonymous_code
from impulsa.assessment.models import GradingState
from tests.assessment.grading_builders import essay_course, student
from tests.factories import GroupFactory

QUEUE = "/calificar/"


@pytest.fixture
def course(world):
    return essay_course(world)


def _grade_url(answer, **params):
    url = reverse("grading:grade", kwargs={"answer_id": answer.pk})
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{url}?{query}" if query else url


def test_the_queue_lists_only_the_grader_s_campus(world, login, course):
    mine = course.answer(world.alice, world.student_a1)
    course.answer(world.bob, world.student_a2)
    course.answer(world.charlie, world.student_b1)
    world.student_a2.first_name, world.student_b1.first_name = "Hermano", "Lejano"
    world.student_a2.save()
    world.student_b1.save()

    html = login(world.teacher_a1).get(QUEUE).content.decode()

    assert "1 respuesta por calificar." in html
    assert _grade_url(mine) in html
    assert "Hermano" not in html and "Lejano" not in html


def test_the_state_admin_sees_both_campuses_of_the_state_only(world, login, course):
    course.answer(world.alice, world.student_a1)
    course.answer(world.bob, world.student_a2)
    course.answer(world.charlie, world.student_b1)
    html = login(world.state_admin_a).get(QUEUE).content.decode()
    assert "2 respuestas por calificar." in html


@pytest.mark.parametrize("role", ["director", "student", "proctor"])
def test_who_does_not_grade_gets_403(world, login, role):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username=f"q_{role}")
    MembershipFactory(user=user, institution=world.campus_a1, role=role)
    assert login(user).get(QUEUE).status_code == 403


def test_filters_by_group_and_activity(world, login, course):
    other_group = GroupFactory(campus=world.campus_a1, period=world.group_a1.period, name="102")
    first = course.answer(world.alice, world.student_a1)
    second = course.answer(
        world.alice, student(world.campus_a1, username="2614010", group=other_group)
    )
    client = login(world.teacher_a1)

    by_group = client.get(QUEUE, {"grupo": other_group.pk}).content.decode()
    assert _grade_url(second, grupo=other_group.pk) in by_group
    assert f"/respuesta/{first.pk}/" not in by_group
    assert "102 · " in by_group  # offered as a filter

    by_activity = client.get(QUEUE, {"actividad": str(first.activity_key)}).content.decode()
    assert "2 respuestas por calificar." in by_activity
    assert "Comprueba" in by_activity  # the quiz's title

    other = client.get(QUEUE, {"actividad": "4c26ed1b-0328-465e-a909-a68b4523018c"})
    assert "0 respuestas por calificar." in other.content.decode()


def test_anonymised_queue_shows_codes_not_names(world, login, course):
    answer = course.answer(world.alice, world.student_a1)
    world.student_a1.first_name = "Ximena"
    world.student_a1.save()
    client = login(world.teacher_a1)

    html = client.get(QUEUE, {"anonimo": "1"}).content.decode()
    assert "Ximena" not in html
    assert anonymous_code(answer.pk) in html
    assert re.fullmatch(r"R-[0-9A-F]{6}", anonymous_code(answer.pk))
    assert anonymous_code(answer.pk) == anonymous_code(answer.pk)

    page = client.get(_grade_url(answer, anonimo=1)).content.decode()
    assert "Ximena" not in page
    assert "como la mitad de una pizza" in page  # the student's text
    assert "media pizza" in page  # the model answer, for the grader


def test_save_and_next_reveals_the_name_and_opens_the_next_answer(world, login, course):
    first = course.answer(world.alice, world.student_a1)
    world.student_a1.first_name = "Ximena"
    world.student_a1.save()
    second = course.answer(world.alice, student(world.campus_a1, username="2614011"))
    client = login(world.teacher_a1)

    response = client.post(
        _grade_url(first, anonimo=1), {"c0": "2", "c1": "1", "comment": "Buen ejemplo."}
    )

    assert response.status_code == 302
    assert response["Location"] == _grade_url(second, anonimo=1)
    following = client.get(response["Location"]).content.decode()
    assert f"Guardado: {anonymous_code(first.pk)} era Ximena" in following
    assert "con 2.5 de 4 puntos." in following
    first.refresh_from_db()
    assert first.grading_state == GradingState.GRADED
    assert first.grader_comment == "Buen ejemplo."

    last = client.post(_grade_url(second, anonimo=1), {"c0": "0", "c1": "0"})
    assert last["Location"] == f"{QUEUE}?anonimo=1"


def test_a_missing_level_is_a_spanish_error_and_nothing_is_saved(world, login, course):
    answer = course.answer(world.alice, world.student_a1)
    response = login(world.teacher_a1).post(_grade_url(answer), {"c0": "2"})
    assert response.status_code == 400
    assert "Elige un nivel en «Ejemplos»." in response.content.decode()
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.PENDING


@pytest.mark.parametrize(("victim", "admin"), [("student_a2", "bob"), ("student_b1", "charlie")])
def test_another_campus_answer_is_404_and_unchanged(world, login, course, victim, admin):
    answer = course.answer(getattr(world, admin), getattr(world, victim))
    client = login(world.teacher_a1)

    assert client.get(_grade_url(answer)).status_code == 404
    assert client.post(_grade_url(answer), {"c0": "2", "c1": "2"}).status_code == 404
    # Naming the victim's answer in the body of a post to one's own answer changes nothing.
    mine = course.answer(world.alice, world.student_a1)
    client.post(_grade_url(mine), {"c0": "2", "c1": "2", "answer_id": answer.pk})
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.PENDING and answer.fraction == 0


def test_the_queue_costs_the_same_queries_for_1_or_8_answers(
    world, login, course, django_assert_max_num_queries
):
    client = login(world.teacher_a1)
    course.answer(world.alice, world.student_a1)
    client.get(QUEUE)  # warm the per-process caches
    with django_assert_max_num_queries(12) as few:
        client.get(QUEUE)
    one_answer = len(few)
    for n in range(7):
        course.answer(world.alice, student(world.campus_a1, username=f"26140{20 + n}"))
    client.get(QUEUE)  # new students moved the access rule's cache versions: warm again
    with django_assert_max_num_queries(one_answer):
        html = client.get(QUEUE).content.decode()
    assert "8 respuestas por calificar." in html
