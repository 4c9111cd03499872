"""The register of personal data shared with companies in the dual model: for each
placement, which company received which data of which student, on what legal basis
and since when.

Read live from dual through dual.api, so it can never disagree with what companies
actually reach: a company's instructors see the placements of their company and what
hangs from them (dual/selectors.py), from the day the placement is registered. The
legal basis of a transfer is the learning agreement (convenio) that backs the
placement (LGPDPPSO Arts. 65-66: transfers are formalised by agreements); a placement
without one is flagged, since the data went out without its basis on record.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from impulsa.dual.api import reachable_placements

# What a company instructor reaches for a placed student (dual's access rule).
SHARED_DATA = (
    _("Nombre completo"),
    _("Matrícula"),
    _("Carrera y semestre"),
    _("Plan de rotación y puestos de aprendizaje"),
    _("Bitácora semanal"),
    _("Evaluaciones de desempeño"),
    _("Visitas e incidencias de la colocación"),
)
PAGE_SIZE = 50


@dataclass(frozen=True)
class SharedRecord:
    placement_id: int
    student: str
    company: str
    company_rfc: str
    status: str
    shared_on: date
    until: date
    legal_basis: str
    has_agreement: bool


def _basis(placement) -> str:
    agreement = placement.agreement
    if agreement is None:
        return str(_("Sin convenio registrado"))
    return str(
        _("Convenio «%(title)s», firmado el %(signed)s (LGPDPPSO arts. 65 y 66)")
        % {"title": agreement.title, "signed": agreement.signed_on.strftime("%d/%m/%Y")}
    )


def _record(placement) -> SharedRecord:
    return SharedRecord(
        placement_id=placement.pk,
        student=placement.student.get_full_name(),
        company=str(placement.company),
        company_rfc=placement.company.rfc,
        status=placement.get_status_display(),
        shared_on=placement.created_at.date(),
        until=placement.ends_on,
        legal_basis=_basis(placement),
        has_agreement=placement.agreement_id is not None,
    )


def register_for(viewer):
    """The placements `viewer` reaches through dual's rule (staff: their tree; a
    student: their own), newest first, as a queryset to paginate."""
    return reachable_placements(viewer).select_related("agreement").order_by("-created_at", "id")


def records(placements) -> list[SharedRecord]:
    return [_record(p) for p in placements]
