"""Rotation-plan conflicts, one small rule per question (as Moodle's quiz access rules).

A station asked for a student's plan goes through every rule in RULES; the first that
objects refuses it with its message. Adding a rule is adding a class to the tuple.
"""

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from impulsa.dual.models import (
    Agreement,
    AgreementKind,
    PlacementStatus,
    PlanStation,
    Position,
)

# Placements whose stations hold a seat at a position.
HOLDING = (PlacementStatus.PROPOSED, PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE)


@dataclass(frozen=True)
class StationRequest:
    placement: object
    position: Position
    starts_on: datetime.date
    ends_on: datetime.date
    student_career_id: int | None


def _overlapping(start, end) -> Q:
    return Q(starts_on__lte=end, ends_on__gte=start)


class StationRule(ABC):
    """One question about a station: why it cannot be planned (Spanish), or None."""

    @abstractmethod
    def refusal(self, request: StationRequest) -> str | None:
        """Why the station is refused, or None."""


class DatesInOrder(StationRule):
    def refusal(self, request):
        if request.ends_on <= request.starts_on:
            return _("La estación debe terminar después de empezar.")
        placement = request.placement
        if request.starts_on < placement.starts_on or request.ends_on > placement.ends_on:
            return _("Las fechas de la estación quedan fuera de la colocación (%(a)s a %(b)s).") % {
                "a": placement.starts_on.strftime("%d/%m/%Y"),
                "b": placement.ends_on.strftime("%d/%m/%Y"),
            }
        return None


class SameCompany(StationRule):
    def refusal(self, request):
        if request.position.company_id != request.placement.company_id:
            return _("El puesto «%(name)s» no es de la empresa de esta colocación.") % {
                "name": request.position.name
            }
        if not request.position.is_active:
            return _("El puesto «%(name)s» no está activo.") % {"name": request.position.name}
        return None


class FitsCareer(StationRule):
    def refusal(self, request):
        if request.position.career_id != request.student_career_id:
            return _(
                "El puesto «%(name)s» es para la carrera de %(career)s y no corresponde a la "
                "carrera del alumno."
            ) % {"name": request.position.name, "career": request.position.career.name}
        return None


class NoOverlap(StationRule):
    def refusal(self, request):
        clash = (
            PlanStation.objects.filter(placement=request.placement)
            .filter(_overlapping(request.starts_on, request.ends_on))
            .select_related("position")
            .first()
        )
        if clash:
            return _("Las fechas se enciman con la estación «%(station)s» del mismo plan.") % {
                "station": clash
            }
        return None


class WithinCapacity(StationRule):
    def refusal(self, request):
        taken = (
            PlanStation.objects.filter(position=request.position, placement__status__in=HOLDING)
            .exclude(placement=request.placement)
            .filter(_overlapping(request.starts_on, request.ends_on))
            .values("placement")
            .distinct()
            .count()
        )
        if taken >= request.position.capacity:
            return _(
                "El puesto «%(name)s» ya tiene su cupo completo (%(capacity)s) en esas fechas."
            ) % {"name": request.position.name, "capacity": request.position.capacity}
        return None


class AgreementInForce(StationRule):
    def refusal(self, request):
        covering = Agreement.objects.filter(
            company_id=request.position.company_id,
            kind=AgreementKind.FRAMEWORK,
            starts_on__lte=request.starts_on,
            ends_on__gte=request.ends_on,
        ).exists()
        if not covering:
            return _(
                "El convenio marco con la empresa no está vigente en esas fechas (venció o "
                "no cubre todo el periodo)."
            )
        agreement = request.placement.agreement
        if agreement is not None and not agreement.covers(request.starts_on, request.ends_on):
            return _("El convenio de aprendizaje del alumno no cubre esas fechas.")
        return None


RULES: tuple[StationRule, ...] = (
    DatesInOrder(),
    SameCompany(),
    FitsCareer(),
    NoOverlap(),
    AgreementInForce(),
    WithinCapacity(),
)


def first_refusal(request: StationRequest, rules=RULES) -> str | None:
    for rule in rules:
        message = rule.refusal(request)
        if message:
            return message
    return None
