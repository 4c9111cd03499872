"""Bar and line charts drawn on the server as SVG, from a fenced block in Markdown.

An author turns a table into a chart by wrapping it in a fence whose info string
names the kind and the title:

    ```grafica barras Alumnos por turno
    | Turno | Alumnos |
    |---|---|
    | Matutino | 120 |
    | Vespertino | 80 |
    ```

The first row names the categories' column and each series; `lineas` draws one line
per series. Charting libraries for the browser would cost a phone a script download
and leave no chart without JavaScript, and the Python plotting libraries draw
pictures without a text alternative; the SVG here is small, has a title and a
description, and carries its data as a table for screen readers and for anyone who
wants the exact values.
"""

import html
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

KINDS = {"barras": "bar", "bar": "bar", "lineas": "line", "líneas": "line", "line": "line"}
FENCE_NAMES = {"grafica", "gráfica", "chart"}
MAX_CATEGORIES = 24
MAX_SERIES = 4
MAX_LABEL = 60
MAX_VALUE = Decimal("1e12")

# Drawn at about the width of a phone, so its 12-px text stays 12 px there.
WIDTH, HEIGHT = 360, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 36, 44
# Blues and oranges that keep a 3:1 contrast on white; lines also differ by dash.
COLORS = ("#1f5fa8", "#b45309", "#2f7d32", "#7b3fa0")
DASHES = ("", "6 4", "2 3", "10 3 2 3")

_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")


class ChartError(ValueError):
    """The block cannot be drawn; the message (Spanish) tells the author why."""


@dataclass(frozen=True)
class Chart:
    kind: str
    title: str
    category_label: str
    series: tuple[str, ...]
    categories: tuple[str, ...]
    values: tuple[tuple[Decimal, ...], ...]  # one row per category


def is_chart_fence(info: str) -> bool:
    return info.split(maxsplit=1)[0].lower() in FENCE_NAMES if info.strip() else False


def parse(info: str, body: str) -> Chart:
    """The chart a fence describes; ChartError when it cannot be drawn."""
    words = info.split(maxsplit=2)
    kind = KINDS.get(words[1].lower()) if len(words) > 1 else None
    if kind is None:
        raise ChartError(_("Indica el tipo de gráfica: «barras» o «lineas»."))
    title = words[2].strip() if len(words) > 2 else ""
    rows = [_cells(line) for line in body.splitlines() if line.strip()]
    rows = [row for row in rows if not all(re.fullmatch(r":?-+:?", cell) for cell in row)]
    if len(rows) < 2:
        raise ChartError(_("La gráfica necesita una fila de títulos y al menos un dato."))
    header, data = rows[0], rows[1:]
    if not 2 <= len(header) <= MAX_SERIES + 1:
        raise ChartError(_("La gráfica admite de 1 a %(n)s columnas de datos.") % {"n": MAX_SERIES})
    if len(data) > MAX_CATEGORIES:
        raise ChartError(_("La gráfica admite hasta %(n)s filas.") % {"n": MAX_CATEGORIES})
    values = []
    for row in data:
        if len(row) != len(header):
            raise ChartError(
                _("La fila «%(row)s» no tiene tantas columnas como los títulos.")
                % {"row": row[0][:MAX_LABEL]}
            )
        values.append(tuple(_number(cell) for cell in row[1:]))
    return Chart(
        kind,
        title[:MAX_LABEL],
        header[0][:MAX_LABEL],
        tuple(name[:MAX_LABEL] for name in header[1:]),
        tuple(row[0][:MAX_LABEL] for row in data),
        tuple(values),
    )


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def _number(cell: str) -> Decimal:
    text = cell.replace(" ", "").replace("\u2212", "-")
    # "1,250" is one thousand two hundred fifty, as in Mexico; "3,5" a decimal comma.
    text = text.replace(",", "") if _THOUSANDS.fullmatch(text) else text.replace(",", ".", 1)
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > MAX_VALUE:
        raise ChartError(_("«%(cell)s» no es un número.") % {"cell": cell[:MAX_LABEL]})
    return number


def nice_scale(low: Decimal, high: Decimal) -> tuple[float, float, float]:
    """Axis bounds and step on 1-2-5 steps, always holding zero."""
    low, high = min(float(low), 0.0), max(float(high), 0.0)
    if low == high:
        high = 1.0
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _fmt(number: float | Decimal) -> str:
    """A number as Mexico writes it: decimal point, comma for thousands."""
    value = Decimal(str(number)).normalize()
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _short(label: str, room: float) -> str:
    limit = max(3, int(room / 7.5))
    return label if len(label) <= limit else label[: limit - 1] + "…"


def render(chart: Chart, uid: str) -> str:
    """The chart as a <figure>: SVG (role img, title and description) and its data table."""
    e = html.escape
    every = [v for row in chart.values for v in row]
    low, high, step = nice_scale(min(every), max(every))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value) -> float:
        return TOP + plot_h - (float(value) - low) / (high - low) * plot_h

    parts = [_axes(low, high, step, y, chart)]
    slot = plot_w / len(chart.categories)
    if chart.kind == "bar":
        parts.append(_bars(chart, slot, y))
    else:
        parts.append(_lines(chart, slot, y))
    parts.append(_category_labels(chart, slot))
    if len(chart.series) > 1:
        parts.append(_legend(chart))
    description = _description(chart)
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" font-family="system-ui, sans-serif" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{e(chart.title or chart.category_label)}</title>'
        f'<desc id="{uid}-d">{e(description)}</desc>{"".join(parts)}</svg>'
    )
    caption = f"<figcaption>{e(chart.title)}</figcaption>" if chart.title else ""
    return f'<figure class="chart-figure">{svg}{caption}{_table(chart)}</figure>'


def _axes(low, high, step, y, chart: Chart) -> str:
    lines = []
    tick = low
    while tick <= high + step / 2:
        at = y(tick)
        lines.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" y2="{at:.1f}" '
            f'stroke="{"#555" if tick == 0 else "#d0d4d9"}" />'
            f'<text x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#333">{_fmt(round(tick, 10))}</text>'
        )
        tick += step
    if len(chart.series) == 1:
        lines.append(
            f'<text x="{LEFT}" y="{TOP - 14}" font-size="12" fill="#333">'
            f"{html.escape(chart.series[0])}</text>"
        )
    return "".join(lines)


def _bars(chart: Chart, slot: float, y) -> str:
    count = len(chart.series)
    width = slot * 0.7 / count
    bars = []
    for index, row in enumerate(chart.values):
        for serie, value in enumerate(row):
            x = LEFT + index * slot + slot * 0.15 + serie * width
            top, base = sorted((y(value), y(0)))
            bars.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
                f'height="{max(base - top, 0.5):.1f}" fill="{COLORS[serie]}" />'
            )
    return "".join(bars)


def _lines(chart: Chart, slot: float, y) -> str:
    drawn = []
    for serie in range(len(chart.series)):
        points = [
            (LEFT + index * slot + slot / 2, y(row[serie]))
            for index, row in enumerate(chart.values)
        ]
        path = " ".join(f"{x:.1f},{v:.1f}" for x, v in points)
        dash = f' stroke-dasharray="{DASHES[serie]}"' if DASHES[serie] else ""
        drawn.append(
            f'<polyline points="{path}" fill="none" stroke="{COLORS[serie]}" '
            f'stroke-width="2.5"{dash} />'
        )
        drawn.extend(
            f'<circle cx="{x:.1f}" cy="{v:.1f}" r="4" fill="{COLORS[serie]}" />' for x, v in points
        )
    return "".join(drawn)


def _category_labels(chart: Chart, slot: float) -> str:
    base = HEIGHT - BOTTOM + 18
    labels = [
        f'<text x="{LEFT + index * slot + slot / 2:.1f}" y="{base}" text-anchor="middle" '
        f'font-size="12" fill="#333">{html.escape(_short(name, slot))}</text>'
        for index, name in enumerate(chart.categories)
    ]
    labels.append(
        f'<text x="{LEFT + (WIDTH - LEFT - RIGHT) / 2:.1f}" y="{HEIGHT - 6}" '
        f'text-anchor="middle" font-size="13" fill="#222">'
        f"{html.escape(chart.category_label)}</text>"
    )
    return "".join(labels)


def _legend(chart: Chart) -> str:
    items, x = [], LEFT
    for serie, name in enumerate(chart.series):
        dash = f' stroke-dasharray="{DASHES[serie]}"' if DASHES[serie] else ""
        items.append(
            f'<line x1="{x}" x2="{x + 18}" y1="{TOP - 18}" y2="{TOP - 18}" '
            f'stroke="{COLORS[serie]}" stroke-width="4"{dash} />'
            f'<text x="{x + 22}" y="{TOP - 14}" font-size="12" fill="#333">'
            f"{html.escape(_short(name, 90))}</text>"
        )
        x += 26 + min(len(name), 12) * 7.5
    return "".join(items)


def _description(chart: Chart) -> str:
    kind = _("Gráfica de barras") if chart.kind == "bar" else _("Gráfica de líneas")
    pieces = []
    for serie, name in enumerate(chart.series):
        points = ", ".join(
            f"{category}: {_fmt(row[serie])}"
            for category, row in zip(chart.categories, chart.values, strict=True)
        )
        pieces.append(f"{name}: {points}")
    return f"{kind}. " + ". ".join(pieces) + "."


def _table(chart: Chart) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(name)}</th>' for name in chart.series)
    rows = "".join(
        f'<tr><th scope="row">{e(category)}</th>'
        + "".join(f"<td>{_fmt(value)}</td>" for value in row)
        + "</tr>"
        for category, row in zip(chart.categories, chart.values, strict=True)
    )
    summary = _("Ver los datos de la gráfica")
    return (
        f"<details><summary>{e(summary)}</summary>"
        f'<table class="table table-sm w-auto"><thead><tr>'
        f'<th scope="col">{e(chart.category_label)}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def error_html(message: str) -> str:
    return f'<p class="chart-error" role="note">{html.escape(message)}</p>'
