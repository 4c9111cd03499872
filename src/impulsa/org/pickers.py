"""Searchable pickers for choices that run to hundreds (a campus has ~530 groups at
national size): a bounded, scoped option endpoint, and the form side of the picker.

The page holds a plain search box (the group's name: the server resolves it, so the
page works without JavaScript) beside a hidden id; core's autocomplete.js turns the
box into a Tom Select combobox that asks `group_options` as the user types and
submits the chosen id under the field's own name.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from impulsa.core.errors import AccessDenied
from impulsa.org import access, selectors
from impulsa.org.roles import Capability

OPTION_LIMIT = 20
MAX_QUERY = 40
# What the picker is for decides the capability its options are scoped by.
USES = {
    "personas": Capability.VIEW_PEOPLE,
    "inscripcion": Capability.MANAGE_ENROLLMENT,
}


def group_label(group, *, with_campus: bool = False) -> str:
    label = _("%(name)s · %(period)s · %(semester)s.º semestre") % {
        "name": group.name,
        "period": group.period,
        "semester": group.semester,
    }
    if with_campus:
        label += f" · {group.campus.short_name or group.campus.name}"
    return label


@login_required
@require_safe
def group_options(request):
    """At most OPTION_LIMIT groups the user reaches for the picker's use (`uso`),
    optionally of one campus, whose name or career contains `q`; newest period first."""
    capability = USES.get(request.GET.get("uso", ""), Capability.VIEW_STRUCTURE)
    if not access.has_anywhere(request.user, capability):
        raise AccessDenied(_("Tu rol no da acceso a los grupos."))
    groups = selectors.groups(request.user, capability)
    campus = request.GET.get("campus", "")
    if campus.isdigit():
        groups = groups.filter(campus_id=int(campus))
    text = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    if text:
        groups = groups.filter(Q(name__icontains=text) | Q(career__name__icontains=text))
    with_campus = not campus.isdigit()
    found = groups.order_by("-period__starts_on", "name", "pk")[:OPTION_LIMIT]
    return JsonResponse(
        {
            "results": [
                {"value": g.pk, "text": group_label(g, with_campus=with_campus)} for g in found
            ]
        }
    )


def group_search_box(*, use: str, campus=None, empty_label: str) -> forms.CharField:
    """The visible half of a group picker (the hidden half is a `group` id field)."""
    query = {"uso": use, **({"campus": campus.pk} if campus is not None else {})}
    attrs = {
        "type": "search",
        "autocomplete": "off",
        "data-autocomplete-url": f"{reverse('org:group_options')}?{urlencode(query)}",
        "data-autocomplete-name": "group",
        "data-autocomplete-empty": empty_label,
        "data-autocomplete-none": _("Ningún grupo coincide."),
    }
    return forms.CharField(
        label=gettext_lazy("Grupo"),
        required=False,
        max_length=MAX_QUERY,
        help_text=gettext_lazy("Escribe el nombre del grupo, por ejemplo 101."),
        widget=forms.TextInput(attrs=attrs),
    )


def resolve_group(form, *, field: str = "group", box: str = "group_q"):
    """The group a form with a picker names. A page sent without JavaScript carries the
    search box: its text (empty, the chosen group's label, or a group's name) decides.
    Otherwise (the combobox, or a link) the id decides. Call from `clean()`."""
    group = form.cleaned_data.get(field)
    if box not in form.data:
        if group is not None:  # show the chosen group in the box
            form.data = form.data.copy()
            form.data[box] = group_label(group)
        return group
    text = " ".join(form.cleaned_data.get(box, "").split())
    if not text:
        return None
    if group is not None and text in (group.name, group_label(group)):
        return group
    found = form.fields[field].queryset.filter(name__iexact=text).first()
    if found is None:
        form.add_error(box, _("No hay un grupo con ese nombre a tu alcance."))
    return found
