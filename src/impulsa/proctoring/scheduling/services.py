"""Staff schedule exam sessions for a campus and grant accommodations."""

import ipaddress
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.learning.api import Course, published_activity
from impulsa.org.api import Capability, Group, Institution, Kind, ensure, offering_ids
from impulsa.proctoring.kind_codes import SESSION_KINDS
from impulsa.proctoring.models import Accommodation, ExamSession
from impulsa.proctoring.rules.networks import parse_networks
from impulsa.proctoring.taking.services import session_enrollment

MAX_NETWORKS = 50
MAX_KEYS = 20


@dataclass(frozen=True)
class SessionPlan:
    campus: Institution
    course: Course
    activity_key: object
    title: str
    opens_at: object
    closes_at: object
    groups: tuple = ()
    access_code: str = ""
    allowed_networks: str = ""
    safe_browser_keys: str = ""


def attempt_kinds() -> tuple[str, ...]:
    """The published kinds a session can be scheduled for (exams, diagnostics)."""
    return SESSION_KINDS


def _check_networks(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_NETWORKS:
        raise DomainError(
            _("Escribe como máximo %(n)s redes.") % {"n": MAX_NETWORKS}, field="allowed_networks"
        )
    for line in lines:
        try:
            ipaddress.ip_network(line, strict=False)
        except ValueError:
            raise DomainError(
                _("«%(line)s» no es una dirección ni una red (por ejemplo 10.20.0.0/16).")
                % {"line": line[:60]},
                field="allowed_networks",
            ) from None
    parse_networks("\n".join(lines))
    return "\n".join(lines)


def _check_keys(text: str) -> str:
    keys = [k.strip() for k in text.splitlines() if k.strip()]
    if len(keys) > MAX_KEYS or any(len(k) > 128 or not k.isalnum() for k in keys):
        raise DomainError(
            _("Pega una llave de Safe Exam Browser por línea (letras y números, hasta 20)."),
            field="safe_browser_keys",
        )
    return "\n".join(keys)


def _check(actor, plan: SessionPlan) -> None:
    if plan.campus.kind != Kind.CAMPUS:
        raise DomainError(_("Elige un plantel."), field="campus")
    ensure(actor, Capability.SCHEDULE_EXAMS, plan.campus)
    if plan.course.institution_id not in offering_ids(actor, Capability.SCHEDULE_EXAMS):
        raise DomainError(_("Ese curso no está disponible en tu plantel."), field="exam")
    version_id = plan.course.published_id
    activity = published_activity(version_id, plan.activity_key) if version_id else None
    if activity is None or activity.kind not in attempt_kinds():
        raise DomainError(_("Elige un examen publicado."), field="exam")
    if plan.closes_at <= plan.opens_at:
        raise DomainError(_("La sesión debe cerrar después de abrir."), field="closes_at")
    if any(g.campus_id != plan.campus.pk for g in plan.groups):
        raise DomainError(_("Los grupos deben ser del mismo plantel."), field="groups")
    if len(plan.access_code) > 20:
        raise DomainError(_("El código de acceso tiene hasta 20 caracteres."), field="access_code")


@transaction.atomic
def schedule_session(*, actor, plan: SessionPlan) -> ExamSession:
    _check(actor, plan)
    session = ExamSession.objects.create(
        campus=plan.campus,
        course=plan.course,
        activity_key=plan.activity_key,
        title=plan.title.strip()[:200] or _("Examen"),
        opens_at=plan.opens_at,
        closes_at=plan.closes_at,
        access_code=plan.access_code.strip().upper(),
        allowed_networks=_check_networks(plan.allowed_networks),
        safe_browser_keys=_check_keys(plan.safe_browser_keys),
        created_by=actor,
    )
    session.groups.set(plan.groups)
    return session


@transaction.atomic
def release_results(*, actor, session: ExamSession) -> ExamSession:
    """Results of a manual-review exam become visible to its students."""
    ensure(actor, Capability.SCHEDULE_EXAMS, session.campus)
    session.results_released_at = timezone.now()
    session.save(update_fields=["results_released_at"])
    return session


@transaction.atomic
def grant_accommodation(
    *,
    actor,
    session: ExamSession,
    student,
    extra_minutes: int = 0,
    extra_attempts: int = 0,
    unlimited_time: bool = False,
    reason: str,
) -> Accommodation:
    """Extra time, attempts or no time limit for one student, with the reason; a new
    grant replaces the previous one. Open attempts keep their deadline (a proctor
    adds time to those)."""
    ensure(actor, Capability.SCHEDULE_EXAMS, session.campus)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Escribe el motivo del ajuste."), field="reason")
    if not (extra_minutes or extra_attempts or unlimited_time):
        raise DomainError(_("Elige al menos un ajuste."), field="extra_minutes")
    if extra_minutes > 600 or extra_attempts > 10:
        raise DomainError(_("Hasta 600 minutos y 10 intentos extra."), field="extra_minutes")
    if session_enrollment(student, session) is None:
        raise DomainError(_("Ese alumno no presenta esta sesión."), field="student")
    accommodation, _created = Accommodation.objects.update_or_create(
        session=session,
        student=student,
        defaults={
            "extra_minutes": extra_minutes,
            "extra_attempts": extra_attempts,
            "unlimited_time": unlimited_time,
            "reason": reason[:300],
            "granted_by": actor,
        },
    )
    return accommodation


def campus_groups(campus) -> list[Group]:
    return list(Group.objects.filter(campus=campus).order_by("name"))
