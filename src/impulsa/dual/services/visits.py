"""Tutor visits to the company: scheduled on a calendar, then recorded with a checklist,
findings, evidence and follow-up actions (owner, due date); a visit may open an
incident or close open ones."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.core.uploads import TYPES, check_upload, safe_name
from impulsa.dual.models import Incident, IncidentStatus, Placement, Visit, VisitAction
from impulsa.dual.selectors import roles_on
from impulsa.dual.services.incidents import close_incident, report_incident

CHECKLIST = {
    "attendance": gettext_lazy("El alumno asiste con regularidad"),
    "plan": gettext_lazy("Las actividades siguen el plan de rotación"),
    "safety": gettext_lazy("El puesto cumple con seguridad e higiene"),
    "instructor": gettext_lazy("El instructor acompaña y retroalimenta"),
    "logbook": gettext_lazy("La bitácora está al día"),
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {ext: TYPES[ext] for ext in (".jpg", ".jpeg", ".png", ".webp", ".pdf")}


def _ensure_tutor(actor, placement) -> None:
    if not {"tutor", "staff"} & roles_on(actor, placement):
        raise AccessDenied(_("Solo el tutor dual del alumno o el plantel registran visitas."))


@transaction.atomic
def schedule_visit(*, actor, placement: Placement, scheduled_on: datetime.date) -> Visit:
    _ensure_tutor(actor, placement)
    if not placement.starts_on <= scheduled_on <= placement.ends_on:
        raise DomainError(_("Programa la visita dentro de la estancia."), field="scheduled_on")
    return Visit.objects.create(
        campus=placement.campus,
        placement=placement,
        tutor=placement.tutor or actor,
        scheduled_on=scheduled_on,
    )


@transaction.atomic
def record_visit(
    *, actor, visit: Visit, done_on: datetime.date, checklist: dict, findings: str,
    evidence=None, actions=(), incident: dict | None = None, close_ids=(),
    resolution: str = "",
) -> Visit:  # fmt: skip
    visit = (
        Visit.objects.select_for_update(of=("self",))
        .select_related("placement__campus")
        .get(pk=visit.pk)
    )
    placement = visit.placement
    _ensure_tutor(actor, placement)
    if visit.done_on is not None:
        raise Conflict(_("Esta visita ya se registró."))
    if not findings.strip():
        raise DomainError(_("Escribe los hallazgos de la visita."), field="findings")
    visit.done_on, visit.findings = done_on, findings.strip()
    visit.checklist = {key: bool(checklist.get(key)) for key in CHECKLIST}
    if evidence:
        file_type = check_upload(
            evidence, max_bytes=MAX_EVIDENCE_BYTES, types=EVIDENCE_TYPES, field="evidence"
        )
        visit.evidence.save(safe_name(evidence.name, file_type), evidence, save=False)
        visit.evidence_name = evidence.name[:200]
    visit.save()
    for description, owner, due_on in actions:
        if not description.strip():
            continue
        if owner is None or not roles_on(owner, placement) - {"viewer"}:
            raise DomainError(
                _("El responsable de una acción debe participar en la colocación."),
                field="actions",
            )
        VisitAction.objects.create(
            visit=visit, description=description.strip()[:300], owner=owner, due_on=due_on
        )
    if incident:
        report_incident(actor=actor, placement=placement, visit=visit, **incident)
    for found in Incident.objects.filter(
        placement=placement, pk__in=list(close_ids), status=IncidentStatus.OPEN
    ):
        close_incident(actor=actor, incident=found, resolution=resolution or findings)
    return visit
