"""Numeric items of the demo courses follow the unit rule: a quantity declares its unit
(the bare number, the unit in any common spelling and, where the item converts, another
unit of its family all score; a wrong unit does not), and an item without units says in
its stem to write only the number."""

from decimal import Decimal
from functools import cache

import pytest

from tests.assessment.test_demo_content_files import MATH_COURSES, items, load
from tests.assessment.test_demo_content_review import scored

MATH = "matematicas.yaml"
PM1 = "pensamiento-matematico-1.yaml"

# (file, item name, cloze gap index or None) -> [(typed, credit), ...]
TYPED_FORMS = {
    (MATH, "Temperatura que sube", None): [
        ("8", "1"), ("8 °C", "1"), ("8 ºC", "1"), ("8 grados", "1"),
        ("8 grados Celsius", "1"), ("14 °C", "0"), ("8 °F", "0"), ("8 m", "0"),
    ],
    (MATH, "Suma de un cuarto y dos quintos", None): [
        ("13/20", "1"), ("13 / 20", "1"), ("0.65", "1"), ("0,65", "1"), (".65", "1"),
        ("26/40", "0.5"), ("65/100", "0.5"), ("3/9", "0"), ("1/3", "0"), ("3/20", "0"),
        ("13", "0"),
    ],
    (MATH, "Tres cuartos de veinte", None): [
        ("15", "1"), ("15 alumnos", "1"), ("15 Alumnos", "1"), ("5 alumnos", "0"),
        ("15 kg", "0"),
    ],
    (MATH, "Vasos de un cuarto de litro", None): [
        ("12", "1"), ("12 vasos", "1"), ("12 VASOS", "1"), ("0.75 vasos", "0"),
        ("12 litros", "0"),
    ],
    (MATH, "Tenis con descuento", None): [
        ("630", "1"), ("$630", "1"), ("$ 630", "1"), ("630 pesos", "1"), ("630 MXN", "1"),
        ("270 pesos", "0"), ("630 %", "0"),
    ],
    (MATH, "Precio con IVA", None): [
        ("406", "1"), ("$406", "1"), ("406 pesos", "1"), ("56 pesos", "0"), ("406 kg", "0"),
    ],
    (MATH, "Porcentaje de mujeres en el grupo", None): [
        ("35", "1"), ("35 %", "1"), ("35%", "1"), ("35 por ciento", "1"), ("0.35", "0"),
        ("35 pesos", "0"),
    ],
    (MATH, "Precio de ocho cuadernos", None): [
        ("136", "1"), ("$136", "1"), ("136 pesos", "1"), ("88 pesos", "0"), ("136 %", "0"),
    ],
    (MATH, "Escala de un mapa", 0): [
        ("1", "1"), ("1 km", "1"), ("1 kilómetro", "1"), ("1000 m", "0"), ("100,000 cm", "0"),
    ],
    (MATH, "Escala de un mapa", 1): [
        ("7", "1"), ("7 km", "1"), ("7 kilómetros", "1"), ("7000 m", "0"), ("7 cm", "0"),
    ],
    (MATH, "Escala de un mapa", 2): [
        ("25", "1"), ("25 cm", "1"), ("25 centímetros", "1"), ("0.25 m", "0"), ("25 km", "0"),
    ],
    (MATH, "Pintores y días", None): [
        ("3", "1"), ("3 días", "1"), ("3 dias", "1"), ("12 días", "0"), ("72 horas", "0"),
    ],
    (MATH, "Arista de un cubo", None): [
        ("5", "1"), ("5 cm", "1"), ("5 centímetros", "1"), ("50 mm", "1"), ("0.05 m", "1"),
        ("5 cm³", "0"), ("5 kg", "0"),
    ],
    (MATH, "Edad de Sofía", None): [
        ("16", "1"), ("16 años", "1"), ("16 AÑOS", "1"), ("16 meses", "0"), ("21.33 años", "0"),
    ],
    (MATH, "Perímetro de un rectángulo", None): [
        ("48", "1"), ("48 m", "1"), ("48 metros", "1"), ("4800 cm", "1"), ("0.048 km", "1"),
        ("135 m", "0"), ("48 m²", "0"),
    ],
    (MATH, "Área de un triángulo", None): [
        ("35", "1"), ("35 cm²", "1"), ("35 cm2", "1"), ("35 cm^2", "1"),
        ("35 centímetros cuadrados", "1"), ("0.0035 m²", "1"), ("70 cm²", "0"), ("35 cm", "0"),
    ],
    (MATH, "Área de un círculo de radio cuatro", None): [
        ("50.24", "1"), ("50.24 cm²", "1"), ("50.24 cm2", "1"), ("50,24 cm²", "1"),
        ("50.2 cm²", "1"), ("0.005024 m²", "1"), ("25.12 cm²", "0"), ("50.24 cm", "0"),
    ],
    (MATH, "Pared con ventana", None): [
        ("13.2", "1"), ("13.2 m²", "1"), ("13.2 m2", "1"), ("13,2 metros cuadrados", "1"),
        ("132,000 cm²", "1"), ("15 m²", "0"), ("13.2 m", "0"),
    ],
    (MATH, "Perímetro de un cuadrado conociendo su área", None): [
        ("32", "1"), ("32 cm", "1"), ("32 centímetros", "1"), ("320 mm", "1"), ("0.32 m", "1"),
        ("8 cm", "0"), ("32 cm²", "0"),
    ],
    (MATH, "Jardín con malla y pasto", 0): [
        ("26", "1"), ("26 m", "1"), ("26 metros", "1"), ("2600 cm", "1"), ("13 m", "0"),
        ("26 m²", "0"),
    ],
    (MATH, "Jardín con malla y pasto", 1): [
        ("40", "1"), ("40 m²", "1"), ("40 m2", "1"), ("400,000 cm²", "1"), ("40 m", "0"),
    ],
    (MATH, "Jardín con malla y pasto", 2): [
        ("650", "1"), ("$650", "1"), ("650 pesos", "1"), ("650 m", "0"),
    ],
    (MATH, "Porcentaje que llega en camión", None): [
        ("45", "1"), ("45 %", "1"), ("45 por ciento", "1"), ("18", "0"), ("45 alumnos", "0"),
    ],
    (MATH, "Diferencia entre camión y auto", None): [
        ("10", "1"), ("10 alumnos", "1"), ("10 ALUMNOS", "1"), ("26 alumnos", "0"),
        ("10 %", "0"),
    ],
    (MATH, "Grados del sector bicicleta", None): [
        ("36", "1"), ("36°", "1"), ("36 º", "1"), ("36 grados", "1"), ("10 %", "0"),
        ("36 °C", "0"),
    ],
    (MATH, "Total de tortas vendidas", None): [
        ("200", "1"), ("200 tortas", "1"), ("200 Tortas", "1"), ("50 tortas", "0"),
        ("200 kg", "0"),
    ],
    (MATH, "Porcentaje vendido el viernes", None): [
        ("22.5", "1"), ("22.5 %", "1"), ("22,5 %", "1"), ("22.5 por ciento", "1"),
        ("0.225", "0"), ("45 %", "0"), ("22.5 pesos", "0"),
    ],
    (PM1, "Distancia en la recta numérica", None): [
        ("5.5", "1"), ("5.5 unidades", "1"), ("5,5 Unidades", "1"), ("-5.5 unidades", "0"),
        ("5.5 cm", "0"),
    ],
    (PM1, "Minutos de impresión", None): [
        ("15", "1"), ("15 min", "1"), ("15 minutos", "1"), ("1/4 h", "1"), ("900 s", "1"),
        ("15 pesos", "0"),
    ],
    (PM1, "Autobús más lento", None): [
        ("4", "1"), ("4 horas", "1"), ("4 h", "1"), ("240 min", "1"), ("2.25 horas", "0"),
        ("4 km", "0"),
    ],
    (PM1, "Tabla del jitomate", 0): [
        ("84", "1"), ("$84", "1"), ("84 pesos", "1"), ("84 kg", "0"),
    ],
    (PM1, "Tabla del jitomate", 1): [
        ("140", "1"), ("$140", "1"), ("140 pesos", "1"), ("140 %", "0"),
    ],
    (PM1, "Tabla del jitomate", 2): [
        ("7", "1"), ("7 kg", "1"), ("7 kilos", "1"), ("7000 g", "1"), ("7 pesos", "0"),
    ],
    (PM1, "Reparto entre dos hermanos", None): [
        ("400", "1"), ("$400", "1"), ("400 pesos", "1"), ("200 pesos", "0"), ("400 horas", "0"),
    ],
    (PM1, "Cuatro llaves para el tinaco", None): [
        ("6", "1"), ("6 horas", "1"), ("6 h", "1"), ("360 minutos", "1"), ("6 días", "0"),
        ("6 pesos", "0"),
    ],
    (PM1, "Grupo a partir del treinta por ciento", None): [
        ("40", "1"), ("40 alumnos", "1"), ("40 Alumnos", "1"), ("12 alumnos", "0"),
        ("40 %", "0"),
    ],
    (PM1, "Boleto con aumento", None): [
        ("92", "1"), ("$92", "1"), ("92 pesos", "1"), ("95 pesos", "0"), ("92 %", "0"),
    ],
    (PM1, "Cambio porcentual del pasaje", None): [
        ("25", "1"), ("25 %", "1"), ("25%", "1"), ("25 por ciento", "1"), ("20 %", "0"),
        ("10 pesos", "0"),
    ],
    (PM1, "Precio original del libro", None): [
        ("300", "1"), ("$300", "1"), ("300 pesos", "1"), ("293.25 pesos", "0"), ("300 %", "0"),
    ],
    (PM1, "Interés simple de tres años", None): [
        ("300", "1"), ("$300", "1"), ("300 pesos", "1"), ("2,300 pesos", "0"), ("300 %", "0"),
    ],
    (PM1, "Porcentaje de aprobados", None): [
        ("80", "1"), ("80 %", "1"), ("80 por ciento", "1"), ("20 %", "0"), ("36 alumnos", "0"),
    ],
    (PM1, "Costo del plan de datos", None): [
        ("230", "1"), ("$230", "1"), ("230 pesos", "1"), ("680 pesos", "0"), ("230 GB", "0"),
    ],
    (PM1, "Viaje de seis kilómetros en taxi", None): [
        ("61", "1"), ("$61", "1"), ("61 pesos", "1"), ("126 pesos", "0"), ("61 km", "0"),
    ],
    (PM1, "Gallinas y conejos", None): [
        ("8", "1"), ("8 conejos", "1"), ("8 Conejos", "1"), ("12 conejos", "0"), ("8 kg", "0"),
    ],
    (PM1, "Dos planes de celular", None): [
        ("50", "1"), ("50 min", "1"), ("50 minutos", "1"), ("5/6 h", "1"), ("3000 s", "1"),
        ("50 pesos", "0"),
    ],
    (PM1, "Ángulo mayor del triángulo", None): [
        ("90", "1"), ("90°", "1"), ("90 grados", "1"), ("90 º", "1"), ("30°", "0"),
        ("90 %", "0"),
    ],
    (PM1, "Semanas de ahorro", None): [
        ("8", "1"), ("8 semanas", "1"), ("8 Semanas", "1"), ("11.43 semanas", "0"),
        ("8 días", "0"),
    ],
    (PM1, "Ancho del rectángulo de perímetro 54", None): [
        ("10", "1"), ("10 cm", "1"), ("10 centímetros", "1"), ("100 mm", "1"), ("0.1 m", "1"),
        ("17 cm", "0"), ("10 cm²", "0"),
    ],
    (PM1, "Cerillos para quince cuadrados", None): [
        ("46", "1"), ("46 cerillos", "1"), ("46 Cerillos", "1"), ("60 cerillos", "0"),
        ("46 cm", "0"),
    ],
    (PM1, "Rango de temperaturas", None): [
        ("17", "1"), ("17 °C", "1"), ("17 ºC", "1"), ("17 grados", "1"), ("11 °C", "0"),
        ("17 °F", "0"),
    ],
}  # fmt: skip


@cache
def by_name(file_name: str) -> dict:
    """The course's items by name, parsed once for the whole table."""
    return {entry["name"]: entry for entry in items(load(file_name))}


def item(file_name: str, name: str) -> dict:
    return by_name(file_name)[name]


def numeric_part(file_name: str, name: str, gap: int | None) -> dict:
    """The numeric item, or the numeric gap of a cloze item, as {type, body}."""
    entry = item(file_name, name)
    return entry if gap is None else entry["body"]["gaps"][gap]


@pytest.mark.parametrize(
    ("file_name", "name", "gap", "typed", "credit"),
    [
        pytest.param(*where, typed, credit, id=f"{where[1]}[{where[2]}]:{typed}")
        for where, forms in TYPED_FORMS.items()
        for typed, credit in forms
    ],
)
def test_typed_forms_score_as_a_teacher_would(file_name, name, gap, typed, credit):
    assert scored(numeric_part(file_name, name, gap), typed).fraction == Decimal(credit)


def test_an_unsimplified_sum_of_fractions_is_asked_to_be_simplified():
    entry = item(MATH, "Suma de un cuarto y dos quintos")
    assert "simplificada" in entry["stem"]
    assert scored(entry, "26/40").feedback[-1] == "Simplifica tu resultado."
    assert "denominador común" in scored(entry, "3/9").feedback[0]


def test_a_unit_of_the_family_that_the_item_does_not_convert_says_which_to_write():
    outcome = scored(numeric_part(MATH, "Escala de un mapa", 0), "1000 m")
    assert outcome.feedback == ["Escribe el resultado en km."]


def numeric_parts():
    """(item, numeric body, id) for every numeric item and numeric cloze gap."""
    for file_name in MATH_COURSES:
        for entry in by_name(file_name).values():
            if entry["type"] == "numeric":
                yield pytest.param(entry, entry["body"], id=entry["name"])
            elif entry["type"] == "cloze":
                for number, gap in enumerate(entry["body"]["gaps"], 1):
                    if gap["type"] == "numeric":
                        yield pytest.param(entry, gap["body"], id=f"{entry['name']}[{number}]")


@pytest.mark.parametrize(("entry", "body"), list(numeric_parts()))
def test_without_units_the_stem_asks_for_only_the_number(entry, body):
    if body.get("units"):
        assert "sin el signo" not in entry["stem"]
        return
    assert "solo el número" in entry["stem"] or "como fracción" in entry["stem"]


@pytest.mark.parametrize(("entry", "body"), list(numeric_parts()))
def test_numeric_bodies_raise_no_builder_warning(entry, body):
    itemtypes = pytest.importorskip("impulsa.assessment.itemtypes")
    assert itemtypes.warnings("numeric", body) == []


@pytest.mark.parametrize(
    ("entry", "body"), [part for part in numeric_parts() if not part.values[1].get("units")]
)
def test_a_known_unit_after_a_number_only_key_is_ignored_with_a_note(entry, body):
    key = next(answer["value"] for answer in body["answers"] if Decimal(answer["fraction"]) == 1)
    outcome = scored({"type": "numeric", "body": body}, f"{key} cm")
    assert outcome.fraction == 1
    assert "basta con el número" in outcome.feedback[-1]
