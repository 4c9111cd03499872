"""The content review of the demo courses holds: typed answers a teacher accepts score
as the teacher would, corrected keys agree with the numbers in their stems, and the
corrected wording does not come back."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.assessment.test_demo_content_files import COURSES, items, lessons, load

# Fields that hold keys or settings, never text a student reads.
NOT_TEXT = {"value", "tolerance", "fraction", "difficulty", "multiplier", "weight"}
YEARS = {"2010"}


def item(file_name: str, name: str) -> dict:
    return next(entry for entry in items(load(file_name)) if entry["name"] == name)


def scored(entry: dict, response):
    itemtypes = pytest.importorskip("impulsa.assessment.itemtypes")
    body = itemtypes.validate_body(entry["type"], entry["body"])
    return itemtypes.score(entry["type"], body, response)


def texts(value, key=None):
    """Every string a student may read in a nested YAML value."""
    if key in NOT_TEXT:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from texts(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            yield from texts(inner, key)


def all_texts():
    return [text for file_name in COURSES for text in texts(load(file_name))]


GENEROSO = ("lenguaje.yaml", "Antónimo de generoso")
SALUDO = ("lenguaje.yaml", "Signo después del saludo")


@pytest.mark.parametrize(
    ("where", "typed", "credit"),
    [
        (GENEROSO, "tacaño", "1"),
        (GENEROSO, "Tacaño", "1"),
        (GENEROSO, "avaro", "1"),
        (GENEROSO, "avaricioso", "1"),
        (GENEROSO, "Avariciosa", "1"),
        (GENEROSO, "mezquino", "1"),
        (GENEROSO, "egoísta", "1"),
        (GENEROSO, "egoista", "1"),
        (GENEROSO, "codo", "1"),
        (GENEROSO, "agarrado", "1"),
        (GENEROSO, "tacaña", "1"),
        (GENEROSO, "tacaños", "1"),
        (GENEROSO, "roñoso", "1"),
        (GENEROSO, "cicatero", "1"),
        (GENEROSO, "miserable", "1"),
        (GENEROSO, " tacaño. ", "1"),
        (GENEROSO, "bondadoso", "0"),
        (GENEROSO, "generoso", "0"),
        (GENEROSO, "amable", "0"),
        (SALUDO, "dos puntos", "1"),
        (SALUDO, "Dos puntos", "1"),
        (SALUDO, "los dos puntos", "1"),
        (SALUDO, "Los dos puntos.", "1"),
        (SALUDO, "dos puntos (:)", "1"),
        (SALUDO, "dos  puntos:", "1"),
        (SALUDO, ":", "1"),
        (SALUDO, "(:)", "1"),
        (SALUDO, "coma", "0"),
        (SALUDO, "la coma", "0"),
        (SALUDO, ",", "0"),
        (SALUDO, "punto y coma", "0"),
        (SALUDO, ";", "0"),
        (SALUDO, "punto", "0"),
        (SALUDO, ".", "0"),
    ],
)
def test_short_answers_score_the_forms_a_teacher_accepts(where, typed, credit):
    assert scored(item(*where), typed).fraction == Decimal(credit)


def test_wrong_signs_after_the_greeting_get_their_own_feedback():
    entry = item(*SALUDO)
    assert "inglés" in scored(entry, "la coma").feedback[0]
    assert "punto y coma" in scored(entry, "el punto y coma").feedback[0].lower()


def test_unknown_both_sides_equation_key_and_distractors_follow_the_stem():
    entry = item("matematicas.yaml", "Incógnita en ambos lados")
    a, b, c, d = (
        int(n) for n in re.search(r"(\d+)x \+ (\d+) = (\d+)x \+ (\d+)", entry["stem"]).groups()
    )
    key = Fraction(d - b, a - c)
    x_added = Fraction(d - b, a + c)  # 7x + 3x instead of 7x - 3x
    constant_added = Fraction(d + b, a - c)  # the 2 moved with the wrong sign
    values = {Fraction(answer["value"]): answer for answer in entry["body"]["answers"]}
    assert values.keys() == {key, x_added, constant_added}
    assert Decimal(values[key]["fraction"]) == 1
    assert "7x + 3x" in values[x_added]["feedback"]
    assert "18 + 2" in values[constant_added]["feedback"]
    assert scored(entry, str(float(key))).correct
    for typed, mistake in (("1.6", x_added), ("1,6", x_added), ("5", constant_added)):
        outcome = scored(entry, typed)
        assert outcome.fraction == 0
        assert outcome.feedback == [values[mistake]["feedback"]]


def test_estimating_a_square_root_offers_consecutive_integers():
    entry = item("matematicas.yaml", "Estimar la raíz de cincuenta")
    number = int(re.search(r"\\sqrt\{(\d+)\}", entry["stem"])[1])
    for choice in entry["body"]["choices"]:
        low, high = (int(n) for n in re.fullmatch(r"Entre (\d+) y (\d+)", choice["text"]).groups())
        assert high == low + 1
        assert (Decimal(choice["fraction"]) == 1) == (low**2 <= number < high**2)
    halves = [c for c in entry["body"]["choices"] if "entre 2" in c["feedback"]]
    assert [c["text"] for c in halves] == [f"Entre {number // 2} y {number // 2 + 1}"]


def test_backpack_options_name_the_store_each_calculation_favours():
    entry = item("pensamiento-matematico-1.yaml", "Dónde conviene comprar la mochila")
    offers = re.findall(r"(\d+) pesos con (\d+) % de descuento", " ".join(entry["stem"].split()))
    (list_a, off_a), (list_b, off_b) = [(int(p), int(d)) for p, d in offers]
    final_a, final_b = list_a * (100 - off_a) / 100, list_b * (100 - off_b) / 100
    by_text = {c["text"]: c for c in entry["body"]["choices"]}
    cheaper = "A" if final_a < final_b else "B"
    key = f"En la tienda {cheaper}, por {abs(final_a - final_b):g} pesos"
    assert Decimal(by_text[key]["fraction"]) == 1
    list_cheaper = "A" if list_a < list_b else "B"
    undiscounted = f"En la tienda {list_cheaper}, por {abs(list_a - list_b)} pesos"
    assert "sin descuento" in by_text[undiscounted]["feedback"]


def test_division_with_remainder_is_written_as_a_true_equality():
    equalities = [
        match
        for text in all_texts()
        for match in re.findall(r"\$(\d+) = (\d+) \\times (\d+) \+ (\d+)\$", text)
    ]
    assert len(equalities) >= 3
    for dividend, divisor, quotient, remainder in ((int(n) for n in m) for m in equalities):
        assert dividend == divisor * quotient + remainder
        assert remainder < divisor
    false_equalities = [t for t in all_texts() if re.search(r"\\div \d+ = \d+\$ y sobra", t)]
    assert false_equalities == []


def test_thousands_are_grouped_with_commas_everywhere():
    ungrouped = {
        number
        for text in all_texts()
        for number in re.findall(r"(?<![\d.,])\d{4,}(?![\d])", text)
        if number not in YEARS
    }
    space_grouped = [t for t in all_texts() if re.search(r"\d \d{3}(?!\d)", t)]
    assert ungrouped == set()
    assert space_grouped == []


def test_hints_never_reveal_how_many_choices_are_right():
    revealing = re.compile(
        r"\b(hay|son)\s+(una|dos|tres|cuatro|cinco)\b.*\b(correctas|verdaderas)", re.I
    )
    found = [
        (entry["name"], hint)
        for file_name in COURSES
        for entry in items(load(file_name))
        for hint in entry["hints"]
        if revealing.search(hint)
    ]
    assert found == []


def test_choice_items_offer_at_least_three_options():
    two_way = [
        entry["name"]
        for file_name in COURSES
        for entry in items(load(file_name))
        if entry["type"] in ("single_choice", "multiple_choice")
        and len(entry["body"]["choices"]) < 3
    ]
    assert two_way == []


def lesson_text(file_name: str, title: str) -> str:
    lesson = next(entry for entry in lessons(load(file_name)) if entry["title"] == title)
    return " ".join(" ".join(texts(activity)) for activity in lesson["activities"])


@pytest.mark.parametrize(
    ("file_name", "lesson", "wrong", "right"),
    [
        ("matematicas.yaml", "Expresiones algebraicas", r"\$x\$ es la \*\*parte literal", r"\$x\^2\$ es la \*\*parte literal"),
        ("matematicas.yaml", "Potencias y raíces", r"se multiplica la base por sí misma|se multiplica por sí mismo \d", r"se repite la base como factor"),
        ("matematicas.yaml", "Perímetros y áreas", r"perímetro del círculo se llama", r"\*\*longitud de la\s+circunferencia\*\*"),
        ("pensamiento-matematico-1.yaml", "Jerarquía y propiedades de las operaciones", r"tiene su opuesto y su recíproco", r"distinto de 0, su recíproco"),
        ("lenguaje.yaml", "Acentuación", r"junto a a, e u o", r"vocal abierta \(a, e, o\)"),
        ("lenguaje.yaml", "Vocabulario: sinónimos, antónimos y contexto", r"\| ahí \|", r"\*\*parónimos\*\*"),
    ],
)  # fmt: skip
def test_corrected_lesson_wording_stays_corrected(file_name, lesson, wrong, right):
    text = lesson_text(file_name, lesson)
    assert not re.search(wrong, text)
    assert re.search(right, text)
