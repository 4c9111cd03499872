"""Item bank pages: the course bank list and the item builder (thin: forms + services).

Courses and items come from selectors scoped to what the user authors, so a course
outside their reach is 404.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.assessment import itemtypes
from impulsa.assessment.bank import selectors, services
from impulsa.assessment.bank.forms import BankFilterForm, ItemForm
from impulsa.assessment.bank.preview import preview_html
from impulsa.assessment.models import Item
from impulsa.core.errors import DomainError
from impulsa.core.forms import add_domain_error
from impulsa.learning.api import Course, render_markdown
from impulsa.org.api import Capability, has_anywhere

PAGE_SIZE = 25


def _require_author(user) -> None:
    if not has_anywhere(user, Capability.AUTHOR_CONTENT):
        raise PermissionDenied


def course_or_404(user, course_id) -> Course:
    try:
        return selectors.bank_course(user, course_id)
    except Course.DoesNotExist:
        raise Http404 from None


def _item(user, item_id) -> Item:
    try:
        return selectors.items(user).get(pk=item_id)
    except Item.DoesNotExist:
        raise Http404 from None


# Bands of the difficulty scale (−3 very easy to 3 very hard), by their upper bound.
DIFFICULTY_WORDS = (
    (Decimal("-1.5"), gettext_lazy("Muy fácil")),
    (Decimal("-0.5"), gettext_lazy("Fácil")),
    (Decimal("0.5"), gettext_lazy("Media")),
    (Decimal("1.5"), gettext_lazy("Difícil")),
)


def difficulty_word(value: Decimal | None) -> str:
    """The difficulty in words, so nobody needs to know the scale ("Fácil" for −0.8)."""
    if value is None:
        return ""
    return str(next((word for bound, word in DIFFICULTY_WORDS if value < bound), _("Muy difícil")))


def label_types(items) -> None:
    """Each item gets `type_label` (the Spanish name of its type) and
    `difficulty_word`, for the templates."""
    for item in items:
        item.type_label = itemtypes.TYPE_LABELS.get(item.current.type, item.current.type)
        item.difficulty_word = difficulty_word(item.current.difficulty)


@login_required
@require_safe
def course_list(request):
    """Entry point: the courses whose bank the user edits."""
    _require_author(request.user)
    courses = selectors.courses_with_item_counts(request.user)
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assessment/bank/course_list.html", {"page": page})


@login_required
@require_safe
def item_list(request, course_id):
    course = course_or_404(request.user, course_id)
    skills = list(selectors.course_skills(course))
    filters = BankFilterForm(request.GET or None, skills=skills)
    rows = selectors.bank_items(request.user, course, **filters.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    label_types(page)
    return render(
        request,
        "assessment/bank/item_list.html",
        {
            "course": course,
            "filters": filters,
            "page": page,
            "filtered": any(request.GET.get(k) for k in ("tipo", "habilidad", "q")),
        },
    )


def _save(form, editor, service, **kwargs):
    """Build the fields from both forms and call the service; None after showing why not."""
    try:
        body = editor.body()
    except DomainError as error:
        editor.add_error(error.message)
        return None
    try:
        return service(body=body, **kwargs)
    except DomainError as error:
        if error.field in form.fields:
            add_domain_error(form, error)
        else:
            editor.add_error(error.message)
        return None


def _builder(request, *, course, item_type, form, editor, item=None):
    context = {
        "course": course,
        "item": item,
        "item_type": item_type,
        "type_label": itemtypes.TYPE_LABELS[item_type],
        "form": form,
        "editor": editor,
    }
    if item is not None:
        current = item.current
        context.update(
            versions=selectors.versions(item),
            activities=selectors.item_activities(item),
            frozen=services.is_frozen(current),
            next_number=item.versions.count() + 1,
            preview=preview_html(current),
        )
    return render(request, "assessment/bank/item_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, course_id):
    course = course_or_404(request.user, course_id)
    item_type = request.GET.get("tipo", "")
    if item_type not in itemtypes.TYPES:
        return render(
            request,
            "assessment/bank/type_choice.html",
            {"course": course, "type_labels": itemtypes.TYPE_LABELS},
        )
    data = request.POST if request.method == "POST" else None
    form = ItemForm(data, skills=selectors.course_skills(course))
    editor = itemtypes.editor_for(item_type, data)
    if data is not None and all([form.is_valid(), editor.is_valid()]):
        fields = form.version_fields(item_type=item_type, stem_format="markdown")
        item = _save(
            form, editor, services.create_item, actor=request.user, course=course, **fields
        )
        if item:
            messages.success(request, _("Se creó el reactivo «%(n)s».") % {"n": item.current})
            return redirect("itembank:item_edit", item_id=item.pk)
    return _builder(request, course=course, item_type=item_type, form=form, editor=editor)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, item_id):
    item = _item(request.user, item_id)
    current = item.current
    data = request.POST if request.method == "POST" else None
    form = ItemForm(
        data, initial=ItemForm.initial_from(item), skills=selectors.course_skills(item.course)
    )
    editor = itemtypes.editor_for(current.type, data, current.body)
    if data is not None and all([form.is_valid(), editor.is_valid()]):
        fields = form.version_fields(
            item_type=current.type, stem_format=current.stem_format, other_tags=current.tags
        )
        version = _save(form, editor, services.update_item, actor=request.user, item=item, **fields)
        if version:
            if version.pk != current.pk:
                text = _("Se guardó como versión %(n)s.") % {"n": version.number}
            else:
                text = _("Se guardaron los cambios.")
            messages.success(request, text)
            return redirect("itembank:item_edit", item_id=item.pk)
    return _builder(
        request, course=item.course, item_type=current.type, form=form, editor=editor, item=item
    )


@login_required
@require_POST
def item_delete(request, item_id):
    item = _item(request.user, item_id)
    name = str(item.current)
    try:
        services.delete_item(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("itembank:item_edit", item_id=item.pk)
    messages.success(request, _("Se eliminó el reactivo «%(n)s».") % {"n": name})
    return redirect("itembank:item_list", course_id=item.course_id)


@login_required
@require_POST
def stem_preview(request):
    """htmx: the stem as the student will see it, while the author types."""
    _require_author(request.user)
    text = request.POST.get("stem", "")[:20000]
    text_format = "html" if request.POST.get("stem_format") == "html" else "markdown"
    return HttpResponse(render_markdown(text, text_format))
