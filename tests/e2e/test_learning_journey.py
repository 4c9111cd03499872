"""The learning core's journey, in a phone-sized Chromium: a content designer imports
a bad question file (sees the problem, nothing is written), imports GIFT and Moodle
XML banks, builds a unit with a content page and a practice holding one item of every
type, and publishes; a teacher enrolls a student; the student reads the page, answers
the practice, leaves, comes back on a new browser and continues where they stopped."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from impulsa.assessment.models import Answer, Item
from impulsa.learning.authoring import services
from impulsa.learning.models import (
    CourseVersion,
    Enrollment,
    LearningEvent,
    PublishedActivity,
    Verb,
)
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.e2e.learning_steps import (
    CLOZE,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDERING,
    SHORT,
    SINGLE,
    TRUE_FALSE,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FILES = Path(__file__).resolve().parents[1] / "assessment" / "files"
COURSE = "Matemáticas básicas"
XML_NAMES = [
    "Fracción equivalente",
    "Múltiplos de tres",
    "Denominador cero",
    "Parte de arriba",
    "Longitud en centímetros",
    "Fracciones y decimales",
    "De menor a mayor",
    "Completa la pizza",
]


def _course(designer, national):
    """A dual course of the national office with the skills the files' tags name."""
    course = services.create_course(actor=designer, institution=national, name=COURSE)
    base = services.create_skill(
        actor=designer, course=course, name="Aritmética", code="aritmetica"
    )
    services.create_skill(
        actor=designer, course=course, name="Fracciones", code="fracciones", requires=[base]
    )
    return course


def _import_banks(page, course):
    steps.go_by_menu(page, "Banco de reactivos")
    page.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", name=f"Reactivos de {COURSE}")).to_be_visible()
    page.get_by_role("link", name="Importar o exportar").click()

    steps.import_file(page, FILES / "mala.xml")
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("El archivo tiene 1 problema; no se importó ningún reactivo.")
    expect(refusal.locator(".import-problems li")).to_have_text(
        re.compile(r"Línea 9 · «Explica la fracción»: .*description")
    )
    screenshot(page, "learning-01-import-refused")
    assert not Item.objects.filter(course=course).exists()

    steps.import_file(page, FILES / "preguntas.gift")
    expect(page.get_by_role("status").filter(has_text="Se importaron 7 reactivos.")).to_be_visible()
    assert Item.objects.filter(course=course).count() == 7
    steps.import_file(page, FILES / "preguntas.xml")
    expect(page.get_by_role("status").filter(has_text="Se importaron 8 reactivos.")).to_be_visible()
    assert Item.objects.filter(course=course).count() == 15
    screenshot(page, "learning-02-imported")

    page.get_by_role("navigation", name="Ruta").get_by_role("link", name=COURSE).click()
    expect(page.locator("table tbody tr")).to_have_count(15)
    for name in ("Suma de fracciones", *XML_NAMES):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()


def _build_and_publish(page):
    steps.go_by_menu(page, "Contenidos")
    page.get_by_role("link", name=COURSE).click()
    page.get_by_label("Nueva unidad: título").fill("Fracciones")
    page.get_by_role("button", name="Agregar unidad").click()
    page.get_by_label("Nueva lección: título").fill("Partes de un entero")
    page.get_by_role("button", name="Agregar lección").click()

    page.get_by_label("Nueva actividad: título").fill("Qué es una fracción")
    page.get_by_label("Tipo", exact=True).select_option(label="Contenido")
    page.get_by_role("button", name="Agregar actividad").click()
    expect(page.get_by_text("Se agregó la actividad «Qué es una fracción».")).to_be_visible()
    # The message shows before the deferred scripts run; a person reads it first.
    page.wait_for_load_state("load")
    # Typed key by key: the live preview follows the keystrokes.
    page.get_by_label("Contenido (Markdown)").press_sequentially(
        "Una **fracción** reparte un entero: $\\frac{1}{2}$ es la mitad."
    )
    expect(page.locator("#markdown-preview math")).to_have_count(1)
    page.get_by_role("button", name="Guardar variante").click()
    expect(page.get_by_text("Se guardó la variante «Texto».")).to_be_visible()
    screenshot(page, "learning-03-content-page-editor")

    page.get_by_role("link", name="Volver a la estructura").click()
    page.get_by_label("Nueva actividad: título").fill("Practica fracciones")
    page.get_by_label("Tipo", exact=True).select_option(label="Práctica")
    page.get_by_role("button", name="Agregar actividad").click()
    page.get_by_role("link", name="Elegir reactivos del banco").click()
    for name in XML_NAMES:
        page.get_by_label(re.compile(f"^{name} ·")).check()
    page.get_by_role("button", name="Agregar los marcados").click()
    expect(page.get_by_text("Se agregaron 8 reactivo(s).")).to_be_visible()
    expect(
        page.get_by_role("heading", name="8 reactivos en la actividad, en este orden")
    ).to_be_visible()
    screenshot(page, "learning-04-item-picker")

    steps.go_by_menu(page, "Contenidos")
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("link", name="Publicar", exact=True).click()
    page.get_by_role("button", name="Publicar ahora").click()
    expect(page.get_by_text("Versión 1 publicada.")).to_be_visible()
    screenshot(page, "learning-05-published")


def _enroll(page, student):
    steps.go_by_menu(page, "Inscripciones")
    page.get_by_role("link", name=COURSE).click()
    page.get_by_role("link", name="Inscribir a un alumno").click()
    page.get_by_label("Buscar alumno").fill(student.student_profile.matricula)
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("link", name=f"Elegir {student.get_full_name()}").click()
    expect(page.get_by_label("Matrícula del alumno")).to_have_value(
        student.student_profile.matricula
    )
    page.get_by_role("button", name="Inscribir", exact=True).click()
    expect(page.get_by_text(f"quedó inscrito en «{COURSE}»")).to_be_visible()
    screenshot(page, "learning-06-enrolled")


def _read_the_content_page(page):
    steps.go_by_menu(page, "Mis cursos")
    page.get_by_role("link", name="Empezar").click()
    page.get_by_role("link", name="Empezar el curso").click()
    expect(page.get_by_role("heading", name="Qué es una fracción")).to_be_visible()
    expect(page.locator(".player-reading math")).to_have_count(1)
    page.get_by_role("button", name="Terminé de leer").click()
    expect(page.get_by_text("¡Listo! Marcamos esta lectura como terminada.")).to_be_visible()
    screenshot(page, "learning-07-content-read")
    page.get_by_role("link", name="Siguiente").click()
    expect(page.get_by_role("heading", name="Practica fracciones")).to_be_visible()


def _answer_seven_items(page):
    """Every type but the cloze, which the student answers after coming back."""
    q = steps.item
    q(page, SINGLE).get_by_label("1/2", exact=True).check()
    steps.check(page, SINGLE)
    expect(steps.feedback(page, SINGLE)).to_contain_text("¡Correcto!")

    # Keyboard only: tab to a box and tick it with the space bar.
    q(page, MULTIPLE).get_by_label("6", exact=True).focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(q(page, MULTIPLE).get_by_label("9", exact=True)).to_be_checked()
    steps.check(page, MULTIPLE)
    expect(steps.feedback(page, MULTIPLE)).to_contain_text("¡Correcto!")
    expect(steps.feedback(page, MULTIPLE)).to_contain_text("9 = 3 × 3.")

    q(page, TRUE_FALSE).get_by_label("Falso").check()
    steps.check(page, TRUE_FALSE)
    expect(steps.feedback(page, TRUE_FALSE)).to_contain_text("¡Correcto!")

    # A wrong answer, sent with Enter: the item's own feedback explains it.
    q(page, SHORT).get_by_label("Tu respuesta").fill("denominador")
    q(page, SHORT).get_by_label("Tu respuesta").press("Enter")
    expect(steps.feedback(page, SHORT)).to_contain_text("Incorrecto.")
    expect(steps.feedback(page, SHORT)).to_contain_text("Ese es el de abajo.")

    q(page, NUMERIC).get_by_role("button", name="Pista").click()
    expect(q(page, NUMERIC)).to_contain_text("Pista 1: Un metro tiene 100 cm.")
    expect(q(page, NUMERIC).get_by_role("button", name="Pista")).to_have_count(0)
    q(page, NUMERIC).get_by_label(re.compile("^Tu respuesta")).fill("25 cm")
    steps.check(page, NUMERIC)
    expect(steps.feedback(page, NUMERIC)).to_contain_text("¡Correcto!")
    expect(steps.feedback(page, NUMERIC)).to_contain_text("100 ÷ 4 = 25 cm.")

    for left, right in (("1/2", "0.5"), ("1/4", "0.25"), ("3/4", "0.75")):
        q(page, MATCHING).get_by_label(left, exact=True).select_option(label=right)
    steps.check(page, MATCHING)
    expect(steps.feedback(page, MATCHING)).to_contain_text("¡Correcto!")

    steps.put_in_order(page, ORDERING, ["1/8", "1/4", "1/2", "3/4"])
    steps.check(page, ORDERING)
    expect(steps.feedback(page, ORDERING)).to_contain_text("¡Correcto!")
    expect(page.locator("#practice-status")).to_have_text("Has respondido 7 de 8 preguntas.")
    screenshot(page, "learning-08-practice-answered")


def _saved_answers_are_shown(page):
    q = steps.item
    expect(page.locator("#practice-status")).to_have_text("Has respondido 7 de 8 preguntas.")
    expect(q(page, SINGLE).get_by_label("1/2", exact=True)).to_be_checked()
    expect(q(page, MULTIPLE).get_by_label("6", exact=True)).to_be_checked()
    expect(q(page, TRUE_FALSE).get_by_label("Falso")).to_be_checked()
    expect(q(page, SHORT).get_by_label("Tu respuesta")).to_have_value("denominador")
    expect(steps.feedback(page, SHORT)).to_contain_text("Ese es el de abajo.")
    expect(q(page, NUMERIC)).to_contain_text("Pista 1: Un metro tiene 100 cm.")
    expect(steps.feedback(page, NUMERIC)).to_contain_text("100 ÷ 4 = 25 cm.")
    expect(q(page, MATCHING).get_by_label("1/4", exact=True)).to_have_value(re.compile(".+"))
    for stem in (SINGLE, MULTIPLE, TRUE_FALSE, NUMERIC, MATCHING, ORDERING):
        expect(steps.feedback(page, stem)).to_contain_text("¡Correcto!")
    expect(steps.feedback(page, CLOZE)).to_be_empty()
    # Moodle's HTML shows as formatted text, never as its tags.
    expect(q(page, CLOZE)).not_to_contain_text("<p>")
    expect(q(page, SINGLE)).not_to_contain_text("<p>")


def _events(enrollment) -> dict:
    rows = LearningEvent.objects.filter(enrollment=enrollment)
    return {verb: list(rows.filter(verb=verb)) for verb in Verb.values}


def test_designer_builds_a_course_a_teacher_enrolls_and_the_student_practices_and_resumes(
    phone, browser, live_server, world
):
    page = phone
    page.set_default_timeout(steps.TIMEOUT_MS)
    course = _course(world.designer, world.national)

    steps.sign_in(page, world.designer)
    _import_banks(page, course)
    _build_and_publish(page)
    version = CourseVersion.objects.get(course=course)
    assert version.number == 1
    practice = PublishedActivity.objects.get(version=version, kind="practice")
    content = PublishedActivity.objects.get(version=version, kind="content")
    assert len(practice.frozen["item_versions"]) == 8
    steps.sign_out(page)

    steps.sign_in(page, world.teacher_a1)
    _enroll(page, world.student_a1)
    enrollment = Enrollment.objects.get(student=world.student_a1, course=course)
    steps.sign_out(page)

    steps.sign_in(page, world.student_a1)
    _read_the_content_page(page)
    _answer_seven_items(page)
    page.goto("/")  # the student leaves
    assert page.problems == [], f"browser errors: {page.problems}"

    # Back on another browser: nothing but the server remembers where they were.
    again = steps.open_phone(browser, live_server.url)
    try:
        steps.sign_in(again, world.student_a1)
        steps.go_by_menu(again, "Mis cursos")
        again.get_by_role("link", name="Continuar").click()
        expect(again.get_by_text("Llevas 50 % (1 de 2 actividades).")).to_be_visible()
        screenshot(again, "learning-09-course-home")
        again.get_by_role("link", name="Continuar donde me quedé").click()
        expect(again.get_by_role("heading", name="Practica fracciones")).to_be_visible()
        assert str(practice.key) in again.url
        _saved_answers_are_shown(again)
        screenshot(again, "learning-10-resumed")

        steps.item(again, CLOZE).get_by_label("Hueco 1").fill("0.25")
        steps.item(again, CLOZE).get_by_label("Hueco 2").fill("un cuarto")
        steps.check(again, CLOZE)
        expect(steps.feedback(again, CLOZE)).to_contain_text("¡Correcto!")
        expect(again.locator("#practice-status")).to_contain_text("Práctica terminada")
        screenshot(again, "learning-11-practice-done")
        again.get_by_role("link", name="Volver al curso").click()
        expect(again.get_by_text("¡Terminaste todas las actividades del curso!")).to_be_visible()
        assert again.problems == [], f"browser errors: {again.problems}"
        axe.finish(again)
    finally:
        again.context.close()

    events = _events(enrollment)
    assert len(events[Verb.ENROLLED]) == 1
    experienced = {str(e.activity_key) for e in events[Verb.EXPERIENCED]}
    assert experienced == {str(content.key), str(practice.key)}
    answered = events[Verb.ANSWERED]
    assert len(answered) == 8
    assert {e.context["item_version"] for e in answered} == set(practice.frozen["item_versions"])
    assert [e.object_id for e in events[Verb.REQUESTED_HINT]] == [
        f"item:{Item.objects.get(current__name='Longitud en centímetros').key}"
    ]
    completed = {str(e.activity_key) for e in events[Verb.COMPLETED]}
    assert len(events[Verb.COMPLETED]) == 2 and completed == {str(content.key), str(practice.key)}
    assert Answer.objects.filter(enrollment=enrollment, response__isnull=False).count() == 8
    assert page.problems == [], f"browser errors: {page.problems}"
