"""ARCO requests for campus, state and national administrators (MANAGE_PRIVACY in
their scope), blocked people, retention classes and the data-sharing register."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from impulsa.core.errors import AccessDenied, DomainError
from impulsa.ops.privacy import arco, selectors, sharing
from impulsa.ops.privacy.calendar import business_days_between, today
from impulsa.ops.privacy.forms import ExtendForm, IdentityForm, RespondForm, StaffRequestForm
from impulsa.ops.privacy.models import ArcoStatus
from impulsa.ops.privacy.views.person import zip_response
from impulsa.org.api import Capability, has_anywhere

PAGE_SIZE = 50


def _ensure_staff(user) -> None:
    if not has_anywhere(user, Capability.MANAGE_PRIVACY):
        raise AccessDenied(_("Tu rol no atiende solicitudes de datos personales."))


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_GET
def requests(request):
    _ensure_staff(request.user)
    rows = selectors.requests(request.user)
    if request.GET.get("estado") == "abiertas":
        rows = rows.filter(
            status__in=(ArcoStatus.RECEIVED, ArcoStatus.VERIFIED, ArcoStatus.GRANTED)
        )
    page = _page(request, rows)
    now = today()
    for row in page:
        row.days_left = business_days_between(now, row.due_on) if row.awaiting_answer else None
    return render(request, "ops/privacy/requests.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    _ensure_staff(request.user)
    form = StaffRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subject = selectors.find_subject(request.user, data["person"])
        if subject is None:
            form.add_error("person", _("No encontramos a esa persona en tus planteles."))
        else:
            try:
                created = arco.file_request(
                    actor=request.user, subject=subject, right=data["right"],
                    description=data["description"], filer=data["filer"],
                    representative_name=data["representative_name"],
                )  # fmt: skip
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                return redirect("privacy:request", request_id=created.pk)
    return render(request, "ops/privacy/request_new.html", {"form": form})


def _reachable(request, request_id: int):
    _ensure_staff(request.user)
    return get_object_or_404(selectors.requests(request.user), pk=request_id)


@login_required
@require_GET
def request_detail(request, request_id: int):
    found = _reachable(request, request_id)
    return render(request, "ops/privacy/request.html", _detail_context(found))


def _left(deadline) -> int:
    return business_days_between(today(), deadline)


def _detail_context(found, **forms) -> dict:
    return {
        "arco": found,
        "days_left": _left(found.due_on) if found.awaiting_answer else None,
        "effective_left": _left(found.effective_by) if found.status == ArcoStatus.GRANTED else None,
        "identity_form": forms.get("identity") or IdentityForm(),
        "extend_form": forms.get("extend") or ExtendForm(),
        "respond_form": forms.get("respond") or RespondForm(),
    }


def _step(request, request_id: int, form_class, key: str, call):
    found = _reachable(request, request_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(found, form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("privacy:request", request_id=found.pk)
    found.refresh_from_db()
    return render(
        request, "ops/privacy/request.html", _detail_context(found, **{key: form}), status=400
    )


@login_required
@require_POST
def verify(request, request_id: int):
    def call(found, data):
        arco.verify_identity(actor=request.user, request_id=found.pk, document=data["document"])

    return _step(request, request_id, IdentityForm, "identity", call)


@login_required
@require_POST
def extend(request, request_id: int):
    def call(found, data):
        arco.extend(actor=request.user, request_id=found.pk, reason=data["reason"])

    return _step(request, request_id, ExtendForm, "extend", call)


@login_required
@require_POST
def respond(request, request_id: int):
    def call(found, data):
        arco.respond(actor=request.user, request_id=found.pk, granted=data["granted"],
                     response=data["response"])  # fmt: skip

    return _step(request, request_id, RespondForm, "respond", call)


@login_required
@require_POST
def complete(request, request_id: int):
    found = _reachable(request, request_id)
    arco.complete(actor=request.user, request_id=found.pk)
    return redirect("privacy:request", request_id=found.pk)


@login_required
@require_GET
def request_export(request, request_id: int):
    """The subject's data, for staff to hand over when an access request was granted
    (a guardian without an account receives it from the campus)."""
    found = _reachable(request, request_id)
    if found.right != "access" or found.status not in (ArcoStatus.GRANTED, ArcoStatus.COMPLETED):
        raise Http404
    return zip_response(found.subject, f"{found.folio}.zip")


@login_required
@require_GET
def blocks(request):
    _ensure_staff(request.user)
    return render(
        request,
        "ops/privacy/blocks.html",
        {
            "page": _page(request, selectors.blocks(request.user)),
            "classes": selectors.retention_classes(),
        },
    )


@login_required
@require_GET
def shared(request):
    if not has_anywhere(request.user, Capability.VIEW_DUAL):
        raise AccessDenied(_("Tu rol no consulta el registro de datos compartidos."))
    page = _page(request, sharing.register_for(request.user))
    return render(
        request,
        "ops/privacy/shared.html",
        {"page": page, "records": sharing.records(page), "shared_data": sharing.SHARED_DATA},
    )
