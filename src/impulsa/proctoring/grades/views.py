"""«Calificaciones» for teachers (per group and course) and «Mis calificaciones» for
students; both download as XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from impulsa.core.spreadsheets import XLSX_TYPE, xlsx_bytes
from impulsa.org.api import Capability, has_anywhere
from impulsa.proctoring.grades import selectors


def _xlsx(name: str, title: str, header, rows) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.xlsx"'
    return response


def _text(cell, *, for_student: bool) -> str:
    if cell.grade is None:
        return "—"
    if for_student and not cell.visible:
        return _("Por publicar")
    return f"{cell.grade:.1f}"


@login_required
@require_GET
def my_grades(request):
    sheets = selectors.my_grades(request.user)
    if request.GET.get("formato") == "xlsx":
        rows = [
            [course.name, column.title, _text(cell, for_student=True), cell.attempts]
            for course, columns, row in sheets
            for column, cell in zip(columns, row.cells, strict=True)
        ]
        header = [_("Curso"), _("Examen"), _("Calificación"), _("Intentos")]
        return _xlsx(_("mis-calificaciones"), _("Calificaciones"), header, rows)
    return render(request, "proctoring/grades/mine.html", {"sheets": sheets})


@login_required
@require_GET
def sheets(request):
    if not has_anywhere(request.user, Capability.VIEW_LEARNING):
        raise Http404
    return render(
        request,
        "proctoring/grades/sheets.html",
        {"pairs": selectors.reachable_sheets(request.user)},
    )


@login_required
@require_GET
def group_sheet(request, group_id: int, course_id: int):
    found = selectors.group_sheet(request.user, group_id, course_id)
    if found is None:
        raise Http404
    group, course, columns, rows = found
    if request.GET.get("formato") == "xlsx":
        header = [_("Alumno"), _("Matrícula"), *[c.title for c in columns]]
        data = [
            [
                row.label,
                getattr(getattr(row.student, "student_profile", None), "matricula", ""),
                *[cell.grade if cell.grade is not None else "" for cell in row.cells],
            ]
            for row in rows
        ]
        return _xlsx(f"calificaciones-{group.name}-{course.name}", group.name, header, data)
    return render(
        request,
        "proctoring/grades/group.html",
        {"group": group, "course": course, "columns": columns, "rows": rows},
    )
