"""Company registry: a campus registers a company, or a company registers itself and a
campus approves it; company instructors are linked to it."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.dual.models import Company, CompanyStatus
from impulsa.dual.rfc import check_rfc
from impulsa.org.api import Capability, Institution, Kind, Role, ensure, holds_role_at

FIELDS = (
    "legal_name",
    "trade_name",
    "sector",
    "size",
    "address",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def _create(campus, data: dict, *, self_registered: bool, status: str) -> Company:
    checked = check_rfc(data.get("rfc", ""))
    if Company.objects.filter(campus=campus, rfc=checked.value).exists():
        raise Conflict(
            _("Ya hay una empresa con el RFC %(rfc)s registrada en este plantel.")
            % {"rfc": checked.value},
            field="rfc",
        )
    values = {k: (data.get(k) or "").strip() for k in FIELDS}
    if not values["legal_name"]:
        raise DomainError(_("Escribe la razón social."), field="legal_name")
    try:
        with transaction.atomic():
            return Company.objects.create(
                campus=campus,
                rfc=checked.value,
                rfc_warning=checked.warning,
                self_registered=self_registered,
                status=status,
                **values,
            )
    except IntegrityError:
        raise Conflict(
            _("Ya hay una empresa con el RFC %(rfc)s registrada en este plantel.")
            % {"rfc": checked.value},
            field="rfc",
        ) from None


@transaction.atomic
def register_company(*, campus: Institution, data: dict) -> Company:
    """Public self-registration: the company waits for the campus's approval."""
    if campus.kind != Kind.CAMPUS or not campus.is_active:
        raise DomainError(_("Elige un plantel."), field="campus")
    return _create(campus, data, self_registered=True, status=CompanyStatus.PENDING)


@transaction.atomic
def create_company(*, actor, campus: Institution, data: dict) -> Company:
    ensure(actor, Capability.MANAGE_DUAL, campus)
    company = _create(campus, data, self_registered=False, status=CompanyStatus.APPROVED)
    company.decided_by, company.decided_at = actor, timezone.now()
    company.save(update_fields=["decided_by", "decided_at"])
    return company


@transaction.atomic
def decide_company(*, actor, company: Company, approve: bool) -> Company:
    ensure(actor, Capability.MANAGE_DUAL, company.campus)
    company = Company.objects.select_for_update().get(pk=company.pk)
    if company.status != CompanyStatus.PENDING:
        raise Conflict(_("Esta empresa ya fue revisada."))
    company.status = CompanyStatus.APPROVED if approve else CompanyStatus.REJECTED
    company.decided_by, company.decided_at = actor, timezone.now()
    company.save(update_fields=["status", "decided_by", "decided_at"])
    return company


@transaction.atomic
def add_instructor(*, actor, company: Company, instructor) -> Company:
    ensure(actor, Capability.MANAGE_DUAL, company.campus)
    if not holds_role_at(instructor, Role.COMPANY_INSTRUCTOR, company.campus):
        raise DomainError(
            _("%(name)s no tiene el rol de instructor de empresa en este plantel.")
            % {"name": instructor.get_full_name() or instructor.username},
            field="instructor",
        )
    if company.status != CompanyStatus.APPROVED:
        raise DomainError(_("Aprueba primero la empresa."))
    company.instructors.add(instructor)
    record(actor=actor, instance=company, event="dual.instructor_added", user_id=instructor.pk)
    return company


def ensure_approved(company: Company) -> None:
    if company.status != CompanyStatus.APPROVED:
        raise DomainError(_("La empresa todavía no está aprobada por el plantel."))


def ensure_manager(actor, campus) -> None:
    if campus is None:
        raise AccessDenied(_("No tienes permiso para hacer esto."))
    ensure(actor, Capability.MANAGE_DUAL, campus)
