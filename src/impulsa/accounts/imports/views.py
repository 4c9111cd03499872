"""Pages of the student import: upload, history, status with live progress, downloads."""

import csv
import io
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from impulsa.accounts import selectors
from impulsa.accounts.imports import columns, progress
from impulsa.accounts.imports.forms import ImportForm
from impulsa.accounts.imports.service import start_import, unchanged_count
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.core.forms import add_domain_error
from impulsa.core.spreadsheets import XLSX_TYPE, formula_safe
from impulsa.org.api import (
    Capability,
    has_anywhere,
    primary_institution_id,
    reachable_campuses,
    reachable_careers,
    reachable_groups,
)

PAGE_SIZE = 25
# The status page lists this many errors; the CSV download has all that were kept.
ERRORS_ON_PAGE = 200


def importer_required(view):
    """Signed in and allowed to manage people somewhere; otherwise 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not has_anywhere(request.user, Capability.MANAGE_PEOPLE):
            raise AccessDenied(
                _("Solo la administración de planteles y colegios puede importar alumnos.")
            )
        return view(request, *args, **kwargs)

    return wrapper


def _jobs(request):
    return selectors.import_jobs(request.user).order_by("-created_at", "-pk")


def _job(request, job_id: int):
    return get_object_or_404(_jobs(request), pk=job_id)


@importer_required
@require_GET
def job_list(request):
    page = Paginator(_jobs(request), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/imports/job_list.html", {"page": page})


@importer_required
@require_http_methods(["GET", "POST"])
def job_create(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = start_import(
                actor=request.user,
                institution=form.cleaned_data["institution"],
                uploaded_file=form.cleaned_data["file"],
            )
        except (DomainError, AccessDenied) as error:
            add_domain_error(form, error)
        else:
            return redirect("imports:job_detail", job_id=job.pk)
    context = {
        "form": form,
        "columns": columns.COLUMNS,
        "background_threshold": settings.IMPORT_BACKGROUND_THRESHOLD,
    }
    return render(request, "accounts/imports/job_create.html", context)


def _status_context(job) -> dict:
    state = progress.of(job)
    context = {"job": job, "progress": state}
    if job.status == job.Status.DONE:
        context["unchanged"] = unchanged_count(job)
        context["people_url"] = (
            reverse("people:user_list") + "?" + urlencode({"institution": job.institution_id})
        )
    if job.errors:
        context["errors"] = job.errors[:ERRORS_ON_PAGE]
        context["errors_hidden"] = max(0, len(job.errors) - ERRORS_ON_PAGE)
    return context


@importer_required
@require_GET
@never_cache
def job_detail(request, job_id: int):
    job = _job(request, job_id)
    return render(request, "accounts/imports/job_detail.html", _status_context(job))


@importer_required
@require_GET
@never_cache
def job_progress(request, job_id: int):
    """The status block alone, polled by htmx every second while the job runs.

    `anunciado` is the status the page last announced to screen readers; the live
    region is only rewritten when the status changes, so it speaks once per phase.
    """
    job = _job(request, job_id)
    context = _status_context(job)
    context["announce"] = request.GET.get("anunciado") != context["progress"].status
    return render(request, "accounts/imports/_status.html", context)


@importer_required
@require_GET
@never_cache
def job_errors_csv(request, job_id: int):
    job = _job(request, job_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_("línea"), _("columna"), _("error")])
    for error in job.errors:
        writer.writerow([formula_safe(error.get(k)) for k in ("line", "column", "message")])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="errores-importacion-{job.pk}.csv"'
    return response


def _example_codes(user) -> dict:
    """The actor's own campus, and a group of the current period there with its
    career and semester, so that the template's example row imports as it is."""
    campus = (
        reachable_campuses(user, Capability.MANAGE_PEOPLE)
        .filter(pk=primary_institution_id(user))
        .first()
    )
    if campus is None:
        return {}
    group = (
        reachable_groups(user, Capability.MANAGE_PEOPLE)
        .filter(campus=campus, period__is_current=True, career__is_active=True)
        .order_by("semester", "name")
        .first()
    )
    if group is not None:
        return {
            "campus_code": campus.code,
            "career_code": group.career.code,
            "semester": str(group.semester),
            "group": group.name,
        }
    career = (
        reachable_careers(user, Capability.MANAGE_PEOPLE)
        .filter(campus=campus, is_active=True)
        .order_by("code")
        .first()
    )
    return {"campus_code": campus.code, "career_code": career.code if career else None}


@importer_required
@require_GET
def template_csv(request):
    response = HttpResponse(
        columns.template_csv(**_example_codes(request.user)), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="plantilla-alumnos.csv"'
    return response


@importer_required
@require_GET
def template_xlsx(request):
    response = HttpResponse(
        columns.template_xlsx(**_example_codes(request.user)), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="plantilla-alumnos.xlsx"'
    return response
