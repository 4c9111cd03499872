"""Canned responses: agents keep ready answers for their node (and those below it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from impulsa.core.errors import AccessDenied
from impulsa.core.forms import attempt
from impulsa.helpdesk.tickets import selectors, services
from impulsa.helpdesk.tickets.forms import CannedForm
from impulsa.org.api import Institution


def _editable_institutions(user):
    return list(
        Institution.objects.filter(
            pk__in=selectors.handled_institutions(user), is_active=True
        ).order_by("path")
    )


@login_required
@require_http_methods(["GET", "POST"])
def canned_list(request):
    institutions = _editable_institutions(request.user)
    if not institutions:
        raise AccessDenied(_("Las respuestas predefinidas son del personal de soporte."))
    form = CannedForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(
            form, services.create_canned_response, actor=request.user,
            institution=form.institutions.get(data["institution"]), title=data["title"],
            body=data["body"],
        )  # fmt: skip
        if created:
            messages.success(request, _("Respuesta guardada."))
            return redirect("helpdesk:canned")
    return render(
        request,
        "helpdesk/canned.html",
        {"form": form, "responses": selectors.canned_responses(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def canned_delete(request, canned_id):
    response = get_object_or_404(selectors.canned_responses(request.user), pk=canned_id)
    services.delete_canned_response(actor=request.user, response=response)
    messages.success(request, _("Respuesta eliminada."))
    return redirect("helpdesk:canned")
