"""ARCO requests: filing, identity check, extension, answer and making it effective.

Every step is a service in a transaction, audited through audit.api without personal
data (the folio and the step are enough to follow a case). Staff act within their scope
(MANAGE_PRIVACY on the person's campus: campus, state and national administrators).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.accounts.api import StudentProfile
from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.ops.privacy import blocking
from impulsa.ops.privacy.calendar import add_business_days, today
from impulsa.ops.privacy.models import (
    ArcoRequest,
    ArcoStatus,
    BlockReason,
    Filer,
    IdentityDocument,
    Right,
)
from impulsa.org.api import Capability, Institution, ensure, primary_institution_id

ANSWER_DAYS = 20  # Art. 51, first paragraph
EXTENSION_DAYS = 10  # Art. 51: once, when the circumstances justify it
EFFECTIVE_DAYS = 15  # Art. 51: to make a granted right effective
MAX_DESCRIPTION = 4000


def is_minor(person) -> bool:
    """Under 18 by birth date; a student without one counts as a minor (most CONALEP
    students are), so a guardian is asked for rather than wrongly skipped."""
    born = person.birth_date
    if born is None:
        return StudentProfile.objects.filter(user=person).exists()
    now = today()
    age = now.year - born.year - ((now.month, now.day) < (born.month, born.day))
    return age < 18


def _campus_of(person) -> Institution:
    campus_id = primary_institution_id(person)
    if campus_id is None:
        raise DomainError(_("La persona no pertenece a ningún plantel."))
    return Institution.objects.get(pk=campus_id)


def _locked(actor, request_id: int) -> ArcoRequest:
    found = ArcoRequest.objects.select_for_update().filter(pk=request_id).first()
    if found is None:
        raise DomainError(_("La solicitud no existe."))
    ensure(actor, Capability.MANAGE_PRIVACY, found.campus)
    return found


def _audit(actor, arco: ArcoRequest, event: str, **data) -> None:
    record(actor=actor, instance=arco, event=event, folio=arco.folio, right=arco.right, **data)


@transaction.atomic
def file_request(
    *, actor, subject, right: str, description: str, filer: str = Filer.SUBJECT,
    representative_name: str = "",
) -> ArcoRequest:  # fmt: skip
    """A person files for themselves; staff register a request received in person or
    in writing, for the person or from their parent or guardian (Art. 52)."""
    campus = _campus_of(subject)
    if actor.pk != subject.pk:
        ensure(actor, Capability.MANAGE_PRIVACY, campus)
    if right not in Right.values or filer not in Filer.values:
        raise DomainError(_("Elige un derecho ARCO válido."))
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Describe qué datos y qué pides."), field="description")
    if len(description) > MAX_DESCRIPTION:
        raise DomainError(_("La descripción es demasiado larga."), field="description")
    representative_name = (representative_name or "").strip()[:200]
    if filer == Filer.GUARDIAN and not representative_name:
        raise DomainError(
            _("Escribe el nombre de la madre, padre o tutor."), field="representative_name"
        )
    open_statuses = (ArcoStatus.RECEIVED, ArcoStatus.VERIFIED, ArcoStatus.GRANTED)
    if ArcoRequest.objects.filter(subject=subject, right=right, status__in=open_statuses).exists():
        raise Conflict(_("Ya hay una solicitud de ese derecho en trámite para esta persona."))
    received = today()
    arco = ArcoRequest.objects.create(
        subject=subject, campus=campus, filed_by=actor, filer=filer,
        representative_name=representative_name, right=right, description=description,
        received_on=received, due_on=add_business_days(received, ANSWER_DAYS),
    )  # fmt: skip
    _audit(actor, arco, "arco_filed", filer=filer)
    return arco


@transaction.atomic
def verify_identity(*, actor, request_id: int, document: str) -> ArcoRequest:
    """Staff saw the person's (or the guardian's) identification (Art. 49)."""
    arco = _locked(actor, request_id)
    if arco.status != ArcoStatus.RECEIVED:
        raise Conflict(_("La identidad de esta solicitud ya se revisó."))
    if document not in IdentityDocument.values:
        raise DomainError(_("Elige el documento que se presentó."), field="document")
    needs_guardian = arco.filer == Filer.GUARDIAN or is_minor(arco.subject)
    if needs_guardian and document != IdentityDocument.GUARDIAN:
        raise DomainError(
            _(
                "La persona titular es menor de edad o la solicitud la presenta su tutor: "
                "acredita el parentesco con el acta de nacimiento y la identificación del tutor."
            ),
            field="document",
        )
    arco.status = ArcoStatus.VERIFIED
    arco.identity_document = document
    arco.identity_checked_by = actor
    arco.identity_checked_at = timezone.now()
    arco.save()
    _audit(actor, arco, "arco_identity_verified", document=document)
    return arco


@transaction.atomic
def extend(*, actor, request_id: int, reason: str) -> ArcoRequest:
    arco = _locked(actor, request_id)
    if arco.extended:
        raise Conflict(_("El plazo solo puede ampliarse una vez."))
    if arco.status not in (ArcoStatus.RECEIVED, ArcoStatus.VERIFIED):
        raise Conflict(_("La solicitud ya tiene respuesta."))
    reason = (reason or "").strip()[:2000]
    if not reason:
        raise DomainError(_("Explica por qué se amplía el plazo."), field="reason")
    arco.extension_reason = reason
    arco.due_on = add_business_days(arco.due_on, EXTENSION_DAYS)
    arco.save()
    _audit(actor, arco, "arco_extended", due_on=arco.due_on.isoformat())
    return arco


@transaction.atomic
def respond(*, actor, request_id: int, granted: bool, response: str) -> ArcoRequest:
    arco = _locked(actor, request_id)
    if arco.status != ArcoStatus.VERIFIED:
        raise Conflict(_("Primero acredita la identidad de quien solicita."))
    response = (response or "").strip()[:MAX_DESCRIPTION]
    if not response:
        raise DomainError(_("Escribe la respuesta que recibirá la persona."), field="response")
    arco.response = response
    arco.responded_on = today()
    arco.responded_by = actor
    if granted:
        arco.status = ArcoStatus.GRANTED
        arco.effective_by = add_business_days(arco.responded_on, EFFECTIVE_DAYS)
    else:
        arco.status = ArcoStatus.DENIED
    arco.save()
    _audit(actor, arco, "arco_answered", granted=granted)
    return arco


@transaction.atomic
def complete(*, actor, request_id: int) -> ArcoRequest:
    """The granted right is made effective. A cancellation blocks the person's data
    now and deletes it when the blocking period ends (blocking.py)."""
    arco = _locked(actor, request_id)
    if arco.status != ArcoStatus.GRANTED:
        raise Conflict(_("Solo se hace efectiva una solicitud procedente."))
    if arco.right == Right.CANCELLATION:
        if arco.subject.pk == actor.pk:
            raise AccessDenied(_("No puedes cancelar tus propios datos como administrador."))
        blocking.block_person(
            actor=actor, person=arco.subject, reason=BlockReason.ARCO, request=arco
        )
    arco.status = ArcoStatus.COMPLETED
    arco.completed_on = today()
    arco.save()
    _audit(actor, arco, "arco_completed")
    return arco
