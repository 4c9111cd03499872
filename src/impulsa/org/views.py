"""Staff pages for the institution tree, careers, periods and groups (thin: forms + services).

Objects come from the scoped selectors, so anything outside the viewer's reach is
404; forms for visible objects the viewer may not change answer 403 (AccessDenied,
turned into the 403 page by core.middleware).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.core.errors import AccessDenied, DomainError
from impulsa.core.forms import attempt
from impulsa.org import access, branding, selectors, services
from impulsa.org.forms import (
    CareerEditForm,
    CareerForm,
    GroupForm,
    InstitutionCreateForm,
    InstitutionEditForm,
    PeriodForm,
)
from impulsa.org.models import Group, Institution
from impulsa.org.roles import Capability, Kind

TREE_PAGE_SIZE = 100
GROUP_PAGE_SIZE = 50
PERIOD_PAGE_SIZE = 50


def _require_reader(user) -> None:
    """Structure pages are for staff who read the structure somewhere."""
    if not access.has_anywhere(user, Capability.VIEW_STRUCTURE):
        raise PermissionDenied


def _posted(request):
    """The submitted data on POST (even if empty), None otherwise: an unbound form."""
    return request.POST if request.method == "POST" else None


def _visible_institution(user, institution_id) -> Institution:
    return get_object_or_404(selectors.institutions(user), pk=institution_id)


def _form_page(request, form, *, title, cancel_url, submit_label, multipart=False, **extra):
    """Every form page: title, the form, submit and cancel. `institution` in
    `extra` adds the breadcrumb to it."""
    return render(
        request,
        "org/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "submit_label": submit_label,
            "multipart": multipart,
            **extra,
        },
    )


# --- Institutions -----------------------------------------------------------------------


@login_required
@require_safe
def institution_list(request):
    _require_reader(request.user)
    query = request.GET.get("q", "").strip()[:100]
    tree = selectors.institution_tree(request.user, query=query)
    page = Paginator(tree, TREE_PAGE_SIZE).get_page(request.GET.get("page"))
    base_depth = selectors.tree_base_depth(request.user)
    rows = [(institution, max(1, institution.depth - base_depth + 1)) for institution in page]
    return render(
        request,
        "org/institution_list.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
        },
    )


@login_required
@require_safe
def institution_detail(request, institution_id):
    user = request.user
    institution = _visible_institution(user, institution_id)
    can_manage = access.can(user, Capability.MANAGE_STRUCTURE, institution)
    context = {
        "institution": institution,
        "can_manage": can_manage,
        "can_add_child": can_manage and institution.kind in services.CHILD_KIND,
        "child_kind": services.CHILD_KIND.get(institution.kind),
        "ancestors": selectors.ancestors(institution),
        "visible_ids": access.institution_ids(user, Capability.VIEW_STRUCTURE),
        "preview": selectors.effective_branding([institution])[institution.pk],
        "children": selectors.children(user, institution),
        "can_view_people": access.can(user, Capability.VIEW_PEOPLE, institution),
    }
    if institution.kind == Kind.CAMPUS:
        context.update(_campus_context(request, institution))
    return render(request, "org/institution_detail.html", context)


def _campus_context(request, campus: Institution) -> dict:
    periods = list(selectors.periods(request.user))
    chosen = None
    wanted = request.GET.get("period", "")
    if wanted.isdigit():
        chosen = next((p for p in periods if p.pk == int(wanted)), None)
    if chosen is None:
        default = next((p for p in periods if p.is_current), None)
        chosen = default or max(periods, key=lambda p: p.starts_on, default=None)
    groups = selectors.groups(request.user).filter(campus=campus, period=chosen)
    page = Paginator(groups, GROUP_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "careers": selectors.careers(request.user).filter(campus=campus).order_by("name"),
        "periods": periods,
        "period": chosen,
        "groups_page": page,
    }


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request, institution_id):
    parent = _visible_institution(request.user, institution_id)
    access.ensure(request.user, Capability.MANAGE_STRUCTURE, parent)
    kind = services.child_kind_of(parent)
    form = InstitutionCreateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        created = attempt(
            form,
            services.create_institution,
            actor=request.user,
            parent=parent,
            **form.cleaned_data,
        )
        if created:
            messages.success(request, _("Se registró %(i)s.") % {"i": created})
            return redirect("org:institution_detail", institution_id=created.pk)
    title = (
        _("Nuevo colegio estatal en %(p)s") if kind == Kind.STATE else _("Nuevo plantel en %(p)s")
    ) % {"p": parent}
    return _form_page(
        request,
        form,
        title=title,
        institution=parent,
        cancel_url=reverse("org:institution_detail", kwargs={"institution_id": parent.pk}),
        submit_label=_("Registrar"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, institution_id):
    institution = _visible_institution(request.user, institution_id)
    access.ensure(request.user, Capability.MANAGE_STRUCTURE, institution)
    effective = selectors.effective_branding([institution])[institution.pk]
    form = InstitutionEditForm(
        _posted(request),
        request.FILES if request.method == "POST" else None,
        institution=institution,
        effective_color=effective.primary_color.value,
        can_set_domain=branding.can_set_domains(request.user),
    )
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        if attempt(
            form,
            services.update_institution,
            actor=request.user,
            institution=institution,
            request_host=request.get_host(),
            **changes,
        ):
            messages.success(request, _("Se guardaron los cambios de %(i)s.") % {"i": institution})
            return redirect("org:institution_detail", institution_id=institution.pk)
    return _form_page(
        request,
        form,
        title=_("Editar %(i)s") % {"i": institution},
        institution=institution,
        cancel_url=reverse("org:institution_detail", kwargs={"institution_id": institution.pk}),
        submit_label=_("Guardar cambios"),
        multipart=True,
    )


# --- Careers ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def career_create(request, institution_id):
    campus = _visible_institution(request.user, institution_id)
    access.ensure(request.user, Capability.MANAGE_STRUCTURE, campus)
    if campus.kind != Kind.CAMPUS:
        raise DomainError(_("Las carreras se registran en un plantel."))
    form = CareerForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, services.create_career, actor=request.user, campus=campus, **data):
            messages.success(request, _("Se registró la carrera."))
            return redirect("org:institution_detail", institution_id=campus.pk)
    return _form_page(
        request,
        form,
        title=_("Nueva carrera en %(c)s") % {"c": campus},
        institution=campus,
        cancel_url=reverse("org:institution_detail", kwargs={"institution_id": campus.pk}),
        submit_label=_("Registrar"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def career_edit(request, career_id):
    career = get_object_or_404(selectors.careers(request.user), pk=career_id)
    access.ensure(request.user, Capability.MANAGE_STRUCTURE, career.campus)
    initial = {"code": career.code, "name": career.name, "is_active": career.is_active}
    form = CareerEditForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, services.update_career, actor=request.user, career=career, **data):
            messages.success(request, _("Se guardó la carrera %(c)s.") % {"c": career})
            return redirect("org:institution_detail", institution_id=career.campus_id)
    return _form_page(
        request,
        form,
        title=_("Editar la carrera %(c)s") % {"c": career},
        institution=career.campus,
        cancel_url=reverse("org:institution_detail", kwargs={"institution_id": career.campus_id}),
        submit_label=_("Guardar cambios"),
    )


# --- Academic periods ---------------------------------------------------------------------


@login_required
@require_safe
def period_list(request):
    _require_reader(request.user)
    page = Paginator(selectors.periods(request.user), PERIOD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "org/period_list.html",
        {"page": page, "can_manage": services.can_manage_periods(request.user)},
    )


def _ensure_period_manager(user) -> None:
    if not services.can_manage_periods(user):
        raise AccessDenied(_("Solo la administración nacional define los periodos escolares."))


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request):
    _require_reader(request.user)
    _ensure_period_manager(request.user)
    form = PeriodForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, services.save_period, actor=request.user, **data):
            messages.success(request, _("Se registró el periodo."))
            return redirect("org:period_list")
    return _form_page(
        request,
        form,
        title=_("Nuevo periodo escolar"),
        cancel_url=reverse("org:period_list"),
        submit_label=_("Registrar"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_edit(request, period_id):
    period = get_object_or_404(selectors.periods(request.user), pk=period_id)
    _ensure_period_manager(request.user)
    form = PeriodForm(_posted(request), initial=PeriodForm.initial_for(period))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, services.save_period, actor=request.user, period=period, **data):
            messages.success(request, _("Se guardó el periodo %(p)s.") % {"p": period})
            return redirect("org:period_list")
    return _form_page(
        request,
        form,
        title=_("Editar el periodo %(p)s") % {"p": period},
        cancel_url=reverse("org:period_list"),
        submit_label=_("Guardar cambios"),
    )


# --- Groups -------------------------------------------------------------------------------


def _group_form(request, campus: Institution, *, group: Group | None = None, initial=None):
    # Active careers of this campus, plus the group's own career if it was deactivated.
    keep = Q(is_active=True) | Q(pk=group.career_id if group else None)
    careers = selectors.careers(request.user).filter(keep, campus=campus)
    return GroupForm(
        _posted(request),
        initial=initial,
        periods=selectors.periods(request.user),
        careers=careers.order_by("name"),
    )


def _group_write_args(form) -> dict:
    data = form.cleaned_data
    return {
        "period": data["period"],
        "name": data["name"],
        "semester": data["semester"],
        "shift": data["shift"],
        "career": data["career"],
    }


def _groups_url(campus_id: int, period_id: int) -> str:
    url = reverse("org:institution_detail", kwargs={"institution_id": campus_id})
    return f"{url}?{urlencode({'period': period_id})}#grupos"


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request, institution_id):
    campus = _visible_institution(request.user, institution_id)
    access.ensure(request.user, Capability.MANAGE_STRUCTURE, campus)
    if campus.kind != Kind.CAMPUS:
        raise DomainError(_("Los grupos pertenecen a un plantel."))
    period = selectors.default_period()
    form = _group_form(
        request,
        campus,
        initial={"period": period.pk if period else None, "shift": Group.Shift.MORNING},
    )
    if request.method == "POST" and form.is_valid():
        data = _group_write_args(form)
        group = attempt(form, services.create_group, actor=request.user, campus=campus, **data)
        if group:
            messages.success(request, _("Se registró el grupo %(g)s.") % {"g": group})
            return redirect(_groups_url(campus.pk, group.period_id))
    return _form_page(
        request,
        form,
        title=_("Nuevo grupo en %(c)s") % {"c": campus},
        institution=campus,
        cancel_url=reverse("org:institution_detail", kwargs={"institution_id": campus.pk}),
        submit_label=_("Registrar"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, group_id):
    group = get_object_or_404(selectors.groups(request.user), pk=group_id)
    access.ensure(request.user, Capability.MANAGE_STRUCTURE, group.campus)
    form = _group_form(request, group.campus, group=group, initial=GroupForm.initial_for(group))
    if request.method == "POST" and form.is_valid():
        data = _group_write_args(form)
        if attempt(form, services.update_group, actor=request.user, group=group, **data):
            messages.success(request, _("Se guardó el grupo %(g)s.") % {"g": group})
            return redirect(_groups_url(group.campus_id, group.period_id))
    return _form_page(
        request,
        form,
        title=_("Editar el grupo %(g)s (%(p)s)") % {"g": group, "p": group.period},
        institution=group.campus,
        cancel_url=_groups_url(group.campus_id, group.period_id),
        submit_label=_("Guardar cambios"),
    )
