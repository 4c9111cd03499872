"""Placements: list, propose, the placement's page (plan, history, logbook, visits,
incidents, coverage), state moves, stations and templates, evaluations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.core.errors import AccessDenied
from impulsa.core.forms import attempt
from impulsa.dual import reports, selectors
from impulsa.dual.forms import (
    ApplyTemplateForm,
    EvaluationForm,
    MoveForm,
    PlacementForm,
    PlacementSetupForm,
    StationForm,
)
from impulsa.dual.models import AgreementKind, CompanyStatus, PlacementStatus
from impulsa.dual.services import logbook, placements, plans
from impulsa.dual.services.companies import ensure_manager
from impulsa.dual.views.common import dual_skills, managed_campuses, page_of, people_at, students_at
from impulsa.org.api import Role


@login_required
@require_safe
def placement_list(request):
    rows = selectors.placements(request.user).order_by(
        "student__last_name", "student__first_name", "pk"
    )
    status = request.GET.get("estado", "")
    if status in PlacementStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "dual/placements.html",
        {"page": page_of(request, rows), "status": status, "statuses": PlacementStatus.choices,
         "manages": managed_campuses(request.user).exists()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def placement_new(request):
    campus = managed_campuses(request.user).first()
    ensure_manager(request.user, campus)
    form = PlacementForm(
        request.POST or None,
        students=students_at(campus),
        companies=selectors.companies(request.user).filter(
            campus=campus, status=CompanyStatus.APPROVED
        ),
        tutors=people_at(campus, Role.DUAL_TUTOR),
    )
    if request.method == "POST" and form.is_valid():
        placement = attempt(
            form, placements.propose_placement, actor=request.user, **form.cleaned_data
        )
        if placement:
            return redirect("dual:placement", placement_id=placement.pk)
    return render(
        request,
        "dual/form.html",
        {"title": _("Nueva colocación"), "form": form, "submit": _("Proponer colocación")},
        status=400 if form.errors else 200,
    )


def _placement(request, placement_id):
    return get_object_or_404(selectors.placements(request.user), pk=placement_id)


def _forms(placement, user, posted=None, data=None):
    """The page's four forms, each with its own prefix: their fields share names (two
    «starts_on»), and one id per field keeps each label on its own input. Only the
    `posted` one is bound to `data`: the others keep their initial values, unflagged."""

    def given(key):
        return data if key == posted else None

    positions = selectors.positions(user).filter(company=placement.company_id, is_active=True)
    agreements = selectors.agreements(user).filter(
        company=placement.company_id, kind=AgreementKind.LEARNING, student=placement.student_id
    )
    return {
        "station_form": StationForm(given("station_form"), positions=positions, prefix="station"),
        "apply_form": ApplyTemplateForm(
            given("apply_form"),
            templates=selectors.templates(user).filter(company=placement.company_id),
            prefix="apply",
        ),
        "setup_form": PlacementSetupForm(
            given("setup_form"),
            tutors=people_at(placement.campus, Role.DUAL_TUTOR),
            agreements=agreements,
            initial={"tutor": placement.tutor_id, "agreement": placement.agreement_id},
            prefix="setup",
        ),
        "move_form": MoveForm(given("move_form"), prefix="move"),
    }


@login_required
@require_safe
def placement_detail(request, placement_id):
    placement = _placement(request, placement_id)
    return _render_detail(request, placement, _forms(placement, request.user))


def _render_detail(request, placement, forms, status=200):
    user = request.user
    roles = selectors.roles_on(user, placement)
    stations = list(placement.stations.select_related("position"))
    context = {
        "placement": placement,
        "roles": roles,
        "stations": stations,
        "events": placement.events.select_related("actor"),
        "entries": selectors.logbook(user).filter(placement=placement),
        "visits": selectors.visits(user).filter(placement=placement),
        "incidents": selectors.incidents(user).filter(placement=placement),
        "evaluations": placement.evaluations.select_related("station__position", "evaluator"),
        "coverage": reports.coverage(placement),
        "missing": reports.missing_for(placement),
        **forms,
    }
    return render(request, "dual/placement.html", context, status=status)


def _post(request, placement_id, form_key, service, **extra):
    placement = _placement(request, placement_id)
    forms = _forms(placement, request.user, form_key, request.POST)
    form = forms[form_key]
    if form.is_valid() and attempt(
        form, service, actor=request.user, placement=placement, **form.cleaned_data, **extra
    ):
        messages.success(request, _("Cambios guardados."))
        return redirect("dual:placement", placement_id=placement.pk)
    return _render_detail(request, placement, forms, status=400)


@login_required
@require_POST
def placement_setup(request, placement_id):
    return _post(request, placement_id, "setup_form", placements.update_placement)


@login_required
@require_POST
def placement_move(request, placement_id):
    return _post(request, placement_id, "move_form", placements.move_placement)


@login_required
@require_POST
def station_new(request, placement_id):
    return _post(request, placement_id, "station_form", plans.add_station)


@login_required
@require_POST
def template_apply(request, placement_id):
    return _post(request, placement_id, "apply_form", plans.apply_template)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request, placement_id):
    placement = _placement(request, placement_id)
    roles = selectors.roles_on(request.user, placement)
    if not {"instructor", "tutor"} & roles:
        raise AccessDenied(_("Evalúan el instructor de la empresa y el tutor dual."))
    stations = placement.stations.select_related("position")
    skills_q = Q(pk__in=stations.values("position__competencies"))
    form = EvaluationForm(
        request.POST or None,
        stations=stations if "instructor" in roles else stations.none(),
        skills=dual_skills().filter(skills_q),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "instructor" not in roles:
            data["station"] = None
        if attempt(form, logbook.evaluate, actor=request.user, placement=placement, **data):
            messages.success(request, _("Evaluación guardada."))
            return redirect("dual:placement", placement_id=placement.pk)
    return render(
        request,
        "dual/form.html",
        {"title": _("Evaluar a %(s)s") % {"s": placement.student.get_full_name()},
         "form": form, "submit": _("Guardar evaluación")},
        status=400 if form.errors else 200,
    )  # fmt: skip
