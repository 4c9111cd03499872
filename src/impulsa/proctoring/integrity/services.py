"""Recording integrity events: batches the exam page sends (exam.js), and what the
server notices itself on a request of an open attempt (another address, a device
the attempt does not belong to). Events only inform the proctor: nothing here
changes the attempt's state."""

import hashlib
from datetime import timedelta
from functools import wraps

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict
from impulsa.proctoring.integrity.events import BROWSER_KINDS, Reported
from impulsa.proctoring.models import Attempt, IntegrityEvent, IntegrityKind
from impulsa.proctoring.supervision.push import attempt_changed

# At most this many browser events per attempt in any minute: the rest of a batch is
# dropped (and the page told so), so a loop in a page cannot fill the table.
EVENTS_PER_MINUTE = 200
# A refused device or address keeps knocking (every save, every heartbeat): the same
# notice within this window is not written again.
NOTICE_QUIET = timedelta(minutes=10)


def record_batch(*, actor, attempt_id: int, events: list[Reported], ip) -> tuple[int, int]:
    """Keep the events of the actor's open attempt; returns (kept, dropped)."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("enrollment")
            .filter(pk=attempt_id)
            .first()
        )
        if attempt is None or attempt.enrollment.student_id != actor.pk:
            raise AccessDenied(_("Ese intento no es tuyo."))
        now = timezone.now()
        overdue = (
            attempt.deadline is not None and attempt.paused_at is None and now >= attempt.deadline
        )
        if not attempt.is_open or overdue:
            raise Conflict(_("Tu examen ya se entregó."))
        recent = IntegrityEvent.objects.filter(
            attempt=attempt, kind__in=BROWSER_KINDS, received_at__gte=now - timedelta(minutes=1)
        ).count()
        room = max(0, EVENTS_PER_MINUTE - recent)
        kept = events[:room]
        IntegrityEvent.objects.bulk_create(
            IntegrityEvent(
                attempt=attempt,
                kind=e.kind,
                at=e.moment(now, attempt.started_at),
                detail=e.detail,
                ip=ip,
            )
            for e in kept
        )
        if kept:
            Attempt.objects.filter(pk=attempt.pk).update(last_seen_at=now)
            attempt_changed(attempt)
        return len(kept), len(events) - len(kept)


def _device_mark(device: str) -> str:
    """Which device, without keeping the cookie that would let someone pose as it."""
    if not device:
        return ""
    return hashlib.sha256(device.encode()).hexdigest()[:10]


def noticed(attempt: Attempt, client) -> list[tuple[str, dict]]:
    """What this request of the open attempt shows: another address, another device."""
    found = []
    if attempt.ip_address and client.ip and client.ip != attempt.ip_address:
        found.append((IntegrityKind.IP_CHANGE, {"from": attempt.ip_address, "to": client.ip}))
    if attempt.device and client.device != attempt.device:
        found.append((IntegrityKind.NEW_DEVICE, {"device": _device_mark(client.device)}))
    return found


def record_noticed(attempt: Attempt, found: list[tuple[str, dict]], ip) -> None:
    """Write what the server noticed, unless the same notice was written lately."""
    if not found:
        return
    now = timezone.now()
    for kind, detail in found:
        repeated = IntegrityEvent.objects.filter(
            attempt_id=attempt.pk, kind=kind, detail=detail, at__gte=now - NOTICE_QUIET
        ).exists()
        if not repeated:
            IntegrityEvent.objects.create(
                attempt_id=attempt.pk, kind=kind, at=now, detail=detail, ip=ip
            )
    attempt_changed(attempt)


class RefusedRequest(AccessDenied):
    """A request of an open attempt refused by an access rule, carrying what the
    server noticed on it: the refusal rolls its transaction back, the notice stays."""

    def __init__(self, message, *, attempt: Attempt, found: list, ip):
        super().__init__(message)
        self.attempt = attempt
        self.found = found
        self.ip = ip


def keeps_notices(service):
    """Wrap a transactional service of taking/: when it refuses a request, write what
    the server noticed in a transaction of its own, then let the refusal go on."""

    @wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except RefusedRequest as refusal:
            with transaction.atomic():
                record_noticed(refusal.attempt, refusal.found, refusal.ip)
            raise

    return wrapper
