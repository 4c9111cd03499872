"""The dual home of each role, dashboards (campus, state, national) with charts and an
XLSX export, the student's dual record (PDF) and the company report (PDF)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from impulsa.core.errors import AccessDenied
from impulsa.dual import exports, reports, selectors
from impulsa.dual.forms import DashboardForm
from impulsa.dual.views.common import ensure_viewer
from impulsa.dual.views.home import home_context
from impulsa.org.api import Capability, Institution, institution_ids


@login_required
@require_safe
def home(request):
    return render(request, "dual/home.html", home_context(request.user))


def _scoped(user, institution):
    """The viewer's querysets, narrowed to `institution` and below when one is chosen."""
    sets = {
        "companies": selectors.companies(user),
        "positions": selectors.positions(user),
        "placements": selectors.placements(user),
        "logbook": selectors.logbook(user),
        "visits": selectors.visits(user),
        "incidents": selectors.incidents(user),
    }
    if institution is None:
        return sets
    via = {"logbook": "placement__campus__path__startswith"}
    return {
        key: qs.filter(**{via.get(key, "campus__path__startswith"): institution.path})
        for key, qs in sets.items()
    }


def _institution(request):
    user = request.user
    ensure_viewer(user)
    institutions = Institution.objects.filter(
        pk__in=institution_ids(user, Capability.VIEW_DUAL)
    ).order_by("path")
    form = DashboardForm(request.GET or None, institutions=institutions)
    chosen = form.cleaned_data["institution"] if form.is_valid() else None
    if chosen is None:
        # The picker shows the institution the figures are about.
        chosen = institutions.first()
        form = DashboardForm(initial={"institution": chosen}, institutions=institutions)
    return form, chosen


@login_required
@require_safe
def dashboard(request):
    form, institution = _institution(request)
    figures = reports.dashboard(**_scoped(request.user, institution))
    return render(
        request, "dual/dashboard.html", {"form": form, "institution": institution, "f": figures}
    )


@login_required
@require_safe
def dashboard_xlsx(request):
    _form, institution = _institution(request)
    sets = _scoped(request.user, institution)
    figures = reports.dashboard(**sets)
    placements = sets["placements"].select_related("student", "company", "campus")[:5000]
    data = exports.dashboard_xlsx(str(institution or _("Ecosistema Dual")), figures, placements)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(True, "tablero-dual.xlsx")
    return response


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_safe
def record_pdf(request, placement_id):
    placement = get_object_or_404(selectors.placements(request.user), pk=placement_id)
    data = exports.record_pdf(
        placement,
        list(placement.stations.select_related("position")),
        list(selectors.logbook(request.user).filter(placement=placement)),
        list(placement.evaluations.select_related("station__position")),
        list(selectors.visits(request.user).filter(placement=placement)),
        reports.coverage(placement),
    )
    return _pdf(data, f"expediente-dual-{placement.pk}.pdf")


@login_required
@require_safe
def company_report(request, company_id):
    company = get_object_or_404(selectors.companies(request.user), pk=company_id)
    if not selectors.roles_on(request.user, _AnyPlacement(company)) & {"viewer", "instructor"}:
        raise AccessDenied(_("Tu rol no da acceso al reporte de la empresa."))
    data = exports.company_pdf(
        company,
        list(selectors.positions(request.user).filter(company=company)),
        list(selectors.placements(request.user).filter(company=company)),
    )
    return _pdf(data, f"reporte-empresa-{company.pk}.pdf")


class _AnyPlacement:
    """What roles_on needs to ask about a company itself (no student, no tutor)."""

    def __init__(self, company):
        self.campus, self.company = company.campus, company
        self.tutor_id = self.student_id = None
