"""Answer endpoints of the player: save a practice item's answer, reveal a hint.

htmx requests get the item's fragment back (its form, and its feedback for the
item's live region); plain form posts are redirected to the activity page, so
everything works without JavaScript. Enrollments come from the student's own list:
anyone else's, and every staff member, gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from impulsa.assessment import itemtypes
from impulsa.assessment.answering import published_versions_cache
from impulsa.assessment.answering import services as answering
from impulsa.assessment.answering.player import (
    PRACTICE,
    item_seed,
    item_view,
    read_form,
    render_item_update,
)
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.core.errors import DomainError
from impulsa.learning.api import my_enrollment, published_activity


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _activity(request, enrollment_id, activity_key):
    enrollment = my_enrollment(request.user, enrollment_id)
    if enrollment is None:
        raise Http404
    activity = published_activity(enrollment.version_id, activity_key)
    if activity is None:
        raise Http404
    return enrollment, activity


def _item_version(activity, item_version_id) -> ItemVersion:
    if item_version_id not in answering.item_version_ids(activity):
        raise Http404
    found = published_versions_cache.versions([item_version_id])
    if not found:
        raise Http404
    return found[item_version_id]


def _page_url(enrollment, activity, version=None) -> str:
    url = reverse(
        "player:activity", kwargs={"enrollment_id": enrollment.pk, "activity_key": activity.key}
    )
    return f"{url}#item-{version.pk}" if version is not None else url


def _response(enrollment, version: ItemVersion, data):
    data = read_form(version, data, item_seed(enrollment, version))
    return itemtypes.response_from_form(version.type, version.body, data)


def _item_fragment(request, enrollment, activity, version, *, answer, error="", saved=None):
    ids = answering.item_version_ids(activity)
    view = item_view(
        version,
        number=ids.index(version.pk) + 1,
        mode=PRACTICE,
        enrollment=enrollment,
        activity=activity,
        answer=answer,
        outcome=saved.outcome if saved else None,
    )
    view.error = error
    html = render_item_update(request, view)
    if saved is not None:  # the page's "answered n of m" line, swapped out of band
        # No request: the line needs no context processor (nor their cost).
        html += render_to_string(
            "assessment/player/practice_status.html",
            {
                "answered": saved.answered,
                "total": len(ids),
                "completed": saved.finished,
                "oob": True,
            },
        )
    return HttpResponse(html)


def _current_answer(enrollment, activity, version) -> Answer | None:
    return Answer.objects.filter(
        enrollment=enrollment, activity_key=activity.key, attempt=1, item_version=version
    ).first()


@login_required
@require_POST
def save(request, enrollment_id, activity_key, item_version_id):
    enrollment, activity = _activity(request, enrollment_id, activity_key)
    version = _item_version(activity, item_version_id)
    saved, error = None, ""
    try:
        saved = answering.save_answer(
            actor=request.user,
            enrollment=enrollment,
            activity=activity,
            item_version=version,
            response=_response(enrollment, version, request.POST),
        )
    except DomainError as refusal:
        error = refusal.message
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(_page_url(enrollment, activity, version))
    answer = saved.answer if saved else _current_answer(enrollment, activity, version)
    return _item_fragment(
        request,
        enrollment,
        activity,
        version,
        answer=answer,
        error=error,
        saved=saved,
    )


@login_required
@require_POST
def hint(request, enrollment_id, activity_key, item_version_id):
    enrollment, activity = _activity(request, enrollment_id, activity_key)
    version = _item_version(activity, item_version_id)
    error = ""
    try:
        answering.reveal_hint(
            actor=request.user, enrollment=enrollment, activity=activity, item_version=version
        )
    except DomainError as refusal:
        error = refusal.message
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect(_page_url(enrollment, activity, version))
    answer = _current_answer(enrollment, activity, version)
    return _item_fragment(request, enrollment, activity, version, answer=answer, error=error)
