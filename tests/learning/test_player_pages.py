"""The student's player pages: my courses, course home, activity page, events."""

import gzip
from dataclasses import dataclass

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from impulsa.assessment.answering import services as answering
from impulsa.assessment.models import ItemVersion
from impulsa.learning.authoring import services
from impulsa.learning.content import services as content_services
from impulsa.learning.events import services as events
from impulsa.learning.models import (
    ActivityProgress,
    Enrollment,
    LearningEvent,
    PublishedActivity,
    Verb,
)
from impulsa.learning.publishing import services as publishing
from tests import quiz_steps
from tests.learning_builders import build_course, enroll


@dataclass
class Setup:
    built: object
    enrollment: Enrollment

    def url(self, activity=None):
        if activity is None:
            return reverse("player:course", kwargs={"enrollment_id": self.enrollment.pk})
        return reverse(
            "player:activity",
            kwargs={"enrollment_id": self.enrollment.pk, "activity_key": activity.key},
        )


@pytest.fixture
def setup(world):
    built = build_course(world.designer, institution=world.national)
    return Setup(built, enroll(world.alice, world.student_a1, built.course))


def _events(enrollment, verb):
    return list(LearningEvent.objects.filter(enrollment=enrollment, verb=verb).order_by("id"))


def _progress(enrollment, activity):
    return ActivityProgress.objects.filter(enrollment=enrollment, activity_key=activity.key).first()


def test_my_courses_lists_the_students_enrollments_with_percent_done(world, setup, login):
    client = login(world.student_a1)
    client.get(setup.url(setup.built.content))
    client.post(
        reverse(
            "player:complete",
            kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
        )
    )
    page = client.get(reverse("player:my_courses")).content.decode()
    assert "Curso de prueba" in page
    assert "33 % terminado (1 de 3 actividades)" in page
    assert setup.url() in page


def test_my_courses_query_count_does_not_grow_with_enrollments(
    world, login, django_assert_max_num_queries
):
    client = login(world.student_a1)
    for number in range(4):
        built = build_course(world.designer, institution=world.national, name=f"Curso {number}")
        enroll(world.alice, world.student_a1, built.course)
    client.get(reverse("player:my_courses"))  # warms the branding cache
    with django_assert_max_num_queries(5):
        response = client.get(reverse("player:my_courses"))
    assert response.content.decode().count("player-progress") == 4


def test_another_student_and_staff_get_404_on_an_enrollment(world, setup, login):
    activity = setup.built.practice
    for user in (world.student_a2, world.student_b1, world.alice, world.charlie):
        client = login(user)
        assert client.get(setup.url()).status_code == 404
        assert client.get(setup.url(activity)).status_code == 404
        assert "Curso de prueba" not in client.get(reverse("player:my_courses")).content.decode()
    assert not LearningEvent.objects.filter(verb=Verb.EXPERIENCED).exists()


def test_opening_an_activity_records_experienced_and_moves_the_resume_pointer(world, setup, login):
    client = login(world.student_a1)
    response = client.get(setup.url(setup.built.practice))
    assert response.status_code == 200
    (event,) = _events(setup.enrollment, Verb.EXPERIENCED)
    assert event.activity_key == setup.built.practice.key
    setup.enrollment.refresh_from_db()
    assert setup.enrollment.last_activity_key == setup.built.practice.key
    page = client.get(setup.url()).content.decode()
    assert "Continuar donde me quedé" in page
    assert setup.url(setup.built.practice) in page.split("Continuar donde me quedé")[0]


def test_activity_page_shows_lesson_steps_and_links_across_lessons(world, setup, login):
    client = login(world.student_a1)
    page = client.get(setup.url(setup.built.practice)).content.decode()
    assert 'aria-current="step"' in page
    assert "Fracciones" in page  # the lesson's title
    assert setup.url(setup.built.content) in page  # previous in the same lesson
    assert f'href="{setup.url(setup.built.quiz)}" rel="next"' in page  # next lesson


def test_finished_reading_completes_a_content_page_once(world, setup, login):
    client = login(world.student_a1)
    url = reverse(
        "player:complete",
        kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
    )
    assert client.post(url).status_code == 302
    client.post(url)
    assert len(_events(setup.enrollment, Verb.COMPLETED)) == 1
    assert _progress(setup.enrollment, setup.built.content).status == "completed"
    page = client.get(setup.url(setup.built.content)).content.decode()
    assert "Ya terminaste esta lectura." in page
    home = client.get(setup.url()).content.decode()
    assert "1 de 3" in home


def test_finished_reading_refuses_a_practice(world, setup, login):
    client = login(world.student_a1)
    url = reverse(
        "player:complete",
        kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.practice.key},
    )
    assert client.post(url).status_code == 404
    assert not _events(setup.enrollment, Verb.COMPLETED)


def test_content_variant_switcher_shows_the_chosen_variant(world, setup, login):
    content_services.save_variant(
        actor=world.designer,
        activity=setup.built.content,
        kind="worked_example",
        body="Ejemplo: $\\frac{1}{2}$ de pizza.",
    )
    publishing.publish(actor=world.designer, course=setup.built.course)
    client = login(world.student_a1)
    client.get(setup.url())  # moves the student to the new version
    page = client.get(setup.url(setup.built.content)).content.decode()
    assert "reparte un entero" in page and "de pizza" not in page
    assert "?variante=worked_example" in page
    page = client.get(setup.url(setup.built.content) + "?variante=worked_example").content.decode()
    assert "de pizza" in page and "reparte un entero" not in page


def test_time_beacon_records_spent_time_capped(world, setup, login):
    client = login(world.student_a1)
    url = reverse(
        "player:time",
        kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
    )
    assert client.post(url, {"seconds": "99999"}).status_code == 204
    assert client.post(url, {"seconds": "-3"}).status_code == 400
    assert client.post(url, {"seconds": "0"}).status_code == 204
    # One beat claims at most MAX_SECONDS_PER_BEAT (the wall-clock bound on many beats
    # is tested in test_studying.py).
    cap = events.MAX_SECONDS_PER_BEAT
    assert [e.result["seconds"] for e in _events(setup.enrollment, Verb.SPENT_TIME)] == [cap]
    assert _progress(setup.enrollment, setup.built.content).seconds == cap


def test_time_beacon_needs_the_csrf_token(world, setup, login, client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = login(world.student_a1).cookies
    url = reverse(
        "player:time",
        kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
    )
    assert csrf_client.post(url, {"seconds": "5"}).status_code == 403
    page = csrf_client.get(setup.url(setup.built.content)).content.decode()
    token = page.split('data-csrf="')[1].split('"')[0]
    assert csrf_client.post(url, {"seconds": "5", "csrfmiddlewaretoken": token}).status_code == 204


def test_course_home_reports_unit_skill_and_due_progress(world, setup, login):
    import datetime

    Enrollment.objects.filter(pk=setup.enrollment.pk).update(due_on=datetime.date(2026, 12, 15))
    client = login(world.student_a1)
    quiz = PublishedActivity.objects.get(version=setup.enrollment.version, key=setup.built.quiz.key)
    versions = ItemVersion.objects.in_bulk(quiz.frozen["item_versions"])
    single = next(v for v in versions.values() if v.type == "single_choice")
    quiz_steps.answer(world.student_a1, setup.enrollment, quiz.key, single, 0)
    quiz_steps.finish(world.student_a1, setup.enrollment, quiz.key)
    page = client.get(setup.url()).content.decode()
    assert "1 de 3 actividades" in page
    assert "Aritmética" in page and "cuestionarios: 33 %" in page
    assert "2026-12-15" in page
    assert page.count("player-check-empty") == 2


def test_course_home_after_republish_syncs_version_and_keeps_progress(world, setup, login):
    client = login(world.student_a1)
    client.post(
        reverse(
            "player:complete",
            kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
        )
    )
    extra = services.create_activity(
        actor=world.designer, lesson=setup.built.lessons[1], kind="content",
        title="Lectura nueva",
    )  # fmt: skip
    content_services.save_variant(actor=world.designer, activity=extra, kind="text", body="Nuevo.")
    new_version = publishing.publish(actor=world.designer, course=setup.built.course)
    page = client.get(setup.url()).content.decode()
    assert "El curso se actualizó; tu avance se conservó." in page
    assert "1 de 4 actividades" in page and "Lectura nueva" in page
    setup.enrollment.refresh_from_db()
    assert setup.enrollment.version_id == new_version.pk
    assert "se actualizó" not in client.get(setup.url()).content.decode()


def test_course_home_query_count_does_not_grow_with_course_size(
    world, setup, login, django_assert_max_num_queries
):
    client = login(world.student_a1)
    client.get(setup.url())
    for number in range(6):
        activity = services.create_activity(
            actor=world.designer, lesson=setup.built.lessons[1], kind="content",
            title=f"Lectura {number}",
        )  # fmt: skip
        content_services.save_variant(
            actor=world.designer, activity=activity, kind="text", body="x"
        )
    publishing.publish(actor=world.designer, course=setup.built.course)
    client.get(setup.url())  # syncs to the bigger version
    with django_assert_max_num_queries(6):
        page = client.get(setup.url()).content.decode()
    assert "Lectura 5" in page


def test_practice_page_with_eight_items_runs_a_bounded_number_of_queries(
    world, setup, login, django_assert_max_num_queries
):
    """The cache versions, the enrollment, the `experienced` event (the enrollment's
    lock, then the event with its progress in one statement), the lesson's progress
    and the answers; user, memberships, activity and item versions are remembered.
    The count is the same for a quiz of 3 items."""
    client = login(world.student_a1)
    client.get(setup.url(setup.built.practice))
    with django_assert_max_num_queries(6):
        page = client.get(setup.url(setup.built.practice)).content.decode()
    assert page.count('class="card mb-3 player-item"') == 8


def test_activity_page_and_its_static_files_weigh_under_100_kb_gzipped(world, setup, login):
    client = login(world.student_a1)
    page = client.get(setup.url(setup.built.practice)).content.decode()
    total = len(gzip.compress(page.encode()))
    for marker, end in (('<link rel="stylesheet" href="', '"'), ('<script src="', '"')):
        for chunk in page.split(marker)[1:]:
            path = chunk.split(end)[0].removeprefix("/static/")
            found = finders.find(path)
            assert found, path
            with open(found, "rb") as handle:
                total += len(gzip.compress(handle.read()))
    assert total < 100 * 1024, total


def test_rebuild_progress_reproduces_live_progress(world, setup, login):
    client = login(world.student_a1)
    client.get(setup.url(setup.built.content))
    client.post(
        reverse(
            "player:complete",
            kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
        )
    )
    client.post(
        reverse(
            "player:time",
            kwargs={"enrollment_id": setup.enrollment.pk, "activity_key": setup.built.content.key},
        ),
        {"seconds": "30"},
    )
    practice = PublishedActivity.objects.get(
        version=setup.enrollment.version, key=setup.built.practice.key
    )
    for version in ItemVersion.objects.filter(pk__in=practice.frozen["item_versions"]):
        if version.type in ("true_false", "numeric"):
            answering.save_answer(
                actor=world.student_a1, enrollment=setup.enrollment, activity=practice,
                item_version=version, response="12" if version.type == "numeric" else True,
            )  # fmt: skip
    quiz = PublishedActivity.objects.get(version=setup.enrollment.version, key=setup.built.quiz.key)
    client.get(setup.url(setup.built.quiz))
    for _ in range(2):
        quiz_steps.finish(world.student_a1, setup.enrollment, quiz.key)

    def snapshot():
        return sorted(
            ActivityProgress.objects.filter(enrollment=setup.enrollment).values_list(
                "activity_key", "status", "score", "attempts", "seconds"
            )
        )

    live = snapshot()
    events.rebuild_progress(setup.enrollment)
    assert snapshot() == live
    assert len(live) == 3
