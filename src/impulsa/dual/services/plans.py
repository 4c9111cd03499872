"""Learning positions, rotation plan templates and each student's dated stations
(every station checked by the rules in dual/rules.py)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.accounts.api import StudentProfile
from impulsa.core.errors import Conflict, DomainError
from impulsa.dual.models import (
    Company,
    Placement,
    PlacementStatus,
    PlanStation,
    Position,
    RotationTemplate,
    TemplateStation,
)
from impulsa.dual.rules import StationRequest, first_refusal
from impulsa.dual.services.companies import ensure_approved
from impulsa.org.api import Capability, Role, ensure, holds_role_at


def _check_career(company: Company, career) -> None:
    if career.campus_id != company.campus_id:
        raise DomainError(_("Elige una carrera del plantel de la empresa."), field="career")


@transaction.atomic
def create_position(
    *, actor, company: Company, career, name: str, capacity: int, modules: str = "",
    competencies=(), instructor=None,
) -> Position:  # fmt: skip
    ensure(actor, Capability.MANAGE_DUAL, company.campus)
    ensure_approved(company)
    _check_career(company, career)
    if not name.strip():
        raise DomainError(_("Escribe el nombre del puesto."), field="name")
    if not 1 <= capacity <= 200:
        raise DomainError(_("El cupo va de 1 a 200 alumnos."), field="capacity")
    if instructor is not None and not (
        holds_role_at(instructor, Role.COMPANY_INSTRUCTOR, company.campus)
        and company.instructors.filter(pk=instructor.pk).exists()
    ):
        raise DomainError(
            _("El instructor debe ser uno de los instructores de la empresa."), field="instructor"
        )
    position = Position.objects.create(
        company=company,
        campus=company.campus,
        career=career,
        name=name.strip(),
        capacity=capacity,
        modules=modules.strip(),
        instructor=instructor,
    )
    position.competencies.set(competencies)
    return position


@transaction.atomic
def create_template(*, actor, company: Company, career, name: str) -> RotationTemplate:
    ensure(actor, Capability.MANAGE_DUAL, company.campus)
    ensure_approved(company)
    _check_career(company, career)
    if not name.strip():
        raise DomainError(_("Escribe el nombre del plan."), field="name")
    return RotationTemplate.objects.create(
        company=company, campus=company.campus, career=career, name=name.strip()
    )


@transaction.atomic
def add_template_station(
    *, actor, template: RotationTemplate, position: Position, weeks: int, hours: int,
    topics: str = "",
) -> TemplateStation:  # fmt: skip
    ensure(actor, Capability.MANAGE_DUAL, template.campus)
    if position.company_id != template.company_id:
        raise DomainError(_("El puesto no es de la empresa del plan."), field="position")
    if position.career_id != template.career_id:
        raise DomainError(
            _("El puesto «%(name)s» no corresponde a la carrera del plan.") % {"name": position},
            field="position",
        )
    if not 1 <= weeks <= 52 or not 1 <= hours <= 2000:
        raise DomainError(_("Usa de 1 a 52 semanas y de 1 a 2000 horas."), field="weeks")
    order = template.stations.count()
    return TemplateStation.objects.create(
        template=template, position=position, weeks=weeks, hours=hours, topics=topics, order=order
    )


def _career_id(student) -> int | None:
    return StudentProfile.objects.filter(user=student).values_list("career_id", flat=True).first()


def _lock_editable(actor, placement: Placement) -> Placement:
    ensure(actor, Capability.MANAGE_DUAL, placement.campus)
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .get(pk=placement.pk)
    )
    if placement.status in (PlacementStatus.COMPLETED, PlacementStatus.WITHDRAWN):
        raise Conflict(_("La colocación ya terminó; su plan no se puede cambiar."))
    return placement


def _station(placement, position, starts_on, ends_on, hours, topics, career_id) -> PlanStation:
    if not 1 <= hours <= 2000:
        raise DomainError(_("Las horas van de 1 a 2000."), field="hours")
    message = first_refusal(StationRequest(placement, position, starts_on, ends_on, career_id))
    if message:
        raise Conflict(message, field="position")
    return PlanStation.objects.create(
        placement=placement,
        position=position,
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        topics=topics.strip(),
    )


@transaction.atomic
def add_station(
    *, actor, placement: Placement, position: Position, starts_on: datetime.date,
    ends_on: datetime.date, hours: int, topics: str = "",
) -> PlanStation:  # fmt: skip
    placement = _lock_editable(actor, placement)
    # One position's seats are counted under its lock: two plans cannot take the last one.
    position = (
        Position.objects.select_for_update(of=("self",))
        .select_related("career")
        .get(pk=position.pk)
    )
    return _station(
        placement, position, starts_on, ends_on, hours, topics, _career_id(placement.student)
    )


@transaction.atomic
def apply_template(
    *, actor, placement: Placement, template: RotationTemplate, starts_on: datetime.date
) -> list[PlanStation]:
    """Copy the template's stations into the student's plan, one after another from
    `starts_on`; any conflict refuses the whole plan (nothing is written)."""
    placement = _lock_editable(actor, placement)
    if template.company_id != placement.company_id:
        raise DomainError(_("La plantilla es de otra empresa."), field="template")
    career_id = _career_id(placement.student)
    created, start = [], starts_on
    for step in template.stations.select_related("position__career").order_by("order", "id"):
        end = start + datetime.timedelta(weeks=step.weeks) - datetime.timedelta(days=1)
        position = Position.objects.select_for_update().get(pk=step.position_id)
        position.career = step.position.career
        created.append(
            _station(placement, position, start, end, step.hours, step.topics, career_id)
        )
        start = end + datetime.timedelta(days=1)
    if not created:
        raise DomainError(_("La plantilla no tiene estaciones."), field="template")
    return created
