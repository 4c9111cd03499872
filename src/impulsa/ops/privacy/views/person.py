"""What everyone reaches: the privacy notice (public), its acceptance, and «Mis datos
personales» (the person's requests and their data export)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from impulsa.core.errors import DomainError
from impulsa.learning.api import render_markdown
from impulsa.ops.privacy import arco, export, selectors
from impulsa.ops.privacy.calendar import business_days_between, today
from impulsa.ops.privacy.forms import AcceptForm, OwnRequestForm
from impulsa.ops.privacy.gate import SESSION_KEY
from impulsa.ops.privacy.notices import accept_notice, acceptances_of, current_notice


def _notice_context(notice) -> dict:
    return {
        "notice": notice,
        "simplified_html": render_markdown(notice.simplified_text) if notice else "",
        "full_html": render_markdown(notice.full_text) if notice else "",
    }


@require_GET
def notice(request):
    """Public: the notice must be available before anyone hands over data (Art. 26)."""
    return render(request, "ops/privacy/notice.html", _notice_context(current_notice()))


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def accept(request):
    current = current_notice()
    if current is None:
        return redirect(_next(request))
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept_notice(user=request.user, notice=current)
        request.session[SESSION_KEY] = current.version
        return redirect(_next(request))
    context = {**_notice_context(current), "form": form, "next": _next(request)}
    return render(request, "ops/privacy/accept.html", context)


def _mine_context(user, form) -> dict:
    now = today()
    return {
        "requests": [
            (r, business_days_between(now, r.due_on) if r.awaiting_answer else None)
            for r in selectors.own_requests(user)[:50]
        ],
        "acceptances": acceptances_of(user).order_by("-accepted_at")[:20],
        "notice": current_notice(),
        "form": form,
    }


@login_required
@require_GET
def mine(request):
    return render(request, "ops/privacy/mine.html", _mine_context(request.user, OwnRequestForm()))


@login_required
@require_POST
def file_own(request):
    form = OwnRequestForm(request.POST)
    if form.is_valid():
        try:
            arco.file_request(
                actor=request.user,
                subject=request.user,
                right=form.cleaned_data["right"],
                description=form.cleaned_data["description"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("privacy:mine")
    return render(request, "ops/privacy/mine.html", _mine_context(request.user, form), status=400)


def zip_response(user, filename: str) -> HttpResponse:
    content = export.build_zip(user)  # a DomainError past the bound: the 400 page says why
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_mine(request):
    if not request.user.is_active:
        raise Http404
    return zip_response(request.user, _("mis-datos-personales") + ".zip")
