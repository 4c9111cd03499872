"""The course editor's small forms: add, rename, delete and move units, lessons and
activities, and the drag-and-drop reorder endpoint.

Each URL names its node (`unit_id`, `lesson_id`, `activity_id`) and passes `kind`
so one view serves the three levels. Every action returns to the editor, at the
row it touched; refusals come back as messages (aria-live in base.html).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from impulsa.core.errors import DomainError
from impulsa.learning.authoring import selectors as queries
from impulsa.learning.authoring import services
from impulsa.learning.authoring.forms import (
    ActivityCreateForm,
    LessonForm,
    MoveForm,
    TitleForm,
)
from impulsa.learning.authoring.views.common import (
    attempt_or_message,
    form_error_message,
    to_editor,
)
from impulsa.learning.models import Activity, Lesson, Unit

LOADERS = {"unit": queries.unit, "lesson": queries.lesson, "activity": queries.activity}
PARENT_FIELD = {Unit: "course_id", Lesson: "unit_id", Activity: "lesson_id"}


def _node(request, kind: str, ids: dict):
    return LOADERS[kind](request.user, ids[f"{kind}_id"])


def anchor(node) -> str:
    return f"{type(node).__name__.lower()}-{node.pk}"


def position_message(node) -> str:
    """What a screen reader hears after a move: where the row is now."""
    field = PARENT_FIELD[type(node)]
    siblings = list(
        type(node)
        .objects.filter(**{field: getattr(node, field)})
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    return _("«%(title)s» ahora está en la posición %(n)s de %(total)s.") % {
        "title": node.title,
        "n": siblings.index(node.pk) + 1,
        "total": len(siblings),
    }


@login_required
@require_POST
def unit_create(request, course_id):
    course = queries.course(request.user, course_id)
    form = TitleForm(request.POST, prefix="unit")
    if not form.is_valid():
        form_error_message(request, form)
        return to_editor(course, "add-unit")
    try:
        unit = services.create_unit(actor=request.user, course=course, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return to_editor(course, "add-unit")
    messages.success(request, _("Se agregó la unidad «%(t)s».") % {"t": unit.title})
    return to_editor(course, anchor(unit))


@login_required
@require_POST
def lesson_create(request, unit_id):
    unit = queries.unit(request.user, unit_id)
    form = LessonForm(request.POST, prefix=f"lesson-{unit.pk}")
    if not form.is_valid():
        form_error_message(request, form)
        return to_editor(unit.course, anchor(unit))
    try:
        lesson = services.create_lesson(actor=request.user, unit=unit, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return to_editor(unit.course, anchor(unit))
    messages.success(request, _("Se agregó la lección «%(t)s».") % {"t": lesson.title})
    return to_editor(unit.course, anchor(lesson))


@login_required
@require_POST
def activity_create(request, lesson_id):
    lesson = queries.lesson(request.user, lesson_id)
    course = lesson.unit.course
    form = ActivityCreateForm(request.POST, prefix=f"activity-{lesson.pk}")
    if not form.is_valid():
        form_error_message(request, form)
        return to_editor(course, anchor(lesson))
    try:
        activity = services.create_activity(actor=request.user, lesson=lesson, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return to_editor(course, anchor(lesson))
    messages.success(request, _("Se agregó la actividad «%(t)s».") % {"t": activity.title})
    return redirect("authoring:activity_edit", activity_id=activity.pk)


@login_required
@require_POST
def rename(request, kind, **ids):
    """Units and lessons are renamed from the editor; activities on their own page."""
    node = _node(request, kind, ids)
    form = (LessonForm if kind == "lesson" else TitleForm)(request.POST, prefix=anchor(node))
    course = services.course_of(node)
    if not form.is_valid():
        form_error_message(request, form)
    elif attempt_or_message(
        request, services.rename, actor=request.user, node=node, **form.cleaned_data
    ):
        messages.success(request, _("Se cambió el título a «%(t)s».") % {"t": node.title})
    return to_editor(course, anchor(node))


@login_required
@require_POST
def delete(request, kind, **ids):
    node = _node(request, kind, ids)
    course, title = services.course_of(node), node.title
    if attempt_or_message(request, services.delete_node, actor=request.user, node=node):
        messages.success(request, _("Se eliminó «%(t)s».") % {"t": title})
    return to_editor(course)


@login_required
@require_POST
def move(request, kind, **ids):
    """The keyboard (and no-JavaScript) alternative to dragging: one place up or down."""
    node = _node(request, kind, ids)
    course = services.course_of(node)
    form = MoveForm(request.POST)
    if not form.is_valid():
        form_error_message(request, form)
    elif attempt_or_message(
        request, services.move, actor=request.user, node=node, offset=form.offset
    ):
        messages.info(request, position_message(node))
    return to_editor(course, anchor(node))


REORDER_PARENTS = {"course": queries.course, "unit": queries.unit, "lesson": queries.lesson}


@login_required
@require_POST
def reorder(request, kind, **ids):
    """authoring.js posts the dragged list's keys in their new order (`keys`, one per
    child) and the key of the row that moved (`moved`); answers JSON with what to
    announce, or a 400 with the Spanish reason."""
    parent = REORDER_PARENTS[kind](request.user, ids[f"{kind}_id"])
    keys = request.POST.getlist("keys")
    try:
        services.reorder(actor=request.user, parent=parent, keys=keys)
    except DomainError as error:
        return JsonResponse({"error": error.message}, status=400)
    # The keys were just checked to be exactly the parent's children.
    moved = request.POST.get("moved")
    if moved in keys:
        model = {"course": Unit, "unit": Lesson, "lesson": Activity}[kind]
        message = position_message(model.objects.get(key=moved))
    else:
        message = _("Se guardó el nuevo orden.")
    return JsonResponse({"message": message})
