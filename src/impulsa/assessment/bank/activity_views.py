"""The item picker of a practice or quiz: its items in order, and the bank to add from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from impulsa.assessment.bank import selectors, services
from impulsa.assessment.bank.forms import BankFilterForm
from impulsa.assessment.bank.views import label_types
from impulsa.core.errors import DomainError
from impulsa.learning.api import Activity

PAGE_SIZE = 50


def _activity(user, activity_id) -> Activity:
    try:
        return selectors.item_activity(user, activity_id)
    except Activity.DoesNotExist:
        raise Http404 from None


def _moved(placed: list, item_id: int, action: str) -> list:
    """The new order after Subir, Bajar or Quitar on one item."""
    order = list(placed)
    index = next((n for n, item in enumerate(order) if item.pk == item_id), None)
    if index is None:
        return order
    if action == "remove":
        del order[index]
    elif action == "up" and index > 0:
        order[index - 1], order[index] = order[index], order[index - 1]
    elif action == "down" and index < len(order) - 1:
        order[index + 1], order[index] = order[index], order[index + 1]
    return order


def _change(request, activity, placed) -> None:
    action = request.POST.get("action", "")
    if action == "add":
        ids = [int(v) for v in request.POST.getlist("items") if v.isdigit()]
        chosen = list(
            selectors.items(request.user).filter(course=activity.lesson.unit.course, pk__in=ids)
        )
        if not chosen:
            messages.error(request, _("Marca al menos un reactivo para agregar."))
            return
        services.add_items(actor=request.user, activity=activity, items=chosen)
        messages.success(request, _("Se agregaron %(n)s reactivo(s).") % {"n": len(chosen)})
    elif action in ("up", "down", "remove"):
        item_id = request.POST.get("item", "")
        if not item_id.isdigit():
            return
        services.set_activity_items(
            actor=request.user, activity=activity, items=_moved(placed, int(item_id), action)
        )
        if action == "remove":
            messages.success(request, _("Se quitó el reactivo de la actividad."))


@login_required
@require_http_methods(["GET", "POST"])
def activity_items(request, activity_id):
    activity = _activity(request.user, activity_id)
    course = activity.lesson.unit.course
    placed = selectors.placed_items(activity)
    if request.method == "POST":
        try:
            _change(request, activity, placed)
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(request.get_full_path())
    skills = list(selectors.course_skills(course))
    filters = BankFilterForm(request.GET or None, skills=skills)
    placed_ids = {item.pk for item in placed}
    bank = selectors.bank_items(request.user, course, **filters.filters()).exclude(
        pk__in=placed_ids
    )
    page = Paginator(bank, PAGE_SIZE).get_page(request.GET.get("page"))
    label_types(page)
    label_types(placed)
    return render(
        request,
        "assessment/bank/activity_items.html",
        {
            "activity": activity,
            "course": course,
            "placed": placed,
            "filters": filters,
            "page": page,
        },
    )
