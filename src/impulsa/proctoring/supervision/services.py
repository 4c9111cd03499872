"""What a proctor does to an attempt while the session runs: add time, pause and
resume, move it to another device, force the submission, annotate, invalidate (with a
reason). Every change is audited (the Attempt's fields are registered with the audit
log); a note records who did what and why in the attempt's own timeline."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import Conflict, DomainError
from impulsa.learning.api import lock_enrollment_status
from impulsa.org.api import Capability, ensure
from impulsa.proctoring.models import Attempt, AttemptState
from impulsa.proctoring.supervision.push import attempt_changed
from impulsa.proctoring.taking.services import close, policy_of

MAX_EXTRA_MINUTES = 240


def _locked(actor, attempt_id) -> Attempt:
    row = Attempt.objects.filter(pk=attempt_id).values("enrollment_id").first()
    if row is None:
        raise DomainError(_("Ese intento no existe."))
    lock_enrollment_status(row["enrollment_id"])
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("campus", "enrollment", "session")
        .get(pk=attempt_id)
    )
    ensure(actor, Capability.PROCTOR_EXAMS, attempt.campus)
    attempt_changed(attempt)  # sent only if the action commits
    return attempt


def _open(attempt: Attempt) -> None:
    if not attempt.is_open:
        raise Conflict(_("Ese intento ya terminó."))


def _note(attempt: Attempt, actor, text: str) -> None:
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    line = f"[{stamp}] {actor.get_full_name() or actor.username}: {text}"
    attempt.note = f"{attempt.note}\n{line}".strip()


@transaction.atomic
def add_time(*, actor, attempt_id: int, minutes: int, reason: str = "") -> Attempt:
    attempt = _locked(actor, attempt_id)
    _open(attempt)
    if not 1 <= minutes <= MAX_EXTRA_MINUTES:
        raise DomainError(
            _("Agrega entre 1 y %(max)s minutos.") % {"max": MAX_EXTRA_MINUTES}, field="minutes"
        )
    if attempt.deadline is None:
        raise DomainError(_("Este intento no tiene límite de tiempo."))
    attempt.deadline += timedelta(minutes=minutes)
    attempt.extra_seconds += minutes * 60
    _note(
        attempt, actor, _("agregó %(m)s min. %(why)s") % {"m": minutes, "why": reason.strip()[:200]}
    )
    attempt.save(update_fields=["deadline", "extra_seconds", "note"])
    return attempt


@transaction.atomic
def pause(*, actor, attempt_id: int) -> Attempt:
    attempt = _locked(actor, attempt_id)
    _open(attempt)
    if attempt.paused_at is None:
        attempt.paused_at = timezone.now()
        _note(attempt, actor, _("pausó el examen."))
        attempt.save(update_fields=["paused_at", "note"])
    return attempt


@transaction.atomic
def resume(*, actor, attempt_id: int) -> Attempt:
    """The paused time is given back: the deadline moves by as long as the pause."""
    attempt = _locked(actor, attempt_id)
    _open(attempt)
    if attempt.paused_at is not None:
        if attempt.deadline is not None:
            attempt.deadline += timezone.now() - attempt.paused_at
        attempt.paused_at = None
        _note(attempt, actor, _("reanudó el examen."))
        attempt.save(update_fields=["paused_at", "deadline", "note"])
    return attempt


@transaction.atomic
def allow_device_change(*, actor, attempt_id: int) -> Attempt:
    """The next device the student opens the attempt from takes it over."""
    attempt = _locked(actor, attempt_id)
    _open(attempt)
    attempt.device = ""
    _note(attempt, actor, _("autorizó cambiar de dispositivo."))
    attempt.save(update_fields=["device", "note"])
    return attempt


@transaction.atomic
def force_submit(*, actor, attempt_id: int, reason: str = "") -> Attempt:
    attempt = _locked(actor, attempt_id)
    _open(attempt)
    activity, policy = policy_of(attempt.enrollment, attempt.activity_key)
    _note(attempt, actor, _("entregó el examen. %(why)s") % {"why": reason.strip()[:200]})
    attempt.save(update_fields=["note"])
    close(attempt, activity, policy, AttemptState.SUBMITTED, at=timezone.now())
    return attempt


@transaction.atomic
def annotate(*, actor, attempt_id: int, text: str) -> Attempt:
    attempt = _locked(actor, attempt_id)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Escribe la nota."), field="text")
    _note(attempt, actor, text[:500])
    attempt.save(update_fields=["note"])
    return attempt


@transaction.atomic
def invalidate(*, actor, attempt_id: int, reason: str) -> Attempt:
    """Annul an attempt (open or closed); the reason is required and kept."""
    attempt = _locked(actor, attempt_id)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Escribe el motivo para anular el intento."), field="reason")
    if attempt.state == AttemptState.INVALIDATED:
        raise Conflict(_("Ese intento ya estaba anulado."))
    _note(attempt, actor, _("anuló el intento: %(why)s") % {"why": reason[:300]})
    attempt.state = AttemptState.INVALIDATED
    attempt.passed = None
    attempt.submitted_at = attempt.submitted_at or timezone.now()
    attempt.save(update_fields=["state", "passed", "submitted_at", "note"])
    return attempt
