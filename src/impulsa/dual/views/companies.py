"""Companies, their agreements, positions and rotation plan templates (thin: forms +
services); the public self-registration form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.core.forms import attempt
from impulsa.core.storage import private_file_response
from impulsa.dual import selectors
from impulsa.dual.forms import (
    AgreementForm,
    CompanyForm,
    InstructorForm,
    PositionForm,
    PublicCompanyForm,
    TemplateForm,
    TemplateStationForm,
)
from impulsa.dual.models import CompanyStatus
from impulsa.dual.services import agreements, companies, plans
from impulsa.dual.views.common import (
    careers_at,
    dual_skills,
    form_page,
    managed_campuses,
    page_of,
    people_at,
    students_at,
)
from impulsa.org.api import Capability, Institution, Kind, Role, has_anywhere


@require_http_methods(["GET", "POST"])
def register(request):
    """Public: a company asks to join; a campus approves it."""
    campuses = Institution.objects.filter(kind=Kind.CAMPUS, is_active=True).order_by("name")
    form = PublicCompanyForm(request.POST or None, campuses=campuses)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        campus = data.pop("campus")
        if attempt(form, companies.register_company, campus=campus, data=data):
            return redirect("dual:company_register_done")
    return form_page(
        request,
        title=_("Registro de empresas"),
        form=form,
        submit=_("Enviar registro"),
        intro=_(
            "Registra tu empresa para recibir alumnos del modelo dual. El plantel revisará "
            "tus datos y te contactará."
        ),
    )


@require_safe
def register_done(request):
    return render(request, "dual/register_done.html")


@login_required
@require_safe
def company_list(request):
    rows = (
        selectors.companies(request.user)
        .select_related("campus")
        .order_by("status", "legal_name", "pk")
    )
    return render(
        request,
        "dual/companies.html",
        {
            "page": page_of(request, rows),
            "manages": has_anywhere(request.user, Capability.MANAGE_DUAL),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_new(request):
    campus = managed_campuses(request.user).first()
    form = CompanyForm(request.POST or None)
    if campus is None:
        companies.ensure_manager(request.user, None)
    if request.method == "POST" and form.is_valid():
        company = attempt(
            form,
            companies.create_company,
            actor=request.user,
            campus=campus,
            data=form.cleaned_data,
        )
        if company:
            return redirect("dual:company", company_id=company.pk)
    return form_page(request, title=_("Nueva empresa"), form=form, submit=_("Registrar"))


def _company(request, company_id):
    return get_object_or_404(
        selectors.companies(request.user).select_related("campus"), pk=company_id
    )


@login_required
@require_safe
def company_detail(request, company_id):
    company = _company(request, company_id)
    user = request.user
    return render(
        request,
        "dual/company.html",
        {
            "company": company,
            "manages": has_anywhere(user, Capability.MANAGE_DUAL)
            and company.campus_id in {c.pk for c in managed_campuses(user)},
            "agreements": selectors.agreements(user).filter(company=company),
            "positions": selectors.positions(user).filter(company=company),
            "templates": selectors.templates(user).filter(company=company),
            "instructors": company.instructors.all(),
            "instructor_form": InstructorForm(
                people=people_at(company.campus, Role.COMPANY_INSTRUCTOR)
            ),
        },
    )


@login_required
@require_POST
def company_decide(request, company_id):
    company = _company(request, company_id)
    companies.decide_company(
        actor=request.user, company=company, approve=request.POST.get("decision") == "approve"
    )
    messages.success(request, _("Decisión guardada."))
    return redirect("dual:company", company_id=company.pk)


@login_required
@require_POST
def company_instructor(request, company_id):
    company = _company(request, company_id)
    form = InstructorForm(request.POST, people=people_at(company.campus, Role.COMPANY_INSTRUCTOR))
    added = form.is_valid() and attempt(
        form,
        companies.add_instructor,
        actor=request.user,
        company=company,
        instructor=form.cleaned_data["instructor"],
    )
    if added:
        messages.success(request, _("Instructor agregado."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("dual:company", company_id=company.pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_new(request, company_id):
    company = _company(request, company_id)
    companies.ensure_manager(request.user, company.campus)
    form = AgreementForm(
        request.POST or None, request.FILES or None, students=students_at(company.campus)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            agreements.create_agreement,
            actor=request.user,
            company=company,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Convenio guardado."))
        return redirect("dual:company", company_id=company.pk)
    return form_page(
        request, title=_("Nuevo convenio con %(c)s") % {"c": company}, form=form,
        submit=_("Guardar convenio"), multipart=True,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def position_new(request, company_id):
    company = _company(request, company_id)
    companies.ensure_manager(request.user, company.campus)
    form = PositionForm(
        request.POST or None,
        careers=careers_at(company.campus),
        skills=dual_skills(),
        instructors=company.instructors.all(),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, plans.create_position, actor=request.user, company=company, **form.cleaned_data
        )
    ):
        messages.success(request, _("Puesto de aprendizaje creado."))
        return redirect("dual:company", company_id=company.pk)
    return form_page(
        request, title=_("Nuevo puesto de aprendizaje"), form=form, submit=_("Crear puesto")
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request, company_id):
    company = _company(request, company_id)
    companies.ensure_manager(request.user, company.campus)
    form = TemplateForm(request.POST or None, careers=careers_at(company.campus))
    if request.method == "POST" and form.is_valid():
        template = attempt(
            form, plans.create_template, actor=request.user, company=company, **form.cleaned_data
        )
        if template:
            return redirect("dual:template", template_id=template.pk)
    return form_page(request, title=_("Nuevo plan de rotación"), form=form, submit=_("Crear plan"))


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request, template_id):
    template = get_object_or_404(selectors.templates(request.user), pk=template_id)
    positions = selectors.positions(request.user).filter(
        company=template.company_id, is_active=True
    )
    form = TemplateStationForm(request.POST or None, positions=positions)
    if request.method == "POST":
        companies.ensure_manager(request.user, template.campus)
        if form.is_valid() and attempt(
            form,
            plans.add_template_station,
            actor=request.user,
            template=template,
            **form.cleaned_data,
        ):
            messages.success(request, _("Estación agregada."))
            return redirect("dual:template", template_id=template.pk)
    return render(
        request,
        "dual/template.html",
        {
            "template": template,
            "stations": template.stations.select_related("position"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


__all__ = ["CompanyStatus"]


@login_required
@require_safe
def agreement_file(request, agreement_id):
    agreement = get_object_or_404(selectors.agreements(request.user), pk=agreement_id)
    return private_file_response(agreement.document.name, download_name=agreement.document_name)
