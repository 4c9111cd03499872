"""People pages: list, detail, staff accounts, roles and passwords (thin: forms + services).

Everything is read through the scoped selectors, so a person outside the viewer's
reach answers 404; an action the viewer may not do on a visible person answers
403 (the services raise AccessDenied and core.middleware renders it).
"""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from impulsa.accounts import selectors, services
from impulsa.accounts.models import User
from impulsa.accounts.people.forms import (
    MembershipForm,
    PeopleFilterForm,
    PersonEditForm,
    StaffCreateForm,
)
from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.core.forms import add_domain_error
from impulsa.core.net import link_site
from impulsa.core.spreadsheets import formula_safe
from impulsa.org.api import (
    Capability,
    Membership,
    can,
    ensure_can_grant,
    grant_membership,
    has_anywhere,
    institution_ids,
    reachable_memberships,
    revoke_membership,
)

PAGE_SIZE = 50
EXPORT_CHUNK = 500


def _ensure_sees_people(user) -> None:
    if not has_anywhere(user, Capability.VIEW_PEOPLE):
        raise AccessDenied(_("Tu rol no da acceso a la lista de personas."))


def _ensure_manages_people(user) -> None:
    if not has_anywhere(user, Capability.MANAGE_PEOPLE):
        raise AccessDenied(_("Tu rol no permite administrar cuentas."))


def _filtered_people(request):
    """The filter form and the people it selects (none while the form is invalid:
    an unknown institution or career never widens the list)."""
    form = PeopleFilterForm(request.GET or None, viewer=request.user)
    if not form.is_bound:
        return form, selectors.search_people(request.user, selectors.PeopleFilter())
    if not form.is_valid():
        return form, User.objects.none()
    return form, selectors.search_people(request.user, form.criteria())


def _get_person(request, user_id: int) -> User:
    return get_object_or_404(selectors.people_with_details(request.user), pk=user_id)


# --- Reading --------------------------------------------------------------------------


@login_required
@require_GET
def user_list(request):
    _ensure_sees_people(request.user)
    form, people = _filtered_people(request)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_create": has_anywhere(request.user, Capability.MANAGE_PEOPLE),
        "curp_search_refused": form.searches_by_curp
        and not has_anywhere(request.user, Capability.VIEW_PERSONAL_DATA),
    }
    return render(request, "accounts/people/user_list.html", context)


@login_required
@require_GET
def user_detail(request, user_id: int):
    person = _get_person(request, user_id)
    manages_somewhere = has_anywhere(request.user, Capability.MANAGE_PEOPLE)
    refusal = services.management_refusal(request.user, person) if manages_somewhere else None
    # The last role cannot be revoked (org's revoke_membership): no button for it.
    has_other_roles = Membership.objects.filter(user=person).count() > 1
    revocable = {
        m.pk
        for m in person.visible_memberships
        if has_other_roles and can(request.user, Capability.MANAGE_PEOPLE, m.institution)
    }
    context = {
        "person": person,
        "profile": getattr(person, "student_profile", None),
        "memberships": person.visible_memberships,
        "revocable": revocable,
        "personal_data": selectors.can_view_personal_data(request.user, person),
        "can_manage": manages_somewhere and refusal is None,
        "management_refusal": refusal,
        "can_grant": manages_somewhere,
        "is_self": person.pk == request.user.pk,
    }
    return render(request, "accounts/people/user_detail.html", context)


@login_required
@require_GET
def user_export(request):
    """The current filter as CSV. Personal data columns only for viewers who may see
    personal data somewhere, and filled only for the people it covers."""
    _ensure_sees_people(request.user)
    _form, people = _filtered_people(request)
    allowed = institution_ids(request.user, Capability.VIEW_PERSONAL_DATA)
    with_personal_data = bool(allowed)
    record(
        actor=request.user,
        instance=request.user,
        event="people_export",
        request=request,
        rows=people.count(),
        personal_data=with_personal_data,
    )
    filename = f"personas-{timezone.localdate():%Y%m%d}.csv"
    response = StreamingHttpResponse(
        _csv_lines(people, allowed, with_personal_data), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class _Echo:
    def write(self, value):
        return value


def _csv_lines(people, allowed: frozenset, with_personal_data: bool) -> Iterator[str]:
    writer = csv.writer(_Echo())
    header = [
        _("Usuario"),
        _("Nombre(s)"),
        _("Primer apellido"),
        _("Segundo apellido"),
        _("Correo electrónico"),
        _("Estado"),
        _("Roles"),
        _("Matrícula"),
        _("Plantel"),
        _("Carrera"),
        _("Grupo"),
        _("Semestre"),
    ]
    if with_personal_data:
        header += [_("CURP"), _("Fecha de nacimiento"), _("Teléfono"), _("Domicilio")]
    yield "\ufeff" + writer.writerow(header)  # the BOM makes Excel read UTF-8
    for person in people.iterator(chunk_size=EXPORT_CHUNK):
        profile = getattr(person, "student_profile", None)
        row = [
            person.username,
            person.first_name,
            person.last_name,
            person.second_last_name,
            person.email,
            _("Activa") if person.is_active else _("Desactivada"),
            "; ".join(
                f"{m.get_role_display()} · {m.institution.name}" for m in person.visible_memberships
            ),
            profile.matricula if profile else "",
            profile.campus.name if profile else "",
            profile.career.name if profile else "",
            profile.group.name if profile and profile.group else "",
            profile.semester if profile else "",
        ]
        if with_personal_data:
            if any(m.institution_id in allowed for m in person.visible_memberships):
                row += [person.curp, person.birth_date, person.phone, person.address]
            else:
                row += [_("Protegido")] * 4
        yield writer.writerow([formula_safe(value) for value in row])


# --- Accounts -------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    _ensure_manages_people(request.user)
    form = StaffCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.create_staff_user(
                actor=request.user, **form.cleaned_data, **link_site(request)
            )
        except (DomainError, AccessDenied) as error:  # e.g. a role above the actor's
            add_domain_error(form, error)
        else:
            if account.temporary_password:
                return _show_password(request, account.user, account.temporary_password)
            messages.success(
                request,
                _("Cuenta creada. Enviamos a %(email)s un enlace para elegir su contraseña.")
                % {"email": account.user.email},
            )
            return redirect("people:user_detail", user_id=account.user.pk)
    return render(request, "accounts/people/user_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, user_id: int):
    person = _get_person(request, user_id)
    services.ensure_can_manage(request.user, person)
    form = PersonEditForm(
        request.POST or None,
        person=person,
        personal_data=selectors.can_view_personal_data(request.user, person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(actor=request.user, user=person, **form.changes())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Datos guardados."))
            return redirect("people:user_detail", user_id=person.pk)
    return render(request, "accounts/people/user_edit.html", {"form": form, "person": person})


@login_required
@require_POST
def user_toggle_active(request, user_id: int):
    person = _get_person(request, user_id)
    wanted = request.POST.get("active")
    is_active = (wanted == "1") if wanted in ("0", "1") else not person.is_active
    try:
        services.set_active(actor=request.user, user=person, is_active=is_active)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Cuenta activada.") if is_active else _("Cuenta desactivada."))
    return redirect("people:user_detail", user_id=person.pk)


@login_required
@require_POST
def user_send_reset(request, user_id: int):
    person = _get_person(request, user_id)
    try:
        services.send_password_reset(actor=request.user, user=person, **link_site(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Enviamos a %(email)s un enlace para elegir una contraseña nueva.")
            % {"email": person.email},
        )
    return redirect("people:user_detail", user_id=person.pk)


@never_cache
@login_required
@require_POST
def user_set_password(request, user_id: int):
    person = _get_person(request, user_id)
    try:
        password = services.set_temporary_password(actor=request.user, user=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("people:user_detail", user_id=person.pk)
    return _show_password(request, person, password)


def _show_password(request, person, password: str):
    """The temporary password appears in this response only: it is not stored in clear
    anywhere, and the page is not cached."""
    response = render(
        request, "accounts/people/password_shown.html", {"person": person, "password": password}
    )
    response["Cache-Control"] = "no-store"
    return response


# --- Roles ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request, user_id: int):
    person = _get_person(request, user_id)
    _ensure_manages_people(request.user)
    form = MembershipForm(request.POST or None, actor=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            membership = grant_membership(actor=request.user, user=person, **form.cleaned_data)
        except (DomainError, AccessDenied) as error:  # e.g. a role above the actor's
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Rol asignado: %(role)s en %(institution)s.")
                % {"role": membership.get_role_display(), "institution": membership.institution},
            )
            return redirect("people:user_detail", user_id=person.pk)
    return render(request, "accounts/people/membership_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def membership_delete(request, membership_id: int):
    membership = get_object_or_404(reachable_memberships(request.user), pk=membership_id)
    person = membership.user
    if request.method == "GET":
        ensure_can_grant(request.user, membership.role, membership.institution)
        return render(
            request,
            "accounts/people/membership_confirm_delete.html",
            {"membership": membership, "person": person},
        )
    try:
        revoke_membership(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("people:user_detail", user_id=person.pk)
    messages.success(
        request,
        _("Rol retirado: %(role)s en %(institution)s.")
        % {"role": membership.get_role_display(), "institution": membership.institution},
    )
    if selectors.people(request.user).filter(pk=person.pk).exists():
        return redirect("people:user_detail", user_id=person.pk)
    return redirect("people:user_list")
