"""Incidents: reported by anyone involved in a placement, assigned, closed with a
resolution within a deadline set by their severity; overdue ones escalate to the campus
and then to the state college (dual.tasks runs `escalate_overdue` periodically), with a
notice in the platform and by mail. Confidential kinds never reach the instructor."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.dual.models import Incident, IncidentKind, IncidentStatus, Placement, Severity
from impulsa.dual.selectors import CONFIDENTIAL_KINDS, roles_on
from impulsa.dual.services.notices import notify
from impulsa.org.api import Membership, Role

DEADLINES = {
    Severity.LOW: datetime.timedelta(days=10),
    Severity.MEDIUM: datetime.timedelta(days=5),
    Severity.HIGH: datetime.timedelta(days=2),
    Severity.CRITICAL: datetime.timedelta(days=1),
}
# Escalation levels: 0 with the tutor or assignee, 1 the campus, 2 the state college.
CAMPUS, STATE = 1, 2


def _link(incident) -> str:
    return reverse("dual:incident", kwargs={"incident_id": incident.pk})


def _admins(institution, role) -> list:
    return [
        m.user
        for m in Membership.objects.filter(institution=institution, role=role).select_related(
            "user"
        )
    ]


def _involved(incident) -> list:
    placement = incident.placement
    people = [placement.tutor, incident.assigned_to]
    if incident.kind not in CONFIDENTIAL_KINDS:
        people += list(placement.company.instructors.all())
    return [p for p in people if p is not None]


@transaction.atomic
def report_incident(
    *, actor, placement: Placement, kind: str, severity: str, description: str, visit=None
) -> Incident:
    if not roles_on(actor, placement) - {"viewer"}:
        raise AccessDenied(_("Solo quien participa en la colocación reporta incidencias."))
    if kind not in IncidentKind.values:
        raise DomainError(_("Elige el tipo de incidencia."), field="kind")
    if severity not in Severity.values:
        raise DomainError(_("Elige la gravedad."), field="severity")
    if not description.strip():
        raise DomainError(_("Describe lo que pasó."), field="description")
    incident = Incident.objects.create(
        campus=placement.campus,
        placement=placement,
        kind=kind,
        severity=severity,
        description=description.strip(),
        reported_by=actor,
        assigned_to=placement.tutor,
        due_at=timezone.now() + DEADLINES[Severity(severity)],
        opened_by_visit=visit,
    )
    notify(
        [p for p in _involved(incident) if p.pk != actor.pk]
        + _admins(placement.campus, Role.CAMPUS_ADMIN),
        campus=placement.campus,
        text=_("Nueva incidencia (%(kind)s, gravedad %(sev)s) de %(student)s.")
        % {
            "kind": incident.get_kind_display().lower(),
            "sev": incident.get_severity_display().lower(),
            "student": placement.student.get_full_name(),
        },
        link=_link(incident),
        email=severity in (Severity.HIGH, Severity.CRITICAL),
    )
    return incident


def _lock(incident) -> Incident:
    incident = (
        Incident.objects.select_for_update(of=("self",))
        .select_related("placement__campus", "placement__company")
        .get(pk=incident.pk)
    )
    if incident.status == IncidentStatus.CLOSED:
        raise Conflict(_("La incidencia ya está cerrada."))
    return incident


@transaction.atomic
def assign_incident(*, actor, incident: Incident, assignee) -> Incident:
    incident = _lock(incident)
    if "staff" not in roles_on(actor, incident.placement):
        raise AccessDenied(_("Solo el plantel asigna incidencias."))
    if not roles_on(assignee, incident.placement) & {"staff", "tutor"}:
        raise DomainError(
            _("Asigna la incidencia al tutor o a personal del plantel."), field="assignee"
        )
    incident.assigned_to = assignee
    incident.save(update_fields=["assigned_to"])
    notify([assignee], campus=incident.campus, text=_("Te asignaron una incidencia."),
           link=_link(incident), email=True)  # fmt: skip
    return incident


@transaction.atomic
def close_incident(*, actor, incident: Incident, resolution: str) -> Incident:
    incident = _lock(incident)
    roles = roles_on(actor, incident.placement)
    if not ("staff" in roles or "tutor" in roles or incident.assigned_to_id == actor.pk):
        raise AccessDenied(_("Solo el responsable, el tutor o el plantel cierran la incidencia."))
    if not resolution.strip():
        raise DomainError(_("Escribe la resolución."), field="resolution")
    incident.status, incident.resolution = IncidentStatus.CLOSED, resolution.strip()
    incident.closed_at = timezone.now()
    incident.save(update_fields=["status", "resolution", "closed_at"])
    return incident


def escalate_overdue(*, now: datetime.datetime) -> int:
    """Raise every open incident past its deadline one level (campus, then state), give
    it a new deadline and tell that level's administrators. Each in its own transaction,
    rows skipped while another worker holds them."""
    escalated = 0
    pending = Incident.objects.filter(
        status=IncidentStatus.OPEN, due_at__lt=now, escalation_level__lt=STATE
    ).values_list("pk", flat=True)
    for pk in list(pending[:500]):
        with transaction.atomic():
            incident = (
                Incident.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("campus__parent", "placement__student")
                .filter(pk=pk, status=IncidentStatus.OPEN, due_at__lt=now)
                .first()
            )
            if incident is None:
                continue
            incident.escalation_level += 1
            incident.escalated_at = now
            incident.due_at = now + DEADLINES[Severity(incident.severity)]
            incident.save(update_fields=["escalation_level", "escalated_at", "due_at"])
            if incident.escalation_level == CAMPUS:
                people = _admins(incident.campus, Role.CAMPUS_ADMIN)
                text = _("Incidencia vencida escalada al plantel: %(student)s.")
            else:
                people = _admins(incident.campus.parent, Role.STATE_ADMIN)
                text = _("Incidencia vencida escalada al colegio estatal: %(student)s.")
            notify(
                people,
                campus=incident.campus,
                text=text % {"student": incident.placement.student.get_full_name()},
                link=_link(incident),
                email=True,
            )
            escalated += 1
    return escalated
