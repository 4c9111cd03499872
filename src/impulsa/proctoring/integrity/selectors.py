"""An attempt's timeline (integrity events and the proctor's notes, in one order on
Mexico City's clock) and the integrity reports of an attempt and of a session, read
through the access rule (PROCTOR_EXAMS at the attempt's campus)."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.org.api import Capability, scope
from impulsa.proctoring.models import Accommodation, Attempt, ExamSession, IntegrityEvent

_NOTE_LINE = re.compile(r"^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\] (.*)$")


@dataclass(frozen=True)
class Moment:
    at: datetime | None  # None: a note line without a stamp (kept after the last one)
    what: str  # the event's kind, or "" for a proctor's note
    label: str
    text: str


def _detail_text(event: IntegrityEvent) -> str:
    detail = event.detail or {}
    parts = []
    if "seconds" in detail:
        parts.append(f"{detail['seconds']} s")
    if "length" in detail:
        parts.append(_("%(n)s caracteres") % {"n": detail["length"]})
    if "from" in detail:
        parts.append(_("de %(a)s a %(b)s") % {"a": detail["from"], "b": detail.get("to", "")})
    if "device" in detail:
        parts.append(_("dispositivo %(mark)s") % {"mark": detail["device"] or "—"})
    return ", ".join(parts)


def _note_moments(note: str) -> list[Moment]:
    moments: list[Moment] = []
    for line in (note or "").splitlines():
        match = _NOTE_LINE.match(line)
        if match:
            naive = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M")
            at = timezone.make_aware(naive, timezone.get_default_timezone())
            moments.append(Moment(at, "", "", match.group(2)))
        elif line.strip():
            last = moments[-1] if moments else None
            moments.append(Moment(last.at if last else None, "", "", line.strip()))
    return moments


def is_own_attempt(user, attempt_id: int) -> bool:
    return Attempt.objects.filter(pk=attempt_id, enrollment__student_id=user.pk).exists()


def timeline(attempt: Attempt, events=None) -> list[Moment]:
    """Events and notes of one attempt, oldest first (`events`: already loaded)."""
    if events is None:
        events = attempt.integrity_events.all()
    moments = [Moment(e.at, e.kind, e.get_kind_display(), _detail_text(e)) for e in events]
    moments += _note_moments(attempt.note)
    far = timezone.now() + timedelta(days=3650)
    return sorted(moments, key=lambda m: m.at or far)


@dataclass(frozen=True)
class AttemptReport:
    attempt: Attempt
    student: object
    accommodation: Accommodation | None
    moments: list[Moment]

    @property
    def minutes_used(self) -> Decimal:
        end = self.attempt.submitted_at or timezone.now()
        seconds = max(0, int((end - self.attempt.started_at).total_seconds()))
        return (Decimal(seconds) / 60).quantize(Decimal("0.1"))


def _attempts(user):
    return (
        scope(Attempt.objects.all(), user, Capability.PROCTOR_EXAMS)
        .select_related("enrollment__student", "session__campus", "session__course")
        .prefetch_related(Prefetch("integrity_events", queryset=IntegrityEvent.objects.all()))
    )


def _reports(attempts: list[Attempt]) -> list[AttemptReport]:
    keys = {(a.session_id, a.enrollment.student_id) for a in attempts}
    accommodations = {
        (a.session_id, a.student_id): a
        for a in Accommodation.objects.filter(
            session_id__in={k[0] for k in keys}, student_id__in={k[1] for k in keys}
        )
    }
    return [
        AttemptReport(
            attempt=a,
            student=a.enrollment.student,
            accommodation=accommodations.get((a.session_id, a.enrollment.student_id)),
            moments=timeline(a, a.integrity_events.all()),
        )
        for a in attempts
    ]


def attempt_report(user, attempt_id: int) -> AttemptReport | None:
    attempt = _attempts(user).filter(pk=attempt_id).first()
    return _reports([attempt])[0] if attempt else None


def session_report(user, session_id: int) -> tuple[ExamSession, list[AttemptReport]] | None:
    session = (
        scope(ExamSession.objects.all(), user, Capability.PROCTOR_EXAMS)
        .select_related("campus", "course")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        return None
    attempts = list(
        _attempts(user)
        .filter(session=session)
        .order_by("enrollment__student__last_name", "enrollment__student__first_name", "number")
    )
    return session, _reports(attempts)
