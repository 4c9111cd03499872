"""Placements: a student assigned to a company, moved through its states with the
history kept (proposed -> confirmed -> active -> completed, or withdrawn with who asked
and why). A placement cannot start without a valid agreement."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import Conflict, DomainError
from impulsa.dual.models import (
    Agreement,
    AgreementKind,
    Company,
    Placement,
    PlacementEvent,
    PlacementStatus,
    WithdrawnBy,
)
from impulsa.dual.services.agreements import valid_framework
from impulsa.dual.services.companies import ensure_approved
from impulsa.org.api import Capability, Role, ensure, holds_role_at

S = PlacementStatus
# Where each state may go next.
TRANSITIONS = {
    S.PROPOSED: {S.CONFIRMED, S.WITHDRAWN},
    S.CONFIRMED: {S.ACTIVE, S.WITHDRAWN},
    S.ACTIVE: {S.COMPLETED, S.WITHDRAWN},
    S.COMPLETED: set(),
    S.WITHDRAWN: set(),
}
OPEN = (S.PROPOSED, S.CONFIRMED, S.ACTIVE)


def _check_tutor(tutor, campus) -> None:
    if tutor is not None and not holds_role_at(tutor, Role.DUAL_TUTOR, campus):
        raise DomainError(
            _("%(name)s no es tutor dual de este plantel.") % {"name": tutor.get_full_name()},
            field="tutor",
        )


@transaction.atomic
def propose_placement(
    *, actor, company: Company, student, starts_on: datetime.date, ends_on: datetime.date,
    tutor=None, agreement: Agreement | None = None, preferences: str = "",
) -> Placement:  # fmt: skip
    campus = company.campus
    ensure(actor, Capability.MANAGE_DUAL, campus)
    ensure_approved(company)
    if not holds_role_at(student, Role.STUDENT, campus):
        raise DomainError(_("El alumno no es de este plantel."), field="student")
    if ends_on <= starts_on:
        raise DomainError(_("La colocación debe terminar después de empezar."), field="ends_on")
    _check_tutor(tutor, campus)
    _check_agreement(agreement, company, student)
    if Placement.objects.filter(student=student, status__in=OPEN).exists():
        raise Conflict(_("El alumno ya tiene una colocación en curso."), field="student")
    placement = Placement.objects.create(
        campus=campus,
        student=student,
        company=company,
        tutor=tutor,
        agreement=agreement,
        starts_on=starts_on,
        ends_on=ends_on,
        preferences=preferences.strip(),
    )
    PlacementEvent.objects.create(placement=placement, to_status=S.PROPOSED, actor=actor)
    return placement


def _check_agreement(agreement, company, student) -> None:
    if agreement is None:
        return
    if (
        agreement.company_id != company.pk
        or agreement.kind != AgreementKind.LEARNING
        or agreement.student_id != student.pk
    ):
        raise DomainError(
            _("Elige el convenio de aprendizaje de este alumno con esta empresa."),
            field="agreement",
        )


@transaction.atomic
def update_placement(*, actor, placement: Placement, tutor=None, agreement=None) -> Placement:
    ensure(actor, Capability.MANAGE_DUAL, placement.campus)
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    _check_tutor(tutor, placement.campus)
    _check_agreement(agreement, placement.company, placement.student)
    placement.tutor, placement.agreement = tutor, agreement or placement.agreement
    placement.save(update_fields=["tutor", "agreement"])
    return placement


def _ensure_can_start(placement: Placement, today: datetime.date) -> None:
    agreement = placement.agreement
    if agreement is None:
        raise Conflict(_("Sube el convenio de aprendizaje del alumno antes de iniciar."))
    if not agreement.covers(placement.starts_on, placement.ends_on) or agreement.ends_on < today:
        raise Conflict(_("El convenio de aprendizaje no está vigente para toda la colocación."))
    if (
        valid_framework(placement.company, max(today, placement.starts_on), placement.ends_on)
        is None
    ):
        raise Conflict(_("El convenio marco con la empresa no está vigente."))
    if not placement.stations.exists():
        raise Conflict(_("Agrega al menos una estación al plan de rotación antes de iniciar."))


@transaction.atomic
def move_placement(
    *, actor, placement: Placement, to: str, withdrawn_by: str = "", reason: str = ""
) -> Placement:
    ensure(actor, Capability.MANAGE_DUAL, placement.campus)
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .get(pk=placement.pk)
    )
    if to not in TRANSITIONS[placement.status]:
        raise Conflict(
            _("Una colocación %(from)s no puede pasar a %(to)s.")
            % {"from": S(placement.status).label.lower(), "to": S(to).label.lower()},
            field="to",
        )
    if to == S.ACTIVE:
        _ensure_can_start(placement, timezone.localdate())
    if to == S.WITHDRAWN:
        if withdrawn_by not in WithdrawnBy.values:
            raise DomainError(_("Indica quién pidió la baja."), field="withdrawn_by")
        if not reason.strip():
            raise DomainError(_("Escribe el motivo de la baja."), field="reason")
        placement.withdrawn_by, placement.reason = withdrawn_by, reason.strip()
    PlacementEvent.objects.create(
        placement=placement,
        from_status=placement.status,
        to_status=to,
        actor=actor,
        note=reason.strip(),
    )
    placement.status = to
    placement.save(update_fields=["status", "withdrawn_by", "reason"])
    return placement
