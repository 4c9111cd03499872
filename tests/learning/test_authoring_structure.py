"""The course editor: add, rename, delete, move and drag-reorder units, lessons and
activities through HTTP."""

import pytest
from django.urls import reverse

from impulsa.learning.authoring import services
from impulsa.learning.models import Activity, Lesson, Unit
from tests.learning.test_authoring_courses import draft_course

pytestmark = pytest.mark.django_db


def editor(course):
    return reverse("authoring:course_detail", kwargs={"course_id": course.pk})


def titles(queryset):
    return list(queryset.order_by("position", "id").values_list("title", flat=True))


@pytest.fixture
def course(world):
    return draft_course(world.designer, world.national, "Robótica")


def test_designer_builds_a_course_tree_through_the_editor(world, login, course):
    client = login(world.designer)

    client.post(
        reverse("authoring:unit_create", kwargs={"course_id": course.pk}),
        {"unit-title": "Sensores"},
    )
    unit = Unit.objects.get(title="Sensores")
    client.post(
        reverse("authoring:lesson_create", kwargs={"unit_id": unit.pk}),
        {f"lesson-{unit.pk}-title": "Luz", f"lesson-{unit.pk}-summary": "Fotorresistencias"},
    )
    lesson = Lesson.objects.get(title="Luz")
    response = client.post(
        reverse("authoring:activity_create", kwargs={"lesson_id": lesson.pk}),
        {f"activity-{lesson.pk}-title": "Mide la luz", f"activity-{lesson.pk}-kind": "practice"},
    )  # fmt: skip

    activity = Activity.objects.get(title="Mide la luz")
    assert (lesson.unit, lesson.summary, activity.lesson, activity.kind) == (
        unit, "Fotorresistencias", lesson, "practice",
    )  # fmt: skip
    assert response.url == reverse("authoring:activity_edit", kwargs={"activity_id": activity.pk})
    html = client.get(editor(course)).text
    assert html.index("Sensores") < html.index("Luz") < html.index("Mide la luz")
    assert f"/banco/actividad/{activity.pk}/reactivos/" in html
    assert "Sin reactivos" in html


def test_adding_a_unit_without_a_title_says_why_and_adds_nothing(world, login, course):
    client = login(world.designer)
    response = client.post(
        reverse("authoring:unit_create", kwargs={"course_id": course.pk}),
        {"unit-title": "   "},
        follow=True,
    )
    assert "Este campo es obligatorio" in response.text
    assert course.units.count() == 1


def test_unit_and_lesson_are_renamed_from_the_editor(world, login, course):
    unit = course.units.get()
    lesson = unit.lessons.get()
    client = login(world.designer)

    client.post(
        reverse("authoring:unit_rename", kwargs={"unit_id": unit.pk}),
        {f"unit-{unit.pk}-title": "Fundamentos"},
    )
    response = client.post(
        reverse("authoring:lesson_rename", kwargs={"lesson_id": lesson.pk}),
        {f"lesson-{lesson.pk}-title": "Primeros pasos", f"lesson-{lesson.pk}-summary": "Inicio"},
        follow=True,
    )

    unit.refresh_from_db()
    lesson.refresh_from_db()
    assert (unit.title, lesson.title, lesson.summary) == ("Fundamentos", "Primeros pasos", "Inicio")
    assert "Se cambió el título a «Primeros pasos»" in response.text


def test_deleting_a_lesson_removes_it_and_its_activities(world, login, course):
    lesson = Lesson.objects.get(unit__course=course)
    response = login(world.designer).post(
        reverse("authoring:lesson_delete", kwargs={"lesson_id": lesson.pk}), follow=True
    )
    assert "Se eliminó «Lección 1»" in response.text
    assert not Lesson.objects.filter(pk=lesson.pk).exists()
    assert not Activity.objects.filter(lesson_id=lesson.pk).exists()


def _three_units(author, course):
    for title in ("Dos", "Tres"):
        services.create_unit(actor=author, course=course, title=title)
    Unit.objects.filter(course=course, title="Unidad 1").update(title="Uno")
    return {u.title: u for u in course.units.all()}


def test_move_down_and_up_with_buttons_announces_the_new_position(world, login, course):
    units = _three_units(world.designer, course)
    client = login(world.designer)

    down = client.post(
        reverse("authoring:unit_move", kwargs={"unit_id": units["Uno"].pk}),
        {"direction": "down"},
        follow=True,
    )
    assert titles(course.units) == ["Dos", "Uno", "Tres"]
    assert "«Uno» ahora está en la posición 2 de 3." in down.text
    assert down.redirect_chain[-1][0].endswith(f"#unit-{units['Uno'].pk}")

    client.post(
        reverse("authoring:unit_move", kwargs={"unit_id": units["Tres"].pk}), {"direction": "up"}
    )
    assert titles(course.units) == ["Dos", "Tres", "Uno"]


def test_moving_the_first_activity_up_keeps_the_order(world, login, course):
    activity = Activity.objects.get(lesson__unit__course=course)
    response = login(world.designer).post(
        reverse("authoring:activity_move", kwargs={"activity_id": activity.pk}),
        {"direction": "up"},
        follow=True,
    )
    assert "ahora está en la posición 1 de 1" in response.text


def test_drag_reorder_saves_the_new_order_and_says_where_the_row_went(world, login, course):
    units = _three_units(world.designer, course)
    keys = [str(units[t].key) for t in ("Tres", "Uno", "Dos")]

    response = login(world.designer).post(
        reverse("authoring:unit_reorder", kwargs={"course_id": course.pk}),
        {"keys": keys, "moved": keys[0]},
    )

    assert response.status_code == 200
    assert response.json() == {"message": "«Tres» ahora está en la posición 1 de 3."}
    assert titles(course.units) == ["Tres", "Uno", "Dos"]
    course.refresh_from_db()
    assert course.has_draft_changes


def test_drag_reorder_of_activities_in_a_lesson(world, login, course):
    lesson = Lesson.objects.get(unit__course=course)
    services.create_activity(actor=world.designer, lesson=lesson, kind="quiz", title="Examen")
    keys = [str(k) for k in lesson.activities.order_by("-position").values_list("key", flat=True)]
    response = login(world.designer).post(
        reverse("authoring:activity_reorder", kwargs={"lesson_id": lesson.pk}), {"keys": keys}
    )
    assert response.json() == {"message": "Se guardó el nuevo orden."}
    assert titles(lesson.activities) == ["Examen", "Lectura"]


@pytest.mark.parametrize(
    "wrong",
    [
        lambda keys: keys[:-1],  # one missing
        lambda keys: [*keys, keys[0]],  # one twice
        lambda keys: [*keys[:-1], "00000000-0000-0000-0000-000000000000"],  # a stranger
        lambda keys: [*keys[:-1], "no-es-una-clave"],
    ],
)
def test_drag_reorder_refuses_a_wrong_key_list_in_spanish(world, login, course, wrong):
    units = _three_units(world.designer, course)
    keys = [str(units[t].key) for t in ("Uno", "Dos", "Tres")]

    response = login(world.designer).post(
        reverse("authoring:unit_reorder", kwargs={"course_id": course.pk}), {"keys": wrong(keys)}
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": "El orden enviado no coincide con el contenido actual; recarga la página."
    }
    assert titles(course.units) == ["Uno", "Dos", "Tres"]


def test_drag_reorder_cannot_take_a_unit_of_another_course(world, login, course):
    other = draft_course(world.designer, world.national, "Otro")
    mine = [str(k) for k in course.units.values_list("key", flat=True)]
    theirs = [str(k) for k in other.units.values_list("key", flat=True)]
    response = login(world.designer).post(
        reverse("authoring:unit_reorder", kwargs={"course_id": course.pk}),
        {"keys": mine[:-1] + theirs},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("url_name", "kwarg", "data"),
    [
        ("unit_reorder", "course", {}),
        ("unit_move", "unit", {"direction": "down"}),
        ("unit_rename", "unit", {}),
        ("unit_delete", "unit", {}),
        ("lesson_create", "unit", {}),
        ("lesson_delete", "lesson", {}),
        ("activity_create", "lesson", {}),
        ("activity_move", "activity", {"direction": "up"}),
        ("activity_delete", "activity", {}),
    ],
)
def test_another_states_designer_cannot_change_the_structure(
    world, login, course, url_name, kwarg, data
):
    unit = course.units.get()
    lesson = unit.lessons.get()
    target = {"course": course, "unit": unit, "lesson": lesson, "activity": lesson.activities.get()}
    response = login(world.designer_b).post(
        reverse(f"authoring:{url_name}", kwargs={f"{kwarg}_id": target[kwarg].pk}), data
    )
    assert response.status_code == 404
    assert Unit.objects.filter(pk=unit.pk).exists()
    assert Activity.objects.filter(lesson=lesson).count() == 1


def _grow(author, course, units: int):
    for u in range(units):
        unit = services.create_unit(actor=author, course=course, title=f"Unidad extra {u}")
        skill = services.create_skill(actor=author, course=course, name=f"Habilidad {u}")
        for n in range(2):
            lesson = services.create_lesson(actor=author, unit=unit, title=f"Lección {u}.{n}")
            for kind in ("content", "practice", "quiz"):
                services.create_activity(
                    actor=author, lesson=lesson, kind=kind, title=f"{kind} {u}.{n}", skills=[skill]
                )


def test_editor_query_count_does_not_grow_with_units_lessons_or_activities(
    world, login, course, django_assert_max_num_queries
):
    client = login(world.designer)
    client.get(editor(course))  # warm the session and the access cache
    with django_assert_max_num_queries(20) as small:
        client.get(editor(course))
    _grow(world.designer, course, units=4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(editor(course))
    assert response.text.count('class="list-group-item authoring-row"') == 1 + 4 * 2 * 3
