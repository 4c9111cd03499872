"""Announcement pages: what is announced to me, and for administrators the forms to
schedule maintenance and to publish a general notice."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.core.errors import AccessDenied
from impulsa.core.forms import attempt
from impulsa.helpdesk.announcements import banners, services
from impulsa.helpdesk.models import Announcement
from impulsa.org.api import Capability, Institution, Role, institution_ids

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _AnnouncementForm(forms.Form):
    institution = forms.TypedChoiceField(label=gettext_lazy("Para"), coerce=int)
    title = forms.CharField(label=gettext_lazy("Título"), max_length=150)
    body = forms.CharField(label=gettext_lazy("Texto"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.institutions = {i.pk: i for i in institutions}
        self.fields["institution"].choices = [(i.pk, str(i)) for i in institutions]


class MaintenanceForm(_AnnouncementForm):
    starts_at = forms.DateTimeField(label=gettext_lazy("Empieza"), widget=MOMENT)
    ends_at = forms.DateTimeField(label=gettext_lazy("Termina"), widget=MOMENT)


class GeneralForm(_AnnouncementForm):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Para quién (ninguno marcado: todos)"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visible_until = forms.DateTimeField(label=gettext_lazy("Visible hasta"), widget=MOMENT)


def _managed(user):
    return list(
        Institution.objects.filter(
            pk__in=institution_ids(user, Capability.MANAGE_STRUCTURE), is_active=True
        ).order_by("path")[:500]
    )


@login_required
@require_safe
def announcement_list(request):
    managed = institution_ids(request.user, Capability.MANAGE_STRUCTURE)
    published = (
        Announcement.objects.filter(institution__in=managed)
        .select_related("institution")
        .order_by("-published_at")[:50]
    )
    return render(
        request,
        "helpdesk/announcements.html",
        {"mine": banners.for_user(request.user), "published": published, "manager": bool(managed)},
    )


def _publish(request, form_class, service, template, **fields):
    institutions = _managed(request.user)
    if not institutions:
        raise AccessDenied(_("Los avisos los publican los administradores."))
    form = form_class(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[key] for name, key in fields.items()}
        done = attempt(
            form, service, actor=request.user, institution=form.institutions[data["institution"]],
            title=data["title"], body=data["body"], **values,
        )  # fmt: skip
        if done:
            messages.success(request, _("Aviso publicado."))
            return redirect("helpdesk:announcements")
    context = {"form": form, "now": timezone.localtime()}
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def maintenance_new(request):
    return _publish(request, MaintenanceForm, services.publish_maintenance,
                    "helpdesk/maintenance_form.html", starts_at="starts_at", ends_at="ends_at")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def announcement_new(request):
    return _publish(request, GeneralForm, services.publish_announcement,
                    "helpdesk/announcement_form.html", roles="roles",
                    visible_until="visible_until")  # fmt: skip
