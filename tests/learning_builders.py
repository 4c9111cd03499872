"""Builds published courses for the learning and assessment tests: one item of
every type, a content page, a practice and a quiz, enrolled students."""

from dataclasses import dataclass, field

from impulsa.assessment.bank import services as items
from impulsa.learning.authoring import services
from impulsa.learning.content import services as content_services
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.models import Course, Program, VariantKind
from impulsa.learning.publishing import services as publishing

SAMPLE_ITEMS = {
    "single_choice": {
        "stem": "¿Cuánto es $\\frac{1}{2} + \\frac{1}{4}$?",
        "body": {
            "choices": [
                {"text": "$\\frac{3}{4}$", "fraction": "1", "feedback": "¡Bien! 2/4 + 1/4."},
                {
                    "text": "$\\frac{2}{6}$",
                    "fraction": "0",
                    "feedback": "No se suman denominadores.",
                },
                {"text": "$\\frac{1}{8}$", "fraction": "0", "feedback": "Eso es el producto."},
            ],
            "shuffle": False,
        },
    },
    "multiple_choice": {
        "stem": "¿Cuáles son números primos?",
        "body": {
            "choices": [
                {"text": "2", "fraction": "0.5", "feedback": "Sí: solo 1 y 2 lo dividen."},
                {"text": "3", "fraction": "0.5", "feedback": "Sí."},
                {"text": "4", "fraction": "-1", "feedback": "4 = 2 × 2."},
            ],
            "shuffle": False,
        },
    },
    "true_false": {
        "stem": "El 0 es un número par.",
        "body": {"answer": True, "feedback_true": "Correcto.", "feedback_false": "0 = 2 × 0."},
    },
    "numeric": {
        "stem": "Un lado mide 3 cm. ¿Cuánto mide el perímetro del cuadrado?",
        "body": {
            "answers": [{"value": "12", "tolerance": "0", "fraction": "1", "feedback": "4 × 3."}],
            "units": [{"unit": "cm", "multiplier": "1"}, {"unit": "mm", "multiplier": "10"}],
            "unit_required": False,
        },
    },
    "short_answer": {
        "stem": "¿Cómo se llama el resultado de una multiplicación?",
        "body": {
            "answers": [
                {"text": "producto", "fraction": "1", "feedback": "Exacto.", "regex": False}
            ],
            "case_sensitive": False,
        },
    },
    "matching": {
        "stem": "Relaciona cada operación con su resultado.",
        "body": {
            "pairs": [{"left": "2 + 2", "right": "4"}, {"left": "3 × 3", "right": "9"}],
            "distractors": ["6"],
        },
    },
    "ordering": {
        "stem": "Ordena de menor a mayor.",
        "body": {"items": ["-3", "0", "$\\frac{1}{2}$", "2"]},
    },
    "cloze": {
        "stem": "Completa.",
        "body": {
            "text": "La mitad de 10 es {1} y el doble de 10 es {2}.",
            "gaps": [
                {
                    "type": "numeric",
                    "body": {
                        "answers": [
                            {"value": "5", "tolerance": "0", "fraction": "1", "feedback": ""}
                        ],
                        "units": [],
                        "unit_required": False,
                    },
                    "weight": 1,
                },
                {
                    "type": "short_answer",
                    "body": {
                        "answers": [
                            {"text": "veinte", "fraction": "1", "feedback": "", "regex": False},
                            {"text": "20", "fraction": "1", "feedback": "", "regex": False},
                        ],
                        "case_sensitive": False,
                    },
                    "weight": 1,
                },
            ],
        },
    },
}


def make_item(actor, course, item_type: str, *, skills=(), name: str | None = None):
    sample = SAMPLE_ITEMS[item_type]
    return items.create_item(
        actor=actor,
        course=course,
        skills=skills,
        type=item_type,
        name=name or f"Reactivo {item_type}",
        stem=sample["stem"],
        body=sample["body"],
        general_feedback="Solución explicada.",
        hints=["Primera pista.", "Segunda pista."],
    )


@dataclass
class BuiltCourse:
    course: Course
    skills: list
    lessons: list
    content: object
    practice: object
    quiz: object
    items: dict = field(default_factory=dict)  # type -> Item


def build_course(author, *, institution=None, name="Curso de prueba", publish=True) -> BuiltCourse:
    """A dual course owned by `institution` (default: the national office of the
    author's tree is not assumed: pass it) with every item type."""
    course = services.create_course(actor=author, institution=institution, name=name)
    base = services.create_skill(actor=author, course=course, name="Aritmética", code="aritmetica")
    frac = services.create_skill(
        actor=author, course=course, name="Fracciones", code="fracciones", requires=[base]
    )
    unit = services.create_unit(actor=author, course=course, title="Números")
    first = services.create_lesson(actor=author, unit=unit, title="Fracciones", summary="Sumar.")
    second = services.create_lesson(actor=author, unit=unit, title="Repaso")
    content = services.create_activity(
        actor=author, lesson=first, kind="content", title="Qué es una fracción",
        skills=[frac],
    )  # fmt: skip
    content_services.save_variant(
        actor=author, activity=content, kind=VariantKind.TEXT,
        body="Una **fracción** $\\frac{a}{b}$ reparte un entero en $b$ partes.",
    )  # fmt: skip
    practice = services.create_activity(
        actor=author, lesson=first, kind="practice", title="Practica", skills=[frac]
    )
    quiz = services.create_activity(
        actor=author, lesson=second, kind="quiz", title="Comprueba", skills=[base]
    )
    made = {t: make_item(author, course, t, skills=[frac]) for t in SAMPLE_ITEMS}
    items.set_activity_items(actor=author, activity=practice, items=list(made.values()))
    items.set_activity_items(
        actor=author,
        activity=quiz,
        items=[made["single_choice"], made["true_false"], made["numeric"]],
    )
    if publish:
        publishing.publish(actor=author, course=course)
        course.refresh_from_db()
    return BuiltCourse(course, [base, frac], [first, second], content, practice, quiz, made)


ESSAY_STEM = "Explica con tus palabras qué es una fracción."
ESSAY_BODY = {
    "rubric": [
        {
            "name": "Idea principal",
            "levels": [
                {"label": "Ausente", "points": "0"},
                {"label": "Parcial", "points": "1"},
                {"label": "Clara", "points": "2"},
            ],
        },
        {
            "name": "Ejemplos",
            "levels": [
                {"label": "Ninguno", "points": "0"},
                {"label": "Uno", "points": "0.5"},
                {"label": "Varios", "points": "2"},
            ],
        },
    ],
    "model_answer": "Una fracción reparte un entero en partes iguales, como media pizza.",
    "min_words": 5,
    "max_words": 200,
}


def build_essay_course(
    author, *, institution, name="Curso con ensayo", publish=True
) -> BuiltCourse:
    """`build_course` whose quiz and practice also ask an open answer (`items["essay"]`)."""
    built = build_course(author, institution=institution, name=name, publish=False)
    essay = items.create_item(
        actor=author,
        course=built.course,
        type="essay",
        name="Ensayo de fracciones",
        stem=ESSAY_STEM,
        body=ESSAY_BODY,
    )
    made = built.items
    items.set_activity_items(
        actor=author,
        activity=built.quiz,
        items=[made["single_choice"], made["true_false"], made["numeric"], essay],
    )
    items.set_activity_items(actor=author, activity=built.practice, items=[made["numeric"], essay])
    if publish:
        publishing.publish(actor=author, course=built.course)
        built.course.refresh_from_db()
    made["essay"] = essay
    return built


def enroll(staff, student, course):
    return enrollments.enroll(actor=staff, student=student, course=course)


__all__ = [
    "ESSAY_BODY",
    "SAMPLE_ITEMS",
    "BuiltCourse",
    "Program",
    "build_course",
    "build_essay_course",
    "enroll",
    "make_item",
]
