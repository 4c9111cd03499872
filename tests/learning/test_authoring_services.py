"""The draft authoring services (learning/authoring/services.py) and item versioning
(assessment/services.py), called as a designer would through the pages."""

from decimal import Decimal

import pytest

from impulsa.assessment.bank import services as items
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.learning.authoring import services
from impulsa.learning.content import services as content_services
from impulsa.learning.models import Course, Unit, VariantKind
from tests.learning_builders import build_course, enroll, make_item


@pytest.fixture
def course(world):
    return services.create_course(actor=world.designer, institution=world.national, name="Álgebra")


def _skill(world, course, name, requires=()):
    return services.create_skill(actor=world.designer, course=course, name=name, requires=requires)


# --- Courses and skills -----------------------------------------------------------------


def test_new_course_is_a_dual_course_with_unpublished_changes(world, course):
    assert course.program == "dual"
    assert course.code == f"dual-{course.pk}"
    assert course.has_draft_changes and course.published_id is None


def test_designer_of_another_state_cannot_author_a_national_course(world, course):
    with pytest.raises(AccessDenied):
        services.create_unit(actor=world.designer_b, course=course, title="Intrusa")
    assert not Unit.objects.filter(course=course).exists()


def test_catalog_course_keeps_its_official_name(world):
    catalog_course = Course.objects.create(
        program="asesorias", institution=world.national, code="ases-99", name="Oficial"
    )
    with pytest.raises(DomainError, match="catálogo oficial"):
        services.update_course(
            actor=world.designer, course=catalog_course, name="Otro", description=""
        )
    services.update_course(
        actor=world.designer, course=catalog_course, name="Oficial", description="Nueva"
    )
    catalog_course.refresh_from_db()
    assert (catalog_course.name, catalog_course.description) == ("Oficial", "Nueva")


def test_a_prerequisite_cycle_is_refused_naming_the_chain(world, course):
    numbers = _skill(world, course, "Números")
    sums = _skill(world, course, "Sumas", requires=[numbers])
    products = _skill(world, course, "Productos", requires=[sums])
    with pytest.raises(DomainError) as refused:
        services.set_prerequisites(actor=world.designer, skill=numbers, requires=[products])
    assert "Números → Productos → Sumas → Números" in refused.value.message
    assert refused.value.field == "requires"
    assert not numbers.requires.exists()


def test_a_skill_cannot_require_itself_or_a_skill_of_another_course(world, course):
    own = _skill(world, course, "Números")
    other_course = services.create_course(
        actor=world.designer, institution=world.national, name="Otro"
    )
    foreign = _skill(world, other_course, "Ajena")
    with pytest.raises(DomainError, match="sí misma"):
        services.set_prerequisites(actor=world.designer, skill=own, requires=[own])
    with pytest.raises(DomainError, match="mismo curso"):
        services.set_prerequisites(actor=world.designer, skill=own, requires=[foreign])


def test_skill_codes_are_unique_within_a_course(world, course):
    _skill(world, course, "Números")
    with pytest.raises(DomainError, match="numeros"):
        _skill(world, course, "Numeros")


# --- Structure and order ----------------------------------------------------------------


def _units(world, course, *titles):
    return [services.create_unit(actor=world.designer, course=course, title=t) for t in titles]


def _titles(course):
    return list(
        Unit.objects.filter(course=course).order_by("position").values_list("title", flat=True)
    )


def test_reorder_puts_units_in_the_order_of_the_keys(world, course):
    first, second, third = _units(world, course, "Uno", "Dos", "Tres")
    services.reorder(actor=world.designer, parent=course, keys=[third.key, first.key, second.key])
    assert _titles(course) == ["Tres", "Uno", "Dos"]


def test_reorder_refuses_keys_that_do_not_match_the_children(world, course):
    first, _second = _units(world, course, "Uno", "Dos")
    with pytest.raises(DomainError, match="recarga la página"):
        services.reorder(actor=world.designer, parent=course, keys=[first.key])
    with pytest.raises(DomainError):
        services.reorder(actor=world.designer, parent=course, keys=[first.key, first.key])
    assert _titles(course) == ["Uno", "Dos"]


def test_move_shifts_one_place_and_stops_at_the_edges(world, course):
    first, _second, third = _units(world, course, "Uno", "Dos", "Tres")
    services.move(actor=world.designer, node=third, offset=-1)
    assert _titles(course) == ["Uno", "Tres", "Dos"]
    services.move(actor=world.designer, node=first, offset=-1)
    assert _titles(course) == ["Uno", "Tres", "Dos"]
    services.move(actor=world.designer, node=first, offset=+1)
    assert _titles(course) == ["Tres", "Uno", "Dos"]


def test_activities_move_within_their_lesson(world, course):
    [unit] = _units(world, course, "Uno")
    lesson = services.create_lesson(actor=world.designer, unit=unit, title="Lección")
    _a, b = (
        services.create_activity(actor=world.designer, lesson=lesson, kind="content", title=t)
        for t in ("A", "B")
    )
    services.move(actor=world.designer, node=b, offset=-1)
    assert list(lesson.activities.order_by("position").values_list("title", flat=True)) == [
        "B",
        "A",
    ]


def test_activity_kind_and_variants_are_validated(world, course):
    [unit] = _units(world, course, "Uno")
    lesson = services.create_lesson(actor=world.designer, unit=unit, title="Lección")
    with pytest.raises(DomainError, match="tipo de actividad"):
        services.create_activity(actor=world.designer, lesson=lesson, kind="juego", title="X")
    page = services.create_activity(
        actor=world.designer, lesson=lesson, kind="content", title="Página"
    )
    with pytest.raises(DomainError, match="https://"):
        content_services.save_variant(
            actor=world.designer, activity=page, kind=VariantKind.VIDEO, video_url="http://x.mx"
        )
    with pytest.raises(DomainError, match="Escribe el contenido"):
        content_services.save_variant(actor=world.designer, activity=page, kind=VariantKind.TEXT)
    quiz = services.create_activity(
        actor=world.designer, lesson=lesson, kind="quiz", title="Cuestionario"
    )
    with pytest.raises(DomainError, match="Solo las páginas"):
        content_services.save_variant(actor=world.designer, activity=quiz, kind="text", body="Hola")


# --- Item versioning ---------------------------------------------------------------------


def _edit(world, item, stem):
    current = item.current
    return items.update_item(
        actor=world.designer,
        item=item,
        type=current.type,
        name=current.name,
        stem=stem,
        body=current.body,
        general_feedback=current.general_feedback,
        hints=current.hints,
    )


def test_editing_an_item_nobody_has_seen_changes_it_in_place(world, course):
    item = make_item(world.designer, course, "true_false")
    edited = _edit(world, item, "El 2 es par.")
    assert edited.pk == item.current_id and edited.number == 1
    assert ItemVersion.objects.filter(item=item).count() == 1


def test_editing_an_answered_item_adds_a_version_and_old_answers_keep_theirs(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    item = built.items["true_false"]
    old = item.current
    answer = Answer.objects.create(
        enrollment=enrollment,
        activity_key=built.quiz.key,
        item_version=old,
        response=True,
        fraction=Decimal("1"),
    )
    new = _edit(world, item, "El 0 es un número par, ¿verdad?")
    assert new.pk != old.pk and new.number == 2
    item.refresh_from_db()
    assert item.current_id == new.pk
    answer.refresh_from_db()
    assert answer.item_version_id == old.pk
    old.refresh_from_db()
    assert old.stem == "El 0 es un número par."


def test_an_unchanged_edit_adds_no_version(world):
    built = build_course(world.designer, institution=world.national)
    item = built.items["numeric"]
    same = _edit(world, item, item.current.stem)
    assert same.pk == item.current_id
    assert ItemVersion.objects.filter(item=item).count() == 1
