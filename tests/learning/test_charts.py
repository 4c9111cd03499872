"""Charts drawn from a fenced table: what students see and what a screen reader reads."""

import re
from decimal import Decimal

import pytest

from impulsa.learning.content import charts, markdown

BARS = """```grafica barras Alumnos por turno
| Turno | Alumnos |
|---|---|
| Matutino | 120 |
| Vespertino | 80 |
| Nocturno | 1,250 |
```"""


def test_a_fenced_table_becomes_a_bar_chart_with_its_data_as_text():
    html = markdown.render(BARS)
    assert html.count("<svg") == 1
    assert 'role="img"' in html
    assert "<title" in html and "Alumnos por turno" in html
    # The description and the table carry every value, for screen readers.
    assert "Matutino: 120, Vespertino: 80, Nocturno: 1,250" in html
    assert '<th scope="row">Nocturno</th><td>1,250</td>' in html
    assert html.count("<rect") == 3


def test_bar_heights_follow_the_values():
    chart = charts.parse("grafica barras", "Turno | Alumnos\nA | 50\nB | 100")
    svg = charts.render(chart, "c")
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[1] == pytest.approx(2 * heights[0])


def test_a_line_chart_draws_one_line_per_series_told_apart_by_dash_too():
    chart = charts.parse(
        "chart lineas Temperatura", "Mes | Mérida | Toluca\nenero | 24 | -2\nfebrero | 26 | 3.5"
    )
    assert chart.values == ((Decimal(24), Decimal(-2)), (Decimal(26), Decimal("3.5")))
    svg = charts.render(chart, "c")
    assert svg.count("<polyline") == 2
    assert "stroke-dasharray" in svg


def test_a_scale_holds_zero_and_steps_by_one_two_or_five():
    assert charts.nice_scale(Decimal(0), Decimal("1250.5")) == (0, 1500, 500)
    assert charts.nice_scale(Decimal(-2), Decimal(29)) == (-10, 30, 10)
    assert charts.nice_scale(Decimal(3), Decimal(3)) == (0, 3.0, 1.0)
    assert charts.nice_scale(Decimal(0), Decimal(0)) == (0, 1.0, 0.2)


@pytest.mark.parametrize(
    ("info", "body", "message"),
    [
        ("grafica pastel", "A | B\nx | 1", "Indica el tipo de gráfica"),
        ("grafica barras", "A | B", "al menos un dato"),
        ("grafica barras", "A | B\nx | uno", "«uno» no es un número"),
        ("grafica barras", "A | B\nx | 1 | 2", "no tiene tantas columnas"),
        ("grafica barras", "A | B\n" + "x | 1\n" * 25, "hasta 24 filas"),
        ("grafica barras", "A | B | C | D | E | F\nx | 1 | 2 | 3 | 4 | 5", "de 1 a 4 columnas"),
    ],
)
def test_a_chart_that_cannot_be_drawn_says_why_in_spanish(info, body, message):
    with pytest.raises(charts.ChartError, match=message):
        charts.parse(info, body)
    fence = f"```{info}\n{body}\n```"
    assert message.split("«")[0] in markdown.render(fence).replace("&laquo;", "«")


def test_labels_are_text_never_markup():
    html = markdown.render(
        '```grafica barras <script>alert(1)</script>\n| <b>x</b> | "y" |\n| <img src=x> | 1 |\n```'
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_an_author_cannot_forge_a_chart_into_markup_outside_a_fence():
    html = markdown.render('<svg onload="alert(1)"></svg> and text')
    assert "<svg" not in html


def test_other_fences_stay_code():
    assert "<pre><code" in markdown.render("```python\nprint(1)\n```")
