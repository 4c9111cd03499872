"""Sessions and attempts as proctors and staff see them: scoped by the access rule."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from impulsa.assessment.api import answered_counts
from impulsa.org.api import Capability, scope
from impulsa.proctoring.models import Attempt, ExamSession, IntegrityEvent, IntegrityKind
from impulsa.proctoring.taking.services import close_expired


def sessions(user, capability=Capability.PROCTOR_EXAMS):
    return scope(ExamSession.objects.all(), user, capability).select_related("course", "campus")


def todays_sessions(user):
    """Sessions open at some point today (Mexico City), for the proctor's home."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + timedelta(days=1)
    return sessions(user).filter(opens_at__lt=end, closes_at__gt=start).order_by("opens_at")


def session(user, session_id, capability=Capability.PROCTOR_EXAMS) -> ExamSession | None:
    return sessions(user, capability).filter(pk=session_id).first()


def attempt(user, attempt_id) -> Attempt | None:
    return (
        scope(Attempt.objects.all(), user, Capability.PROCTOR_EXAMS)
        .select_related("enrollment__student", "session")
        .filter(pk=attempt_id)
        .first()
    )


def _flags(attempt_ids) -> dict[int, list[tuple[str, str, int]]]:
    """Integrity events per attempt, counted by kind: [(kind, label, count)]."""
    labels = dict(IntegrityKind.choices)
    flags: dict[int, list] = {}
    counted = (
        IntegrityEvent.objects.filter(attempt_id__in=attempt_ids)
        .values_list("attempt_id", "kind")
        .annotate(n=Count("id"))
        .order_by("attempt_id", "kind")
    )
    for attempt_id, kind, n in counted:
        flags.setdefault(attempt_id, []).append((kind, labels.get(kind, kind), n))
    return flags


def live_rows(session_obj, only=None) -> list[dict]:
    """One row per attempt of the session (or of the attempts `only` names): who,
    progress, time left, connection, integrity flags."""
    if only is None:
        close_expired(session=session_obj)  # nobody may be left to close them otherwise
    now = timezone.now()
    attempts = Attempt.objects.filter(session=session_obj)
    if only is not None:
        attempts = attempts.filter(pk__in=only)
    attempts = list(
        attempts.select_related("enrollment__student").order_by(
            "enrollment__student__last_name", "enrollment__student__first_name", "-number"
        )
    )
    counts = answered_counts([(a.enrollment_id, a.activity_key, a.number) for a in attempts])
    flags = _flags([a.pk for a in attempts])
    rows = []
    for a in attempts:
        seen = a.last_seen_at
        rows.append(
            {
                "attempt": a,
                "student": a.enrollment.student,
                "answered": counts.get((a.enrollment_id, a.activity_key, a.number), 0),
                "total": len(a.form.get("items", [])),
                "seconds_left": a.seconds_left(now) if a.is_open else None,
                "connected": a.is_open and seen is not None and now - seen < timedelta(seconds=60),
                "flags": flags.get(a.pk, []),
            }
        )
    return rows
