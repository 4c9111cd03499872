"""The student's player: my courses, a course's home and one activity at a time.

A student reaches only their own enrollments (selectors.my_enrollments, which hides
withdrawn ones): another student's enrollment, or any staff member, gets 404. Every page view, finished
reading and time beat is a learning event (events.record keeps progress in step).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from impulsa.core.storage import private_file_response
from impulsa.learning.content import kinds as activity_kinds
from impulsa.learning.content.kinds import CONTENT
from impulsa.learning.content.selectors import downloadable
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.events import progress
from impulsa.learning.events import services as events
from impulsa.learning.models import (
    ActivityProgress,
    ProgressStatus,
    PublishedActivity,
)
from impulsa.learning.player import selectors
from impulsa.learning.player import services as studying
from impulsa.learning.publishing.version_cache import activity as published_activity
from impulsa.learning.publishing.version_cache import outline as published_outline

# A beat claims at most this many seconds before events/services.py caps it again.
_MAX_BEAT_DIGITS = 6


def _enrollment(request, enrollment_id):
    found = selectors.my_enrollment(request.user, enrollment_id)
    if found is None:
        raise Http404
    return found


def _published(enrollment, activity_key) -> PublishedActivity:
    found = published_activity(enrollment.version_id, activity_key)
    if found is None:
        raise Http404
    return found


def _activity_url(enrollment, key) -> str:
    return reverse("player:activity", kwargs={"enrollment_id": enrollment.pk, "activity_key": key})


def _completed(row) -> bool:
    return row is not None and row.status == ProgressStatus.COMPLETED


@login_required
@require_safe
def my_courses(request):
    rows = list(selectors.my_enrollments(request.user).order_by("-last_seen_at", "-created_at"))
    completed = {}
    for enrollment_id, key in ActivityProgress.objects.filter(
        enrollment__in=[row.pk for row in rows], status=ProgressStatus.COMPLETED
    ).values_list("enrollment_id", "activity_key"):
        completed.setdefault(enrollment_id, set()).add(str(key))
    courses = [
        (
            row,
            progress.completed_count(published_outline(row.version_id), completed.get(row.pk, ())),
        )
        for row in rows
    ]
    return render(request, "learning/player/my_courses.html", {"courses": courses})


@login_required
@require_safe
def course_home(request, enrollment_id):
    enrollment = selectors.my_enrollments(request.user).filter(pk=enrollment_id).first()
    if enrollment is None:
        # A link from before a withdrawal and re-enrollment leads to the current one.
        current = selectors.current_enrollment_of(request.user, enrollment_id)
        if current is None:
            raise Http404
        return redirect("player:course", enrollment_id=current.pk)
    if enrollments.sync_version(enrollment):
        messages.info(request, _("El curso se actualizó; tu avance se conservó."))
    summary = progress.summarize(
        published_outline(enrollment.version_id),
        ActivityProgress.objects.filter(enrollment=enrollment),
    )
    resume = summary.resume_key(enrollment.last_activity_key)
    return render(
        request,
        "learning/player/course.html",
        {
            "enrollment": enrollment,
            "course": enrollment.course,
            "summary": summary,
            "resume": resume,
            "started": enrollment.last_activity_key is not None,
            "upcoming": summary.next_unfinished(3),
        },
    )


@login_required
@require_safe
def activity(request, enrollment_id, activity_key):
    enrollment = _enrollment(request, enrollment_id)
    published = _published(enrollment, activity_key)
    order = progress.activity_order(published_outline(enrollment.version_id))
    keys = [header["key"] for header in order]
    key = str(published.key)
    if key not in keys:  # a version always lists its own activities; be safe anyway
        raise Http404
    index = keys.index(key)
    lesson = order[index]["lesson"]
    studying.opened(enrollment=enrollment, activity=published)
    rows = selectors.progress_of(enrollment.pk, [a["key"] for a in lesson["activities"]])
    steps = [
        {
            **header,
            "url": _activity_url(enrollment, header["key"]),
            "completed": _completed(rows.get(header["key"])),
            "current": header["key"] == key,
        }
        for header in lesson["activities"]
    ]
    context = activity_kinds.PlayerContext(
        request=request, enrollment=enrollment, activity=published, progress=rows.get(key)
    )
    return render(
        request,
        "learning/player/activity.html",
        {
            "enrollment": enrollment,
            "course": enrollment.course,
            "activity": published,
            "lesson": lesson,
            "steps": steps,
            "body": activity_kinds.handler_for(published.kind).render(context),
            "previous": _activity_url(enrollment, keys[index - 1]) if index > 0 else None,
            "next": _activity_url(enrollment, keys[index + 1]) if index + 1 < len(keys) else None,
        },
    )


@login_required
@require_POST
def complete_reading(request, enrollment_id, activity_key):
    """ "Terminé de leer": a content page counts as done (once)."""
    enrollment = _enrollment(request, enrollment_id)
    published = _published(enrollment, activity_key)
    if published.kind != CONTENT:
        raise Http404
    studying.finished_reading(enrollment=enrollment, activity=published)
    messages.success(request, _("¡Listo! Marcamos esta lectura como terminada."))
    return redirect(_activity_url(enrollment, published.key))


def _beat_key(group, request) -> str:
    return f"{request.user.pk}:{request.resolver_match.kwargs['enrollment_id']}"


def _beat_rate(group, request) -> str:
    return settings.STUDY_BEAT_RATE  # read per request, so tests may override it


def _unclaimed_seconds(enrollment, seconds: int) -> int:
    """The part of a beat's claim not covered by the student's earlier beats.

    A beat says "the last `seconds` seconds were visible"; each one credits only the
    time since the student's previous credited moment (in any course: one person
    studies one page at a time), so however many beats arrive (two tabs, a loop),
    study time never outruns the clock.
    """
    key = f"learning:beat:{enrollment.student_id}"
    now = time.time()
    credited_until = cache.get(key)
    cache.set(key, now, timeout=events.MAX_SECONDS_PER_BEAT)
    if credited_until is None:
        return seconds
    return max(0, min(seconds, int(now - credited_until)))


@login_required
@ratelimit(group="learning.beat", key=_beat_key, rate=_beat_rate, method="POST", block=True)
@require_POST
def spent_time(request, enrollment_id, activity_key):
    """A time beat from player.js (sendBeacon): seconds the page was visible."""
    enrollment = _enrollment(request, enrollment_id)
    published = _published(enrollment, activity_key)
    raw = request.POST.get("seconds", "")
    if not raw.isdigit() or len(raw) > _MAX_BEAT_DIGITS:
        return HttpResponse(status=400)
    seconds = _unclaimed_seconds(enrollment, min(int(raw), events.MAX_SECONDS_PER_BEAT))
    studying.spent(enrollment=enrollment, activity=published, seconds=seconds)
    return HttpResponse(status=204)


@login_required
@require_safe
def download(request, attachment_id):
    """A course file, for the course's students and authors only
    (content.selectors.downloadable); anyone else gets 404, as if it did not exist."""
    found = downloadable(request.user, attachment_id)
    if found is None:
        raise Http404
    return private_file_response(found.name, download_name=found.download_name)
