"""Support-hours calendars: administrators set the hours of their institutions; the
open tickets there are recomputed from their history (sla/services.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.core.errors import AccessDenied
from impulsa.core.forms import attempt
from impulsa.helpdesk.models import BusinessCalendar
from impulsa.helpdesk.models.sla import DEFAULT_CLOSES, DEFAULT_OPENS
from impulsa.helpdesk.sla import services
from impulsa.helpdesk.sla.clock import federal_holidays
from impulsa.org.api import Capability, Institution, institution_ids

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CalendarForm(forms.Form):
    opens_at = forms.TimeField(label=gettext_lazy("Abre (lunes a viernes)"), widget=TIME)
    closes_at = forms.TimeField(label=gettext_lazy("Cierra"), widget=TIME)
    federal_holidays = forms.BooleanField(
        label=gettext_lazy("Descansa los días festivos oficiales"), required=False
    )


def _managed(user):
    return Institution.objects.filter(
        pk__in=institution_ids(user, Capability.MANAGE_STRUCTURE), is_active=True
    )


@login_required
@require_safe
def calendar_list(request):
    institutions = list(_managed(request.user).order_by("path")[:200])
    if not institutions:
        raise AccessDenied(_("Los calendarios de atención son de los administradores."))
    own = {
        c.institution_id: c for c in BusinessCalendar.objects.filter(institution__in=institutions)
    }
    today = timezone.localdate()
    upcoming = sorted(
        (day, name)
        for year in (today.year, today.year + 1)
        for day, name in federal_holidays(year).items()
        if day >= today
    )[:6]
    return render(
        request,
        "helpdesk/calendars.html",
        {"rows": [(i, own.get(i.pk)) for i in institutions], "holidays": upcoming,
         "default": (DEFAULT_OPENS, DEFAULT_CLOSES)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def calendar_edit(request, institution_id):
    institution = get_object_or_404(_managed(request.user), pk=institution_id)
    current = services.calendar_for(institution)
    initial = {
        "opens_at": current.opens_at if current else DEFAULT_OPENS,
        "closes_at": current.closes_at if current else DEFAULT_CLOSES,
        "federal_holidays": current.federal_holidays if current else True,
    }
    form = CalendarForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = attempt(form, services.save_calendar, actor=request.user,
                        institution=institution, **form.cleaned_data)  # fmt: skip
        if saved:
            messages.success(request, _("Horario guardado; los plazos abiertos se recalcularon."))
            return redirect("helpdesk:calendars")
    return render(
        request,
        "helpdesk/calendar_form.html",
        {"form": form, "institution": institution},
        status=400 if form.errors else 200,
    )
