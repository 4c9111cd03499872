"""Grading pages under /calificar/ (thin: selectors, forms and the services).

The queue lists the open answers waiting for the user (scoped by the access rule),
filtered by activity and group, optionally anonymised; each answer has its own page
with the rubric, and «Guardar y siguiente» goes on to the next one of the same
filters. An answer outside the user's reach is 404; a user who grades nowhere, 403.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.assessment.bank import selectors as bank_selectors
from impulsa.assessment.grading import forms, selectors, services
from impulsa.assessment.itemtypes.essay import display, scoring
from impulsa.assessment.models import Item
from impulsa.core.forms import attempt
from impulsa.learning.api import render_markdown

PAGE_SIZE = 50


def _require_grader(user) -> None:
    if not selectors.can_grade(user):
        raise PermissionDenied


def _query(filters: dict, anonymous: bool) -> str:
    params = {}
    if filters["activity_key"] is not None:
        params[forms.ACTIVITY] = str(filters["activity_key"])
    if filters["group_id"] is not None:
        params[forms.GROUP] = str(filters["group_id"])
    if anonymous:
        params[forms.ANONYMOUS] = "1"
    return f"?{urlencode(params)}" if params else ""


@login_required
@require_safe
def queue(request):
    user = request.user
    _require_grader(user)
    filters, anonymous = forms.queue_filters(request.GET), forms.is_anonymous(request.GET)
    form = forms.QueueFilterForm(
        request.GET or None,
        activities=selectors.activity_choices(user),
        groups=selectors.group_choices(user),
    )
    page = Paginator(selectors.queue_rows(user, **filters), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    titles = selectors.activity_titles(answer.activity_key for answer in page)
    for answer in page:
        answer.code = selectors.anonymous_code(answer.pk)
        answer.activity_title = titles.get(answer.activity_key, "")
    return render(
        request,
        "assessment/grading/queue.html",
        {"form": form, "page": page, "anonymous": anonymous, "query": _query(filters, anonymous)},
    )


def _next_url(user, filters: dict, anonymous: bool) -> str:
    following = selectors.pending_answers(user, **filters).values_list("pk", flat=True).first()
    if following is None:
        return reverse("grading:queue") + _query(filters, anonymous)
    url = reverse("grading:grade", kwargs={"answer_id": following})
    return url + _query(filters, anonymous)


def _saved_message(answer, graded, anonymous: bool) -> str:
    student = answer.enrollment.student.get_full_name()
    values = {
        "points": f"{graded.points.normalize():f}",
        "max": f"{graded.max_points.normalize():f}",
        "student": student,
        "code": selectors.anonymous_code(answer.pk),
    }
    if anonymous:
        return _("Guardado: %(code)s era %(student)s, con %(points)s de %(max)s puntos.") % values
    return _("Guardado: %(student)s, con %(points)s de %(max)s puntos.") % values


def _page_context(answer, form, filters, anonymous) -> dict:
    version = answer.item_version
    body = version.body
    text = answer.response or ""
    words = scoring.word_count(text)
    low, high = body.get("min_words"), body.get("max_words")
    return {
        "answer": answer,
        "form": form,
        "anonymous": anonymous,
        "code": selectors.anonymous_code(answer.pk),
        "activity_title": selectors.activity_titles([answer.activity_key]).get(
            answer.activity_key, ""
        ),
        # nh3 sanitized it
        "stem": mark_safe(render_markdown(version.stem, version.stem_format)),
        "response": text,
        "words": words,
        "min_words": low,
        "max_words": high,
        "outside_limits": (low is not None and words < low) or (high is not None and words > high),
        "model_answer": display.preview(body, version.stem_format)["model_answer"],
        "points_table": [
            [str(Decimal(level["points"])) for level in criterion["levels"]]
            for criterion in body["rubric"]
        ],
        "max_points": f"{scoring.max_points(body).normalize():f}",
        "query": _query(filters, anonymous),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def grade(request, answer_id):
    user = request.user
    _require_grader(user)
    answer = selectors.answer_to_grade(user, answer_id)
    if answer is None:
        raise Http404
    filters, anonymous = forms.queue_filters(request.GET), forms.is_anonymous(request.GET)
    form = forms.GradeForm(
        request.POST if request.method == "POST" else None,
        rubric=answer.item_version.body["rubric"],
        initial_levels=answer.rubric_scores,
        comment=answer.grader_comment,
    )
    if request.method == "POST" and form.is_valid():
        graded = attempt(
            form,
            services.grade_answer,
            actor=user,
            answer_id=answer.pk,
            rubric_scores=form.levels(),
            comment=form.cleaned_data["comment"],
        )
        if graded is not None:
            messages.success(request, _saved_message(answer, graded, anonymous))
            return redirect(_next_url(user, filters, anonymous))
    return render(
        request,
        "assessment/grading/grade.html",
        _page_context(answer, form, filters, anonymous),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def regrade(request, item_id):
    """An author's item fix, applied to the answers given to its earlier versions."""
    try:
        item = bank_selectors.items(request.user).get(pk=item_id)
    except Item.DoesNotExist:
        raise Http404 from None
    report = services.regrade_item(actor=request.user, item=item)
    messages.success(
        request,
        _(
            "Recalificación hecha: %(changed)s respuestas cambiaron, %(unchanged)s quedaron "
            "igual y %(skipped)s no se pudieron leer con la versión actual."
        )
        % {"changed": report.changed, "unchanged": report.unchanged, "skipped": report.skipped},
    )
    return redirect("itembank:item_edit", item_id=item.pk)
