"""The student's logbook, the instructor's bulk review, tutor visits, incidents,
private file downloads and the user's notices (thin: forms + services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.core.errors import AccessDenied
from impulsa.core.forms import attempt
from impulsa.core.storage import private_file_response
from impulsa.dual import selectors
from impulsa.dual.forms import (
    AssignIncidentForm,
    CloseIncidentForm,
    IncidentForm,
    LogbookForm,
    ReviewForm,
    VisitRecordForm,
    VisitScheduleForm,
)
from impulsa.dual.models import IncidentStatus, LogbookFile, LogbookStatus, PlacementStatus
from impulsa.dual.services import incidents, logbook, visits
from impulsa.dual.services import notices as notices_service
from impulsa.dual.views.common import page_of, people_at
from impulsa.org.api import Role


def _my_placement(user):
    return (
        selectors.placements(user)
        .filter(student=user, status=PlacementStatus.ACTIVE)
        .select_related("campus", "company")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_logbook(request):
    placement = _my_placement(request.user)
    if placement is None:
        return render(request, "dual/logbook.html", {"placement": None})
    form = LogbookForm(
        request.POST or None,
        request.FILES or None,
        initial={"week_start": logbook.monday(timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = attempt(
            form, logbook.submit_logbook, actor=request.user, placement=placement,
            week_start=data["week_start"], activities=data["activities"],
            learned=data["learned"], hours=data["hours"], files=data["files"],
        )  # fmt: skip
        if entry:
            messages.success(request, _("Bitácora enviada a tu instructor."))
            return redirect("dual:logbook")
    entries = selectors.logbook(request.user).filter(placement=placement).prefetch_related("files")
    return render(
        request,
        "dual/logbook.html",
        {"placement": placement, "form": form, "entries": entries},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def logbook_entry(request, logbook_id):
    entry = get_object_or_404(selectors.logbook(request.user), pk=logbook_id)
    return render(request, "dual/logbook_entry.html", {"entry": entry, "files": entry.files.all()})


@login_required
@require_safe
def logbook_file(request, file_id):
    row = get_object_or_404(
        LogbookFile.objects.filter(entry__in=selectors.logbook(request.user)), pk=file_id
    )
    return private_file_response(row.file.name, download_name=row.name)


@login_required
@require_http_methods(["GET", "POST"])
def review(request):
    """The instructor's quick view: every submitted logbook of their students, accepted
    or returned in bulk."""
    pending = (
        selectors.logbook(request.user)
        .filter(status=LogbookStatus.SUBMITTED, placement__company__instructors=request.user)
        .order_by("week_start")
    )
    form = ReviewForm(request.POST or None, entries=pending)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form, logbook.review_logbooks, actor=request.user, entries=data["entries"],
            accept=data["decision"] == "accept", comment=data["comment"],
        )  # fmt: skip
        if done:
            messages.success(request, _("Bitácoras revisadas: %(n)s.") % {"n": done})
            return redirect("dual:review")
    return render(
        request,
        "dual/review.html",
        {"form": form, "pending": list(pending.prefetch_related("files"))},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def visit_list(request):
    rows = selectors.visits(request.user).order_by("done_on", "scheduled_on", "pk")
    return render(
        request,
        "dual/visits.html",
        {"page": page_of(request, rows), "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request, placement_id):
    placement = get_object_or_404(selectors.placements(request.user), pk=placement_id)
    form = VisitScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = attempt(
            form, visits.schedule_visit, actor=request.user, placement=placement,
            scheduled_on=form.cleaned_data["scheduled_on"],
        )  # fmt: skip
        if visit:
            return redirect("dual:visit", visit_id=visit.pk)
    return render(
        request,
        "dual/form.html",
        {"title": _("Programar visita"), "form": form, "submit": _("Programar")},
        status=400 if form.errors else 200,
    )


def _visit_form(request, visit):
    placement = visit.placement
    people = people_at(placement.campus, Role.DUAL_TUTOR) | placement.company.instructors.all()
    return VisitRecordForm(
        request.POST or None,
        request.FILES or None,
        people=people.distinct(),
        open_incidents=selectors.incidents(request.user).filter(
            placement=placement, status=IncidentStatus.OPEN
        ),
        initial={"done_on": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_detail(request, visit_id):
    visit = get_object_or_404(selectors.visits(request.user), pk=visit_id)
    roles = selectors.roles_on(request.user, visit.placement)
    form = _visit_form(request, visit) if {"tutor", "staff"} & roles else None
    if request.method == "POST":
        if form is None:
            raise AccessDenied(_("Solo el tutor dual del alumno o el plantel registran visitas."))
        if form.is_valid() and attempt(
            form, visits.record_visit, **_record_args(request, visit, form)
        ):
            messages.success(request, _("Visita registrada."))
            return redirect("dual:visit", visit_id=visit.pk)
    return render(
        request,
        "dual/visit.html",
        {"visit": visit, "form": form, "actions": visit.actions.select_related("owner")},
        status=400 if form is not None and form.errors else 200,
    )


def _record_args(request, visit, form) -> dict:
    data = form.cleaned_data
    incident = None
    if data["incident_kind"]:
        incident = {
            "kind": data["incident_kind"],
            "severity": data["incident_severity"],
            "description": data["incident_description"],
        }
    actions = []
    if data["action"]:
        if not data["action_owner"] or not data["action_due"]:
            form.add_error("action", _("Una acción necesita responsable y fecha límite."))
        actions.append((data["action"], data["action_owner"], data["action_due"]))
    return {
        "actor": request.user,
        "visit": visit,
        "done_on": data["done_on"],
        "findings": data["findings"],
        "checklist": {k[6:]: v for k, v in data.items() if k.startswith("check_")},
        "evidence": data["evidence"],
        "actions": actions,
        "incident": incident,
        "close_ids": [i.pk for i in data["close"]],
    }


@login_required
@require_safe
def visit_evidence(request, visit_id):
    visit = get_object_or_404(selectors.visits(request.user).exclude(evidence=""), pk=visit_id)
    return private_file_response(visit.evidence.name, download_name=visit.evidence_name)


@login_required
@require_safe
def incident_list(request):
    rows = selectors.incidents(request.user).order_by("status", "due_at", "pk")
    return render(
        request, "dual/incidents.html", {"page": page_of(request, rows), "now": timezone.now()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_new(request, placement_id):
    placement = get_object_or_404(selectors.placements(request.user), pk=placement_id)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        incident = attempt(
            form, incidents.report_incident, actor=request.user, placement=placement,
            **form.cleaned_data,
        )  # fmt: skip
        if incident:
            return redirect("dual:incident", incident_id=incident.pk)
    return render(
        request,
        "dual/form.html",
        {"title": _("Reportar incidencia"), "form": form, "submit": _("Reportar")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request, incident_id):
    incident = get_object_or_404(selectors.incidents(request.user), pk=incident_id)
    placement = incident.placement
    people = people_at(placement.campus, Role.DUAL_TUTOR) | people_at(
        placement.campus, Role.CAMPUS_ADMIN
    )
    close_form = CloseIncidentForm(request.POST if "resolution" in request.POST else None)
    assign_form = AssignIncidentForm(
        request.POST if "assignee" in request.POST else None, people=people.distinct()
    )
    if request.method == "POST":
        if close_form.is_bound and close_form.is_valid():
            done = attempt(close_form, incidents.close_incident, actor=request.user,
                           incident=incident, **close_form.cleaned_data)  # fmt: skip
        elif assign_form.is_bound and assign_form.is_valid():
            done = attempt(assign_form, incidents.assign_incident, actor=request.user,
                           incident=incident, **assign_form.cleaned_data)  # fmt: skip
        else:
            done = None
        if done:
            messages.success(request, _("Incidencia actualizada."))
            return redirect("dual:incident", incident_id=incident.pk)
    return render(
        request,
        "dual/incident.html",
        {
            "incident": incident,
            "roles": selectors.roles_on(request.user, placement),
            "close_form": close_form,
            "assign_form": assign_form,
            "now": timezone.now(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notices(request):
    if request.method == "POST":
        notices_service.mark_notices_read(actor=request.user)
        return redirect("dual:notices")
    rows = selectors.notices(request.user)
    return render(
        request,
        "dual/notices.html",
        {"page": page_of(request, rows), "unread": rows.filter(read_at__isnull=True).exists()},
    )
