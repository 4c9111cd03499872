"""The integrity report of an attempt or a session as files a school keeps: PDF
(reportlab) for the record, XLSX (core.spreadsheets) for filtering. Both say who,
when, state, grade, time used, accommodations, and the timeline of events and the
proctor's notes and actions; times in Mexico City."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from impulsa.core.spreadsheets import xlsx_bytes
from impulsa.proctoring.integrity.selectors import AttemptReport
from impulsa.proctoring.models import AttemptState


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S") if moment else ""


def _grade(report: AttemptReport) -> str:
    attempt = report.attempt
    if attempt.state == AttemptState.INVALIDATED:
        return _("anulado")
    return "" if attempt.grade is None else f"{attempt.grade:.1f}"


def _accommodation(report: AttemptReport) -> str:
    a = report.accommodation
    if a is None:
        return ""
    if a.unlimited_time:
        return _("sin límite de tiempo (%(why)s)") % {"why": a.reason}
    return _("%(m)s min extra, %(n)s intentos extra (%(why)s)") % {
        "m": a.extra_minutes,
        "n": a.extra_attempts,
        "why": a.reason,
    }


def _headers() -> list[str]:
    return [
        _("Alumno"),
        _("Intento"),
        _("Estado"),
        _("Calificación"),
        _("Inicio"),
        _("Entrega"),
        _("Tiempo usado (min)"),
        _("Ajustes razonables"),
    ]


def _values(report: AttemptReport) -> list[str]:
    attempt = report.attempt
    return [
        report.student.get_full_name() or report.student.username,
        str(attempt.number),
        str(attempt.get_state_display()),
        _grade(report),
        _when(attempt.started_at),
        _when(attempt.submitted_at),
        str(report.minutes_used),
        _accommodation(report),
    ]


def _moment_label(moment) -> str:
    return moment.label or _("Nota de quien supervisa")


# --- PDF ---------------------------------------------------------------------------------

_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
    ]
)


def _cell(text, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _attempt_flowables(report: AttemptReport, styles) -> list:
    body = styles["BodyText"]
    title = report.student.get_full_name() or report.student.username
    flow = [
        Paragraph(escape(f"{title} · {_('intento')} {report.attempt.number}"), styles["Heading2"])
    ]
    summary = Table(
        [
            [_cell(k, body), _cell(v, body)]
            for k, v in zip(_headers(), _values(report), strict=True)
        ],
        colWidths=[5 * cm, 12 * cm],
    )
    summary.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    flow += [summary, Spacer(1, 0.3 * cm)]
    rows = [[_cell(h, body) for h in (_("Momento"), _("Qué pasó"), _("Detalle"))]]
    rows += [
        [_cell(_when(m.at), body), _cell(_moment_label(m), body), _cell(m.text, body)]
        for m in report.moments
    ]
    if len(rows) == 1:
        flow.append(Paragraph(escape(_("Sin eventos ni notas.")), body))
    else:
        table = Table(rows, colWidths=[3.5 * cm, 5 * cm, 8.5 * cm], repeatRows=1)
        table.setStyle(_GRID)
        flow.append(table)
    return [*flow, Spacer(1, 0.6 * cm)]


def pdf(title: str, subtitle: str, reports: list[AttemptReport]) -> bytes:
    out = BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=LETTER, title=title, leftMargin=2 * cm, rightMargin=2 * cm
    )
    styles = getSampleStyleSheet()
    flow = [
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(subtitle), styles["BodyText"]),
        Paragraph(
            escape(
                _("Generado el %(when)s (hora del centro de México).")
                % {"when": _when(timezone.now())}
            ),
            styles["BodyText"],
        ),
        Paragraph(
            escape(_("Los eventos informan a una persona; ninguno decide nada por sí solo.")),
            styles["BodyText"],
        ),
        Spacer(1, 0.5 * cm),
    ]
    if not reports:
        flow.append(Paragraph(escape(_("Nadie ha comenzado todavía.")), styles["BodyText"]))
    for report in reports:
        flow += _attempt_flowables(report, styles)
    document.build(flow)
    return out.getvalue()


# --- XLSX --------------------------------------------------------------------------------


def xlsx(title: str, reports: list[AttemptReport]) -> bytes:
    """One row per timeline moment (an attempt without any gets one row of its own),
    the attempt's summary repeated so the sheet filters by student."""
    header = [*_headers(), _("Momento"), _("Qué pasó"), _("Detalle")]
    rows = []
    for report in reports:
        summary = _values(report)
        if not report.moments:
            rows.append([*summary, "", "", ""])
        for m in report.moments:
            rows.append([*summary, _when(m.at), str(_moment_label(m)), m.text])
    return xlsx_bytes(title, header, rows)
