"""Downloads: the dashboard as XLSX (openpyxl), the student's dual record and the
company report as PDF (reportlab). Cells that start like a formula are neutralised."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from impulsa.core.spreadsheets import formula_safe as safe_cell


def dashboard_xlsx(title: str, figures: dict, placements) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Indicadores")[:31]
    sheet.append([safe_cell(title)])
    rows = [
        (_("Alumnos en dual"), figures["students"]),
        (_("Empresas activas"), figures["companies"]),
        (_("Puestos de aprendizaje"), figures["positions"]),
        (_("Lugares"), figures["seats"]),
        (_("Lugares ocupados"), figures["filled"]),
        (_("Ocupación (%)"), figures["fill_rate"]),
        (_("Visitas programadas"), figures["visits"]["planned"]),
        (_("Visitas hechas"), figures["visits"]["done"]),
        (_("Visitas vencidas"), figures["visits"]["overdue"]),
        (_("Incidencias abiertas"), figures["incidents_open"]),
        (_("Incidencias vencidas"), figures["incident_ages"]["overdue"]),
        (_("Bitácoras entregadas"), figures["logbook"]["total"]),
        (_("Semanas esperadas"), figures["expected_weeks"]),
        (_("Cumplimiento de bitácora (%)"), figures["compliance"]),
    ]
    for label, value in rows:
        sheet.append([str(label), value])
    for bar in figures["severity_bars"]:
        sheet.append(
            [_("Incidencias abiertas, gravedad %(s)s") % {"s": bar.label.lower()}, bar.value]
        )
    detail = book.create_sheet(_("Colocaciones")[:31])
    detail.append([str(_("Alumno")), str(_("Empresa")), str(_("Plantel")), str(_("Estado")),
                   str(_("Inicia")), str(_("Termina"))])  # fmt: skip
    for p in placements:
        detail.append(
            [safe_cell(p.student.get_full_name()), safe_cell(str(p.company)), safe_cell(str(p.campus)),
             str(p.get_status_display()), p.starts_on, p.ends_on]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(rows, widths=None):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#0B5D3B")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _pdf(title: str, blocks) -> bytes:
    out = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(out, pagesize=letter, title=title)
    story = [Paragraph(title, styles["Title"]),
             Paragraph(timezone.localtime().strftime("%d/%m/%Y %H:%M"), styles["Normal"])]  # fmt: skip
    for heading, content in blocks:
        story += [Spacer(1, 10), Paragraph(heading, styles["Heading2"])]
        if isinstance(content, str):
            story.append(Paragraph(content, styles["Normal"]))
        elif content:
            story.append(_table(content))
        else:
            story.append(Paragraph(_("Sin registros."), styles["Normal"]))
    doc.build(story)
    return out.getvalue()


def _esc(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def record_pdf(placement, stations, entries, evaluations, visits, coverage) -> bytes:
    """The student's dual record: placement, plan, logbook, evaluations, visits, coverage."""
    p = placement
    summary = _esc(
        _("%(student)s · %(company)s · %(campus)s · %(status)s · del %(a)s al %(b)s")
        % {"student": p.student.get_full_name(), "company": p.company, "campus": p.campus,
           "status": p.get_status_display(), "a": p.starts_on.strftime("%d/%m/%Y"),
           "b": p.ends_on.strftime("%d/%m/%Y")}
    )  # fmt: skip
    plan = [[_("Puesto"), _("Inicia"), _("Termina"), _("Horas")]] + [
        [_esc(s.position), s.starts_on.strftime("%d/%m/%Y"), s.ends_on.strftime("%d/%m/%Y"), s.hours]
        for s in stations
    ]  # fmt: skip
    logs = [[_("Semana"), _("Horas"), _("Estado")]] + [
        [e.week_start.strftime("%d/%m/%Y"), str(e.hours), e.get_status_display()] for e in entries
    ]
    evals = [[_("Evalúa"), _("Estación"), _("Calificación")]] + [
        [e.get_kind_display(), _esc(e.station.position if e.station else "—"), str(e.score)]
        for e in evaluations
    ]
    vis = [[_("Programada"), _("Hecha"), _("Hallazgos")]] + [
        [v.scheduled_on.strftime("%d/%m/%Y"), v.done_on.strftime("%d/%m/%Y") if v.done_on else "—",
         Paragraph(_esc(v.findings[:300]), getSampleStyleSheet()["Normal"])]
        for v in visits
    ]  # fmt: skip
    cover = _esc(
        _("%(done)s de %(planned)s competencias del plan logradas (%(pct)s %%). Faltan: %(missing)s")
        % {"done": len(coverage.achieved), "planned": len(coverage.planned), "pct": coverage.percent,
           "missing": ", ".join(s.name for s in coverage.missing) or "—"}
    )  # fmt: skip
    return _pdf(
        _("Expediente dual"),
        [(_("Colocación"), summary), (_("Plan de rotación"), plan if stations else None),
         (_("Bitácora"), logs if entries else None),
         (_("Evaluaciones"), evals if evaluations else None),
         (_("Visitas"), vis if visits else None), (_("Cobertura de competencias"), cover)],
    )  # fmt: skip


def company_pdf(company, positions, placements) -> bytes:
    pos = [[_("Puesto"), _("Carrera"), _("Cupo")]] + [
        [_esc(p.name), _esc(p.career.name), p.capacity] for p in positions
    ]
    plc = [[_("Alumno"), _("Estado"), _("Inicia"), _("Termina")]] + [
        [_esc(p.student.get_full_name()), p.get_status_display(), p.starts_on.strftime("%d/%m/%Y"),
         p.ends_on.strftime("%d/%m/%Y")]
        for p in placements
    ]  # fmt: skip
    info = _esc(f"{company.legal_name} · RFC {company.rfc} · {company.get_sector_display()}")
    return _pdf(
        _("Reporte de empresa: %(c)s") % {"c": _esc(company)},
        [(_("Empresa"), info), (_("Puestos de aprendizaje"), pos if positions else None),
         (_("Alumnos"), plc if placements else None)],
    )  # fmt: skip
