"""Publishing freezes a draft into a numbered version; students keep their progress
when moved to a newer one."""

import pytest

from impulsa.assessment.bank import services as items
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.learning.authoring import services
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.events import services as events
from impulsa.learning.models import (
    ActivityProgress,
    CourseVersion,
    PublishedActivity,
    Verb,
)
from impulsa.learning.publishing import services as publishing
from tests.learning_builders import build_course, enroll


@pytest.fixture
def draft(world):
    return build_course(world.designer, institution=world.national, publish=False)


def _publish(world, course):
    version = publishing.publish(actor=world.designer, course=course)
    course.refresh_from_db()
    return version


def _complete(enrollment, activity):
    events.record(
        enrollment=enrollment,
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=activity.key,
        activity_key=activity.key,
        result={"score": "1"},
    )


def test_an_empty_course_cannot_be_published(world):
    course = services.create_course(actor=world.designer, institution=world.national, name="Vacío")
    assert publishing.problems(course) == ["El curso no tiene actividades."]
    with pytest.raises(DomainError, match="no tiene actividades"):
        publishing.publish(actor=world.designer, course=course)
    assert not CourseVersion.objects.filter(course=course).exists()


def test_problems_name_each_empty_unit_lesson_page_and_activity(world, draft):
    course = draft.course
    services.create_unit(actor=world.designer, course=course, title="Unidad vacía")
    unit = draft.lessons[0].unit
    services.create_lesson(actor=world.designer, unit=unit, title="Lección vacía")
    services.create_activity(
        actor=world.designer, lesson=draft.lessons[0], kind="content", title="Sin texto"
    )
    services.create_activity(
        actor=world.designer, lesson=draft.lessons[0], kind="quiz", title="Sin reactivos"
    )
    found = publishing.problems(course)
    assert "La unidad «Unidad vacía» no tiene lecciones." in found
    assert "La lección «Lección vacía» no tiene actividades." in found
    assert "La página «Sin texto» no tiene contenido." in found
    assert "La actividad «Sin reactivos» no tiene reactivos." in found


def test_publishing_freezes_outline_rendered_content_and_item_versions(world, draft):
    course = draft.course
    version = _publish(world, course)
    assert (version.number, course.published_id, course.has_draft_changes) == (1, version.pk, False)
    lessons = [lesson for unit in version.outline["units"] for lesson in unit["lessons"]]
    assert [a["title"] for lesson in lessons for a in lesson["activities"]] == [
        "Qué es una fracción",
        "Practica",
        "Comprueba",
    ]
    assert version.outline["skills"][1] == {
        "code": "fracciones",
        "name": "Fracciones",
        "requires": ["aritmetica"],
    }
    content = PublishedActivity.objects.get(version=version, key=draft.content.key)
    assert "<strong>fracción</strong>" in content.variants[0]["html"]
    assert "<math" in content.variants[0]["html"]
    quiz = PublishedActivity.objects.get(version=version, key=draft.quiz.key)
    expected = [draft.items[t].current_id for t in ("single_choice", "true_false", "numeric")]
    assert quiz.frozen["item_versions"] == expected and quiz.frozen["pools"] == []
    assert quiz.frozen["policy"]["max_attempts"] == 3  # a quiz's default policy, frozen too
    assert quiz.skill_codes == ["aritmetica"]


def test_editing_a_published_item_leaves_the_published_version_alone(world, draft):
    version = _publish(world, draft.course)
    item = draft.items["single_choice"]
    frozen = item.current
    edited = items.update_item(
        actor=world.designer,
        item=item,
        type=frozen.type,
        name=frozen.name,
        stem="¿Cuánto es un medio más un cuarto?",
        body=frozen.body,
    )
    assert edited.pk != frozen.pk
    quiz = PublishedActivity.objects.get(version=version, key=draft.quiz.key)
    assert quiz.frozen["item_versions"][0] == frozen.pk
    draft.course.refresh_from_db()
    assert draft.course.has_draft_changes


def test_only_an_author_of_the_owning_node_publishes(world, draft):
    with pytest.raises(AccessDenied):
        publishing.publish(actor=world.designer_b, course=draft.course)
    with pytest.raises(AccessDenied):
        publishing.publish(actor=world.alice, course=draft.course)


def test_republishing_and_syncing_keeps_the_students_progress(world, draft):
    course = draft.course
    first = _publish(world, course)
    enrollment = enroll(world.alice, world.student_a1, course)
    _complete(enrollment, draft.content)
    _complete(enrollment, draft.practice)
    services.rename(actor=world.designer, node=draft.content, title="Fracciones, de nuevo")
    services.delete_node(actor=world.designer, node=draft.practice)
    second = _publish(world, course)
    assert second.number == 2
    enrollment.refresh_from_db()
    assert enrollment.version_id == first.pk  # students move only when they open the course
    assert enrollments.sync_version(enrollment) is True
    enrollment.refresh_from_db()
    assert enrollment.version_id == second.pk
    kept = ActivityProgress.objects.filter(enrollment=enrollment)
    assert set(kept.values_list("activity_key", flat=True)) == {
        draft.content.key,
        draft.practice.key,
    }
    titles = [
        a["title"]
        for unit in second.outline["units"]
        for lesson in unit["lessons"]
        for a in lesson["activities"]
    ]
    assert titles == ["Fracciones, de nuevo", "Comprueba"]
    assert enrollments.sync_version(enrollment) is False


def test_first_version_stays_intact_after_republishing(world, draft):
    course = draft.course
    first = _publish(world, course)
    services.rename(actor=world.designer, node=draft.content, title="Título nuevo")
    _publish(world, course)
    old = PublishedActivity.objects.get(version=first, key=draft.content.key)
    assert old.title == "Qué es una fracción"
