"""Agreements ("convenios"): uploaded, type-checked and kept in private storage; alerts
go out before one expires."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.core.uploads import TYPES, check_upload, safe_name
from impulsa.dual.models import Agreement, AgreementKind, Company
from impulsa.dual.services.companies import ensure_approved
from impulsa.dual.services.notices import notify
from impulsa.org.api import Capability, Membership, Role, ensure

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {ext: TYPES[ext] for ext in (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".odt")}
# Alerts are sent this many days before an agreement ends.
ALERT_DAYS = 30


@transaction.atomic
def create_agreement(
    *,
    actor,
    company: Company,
    kind: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    signed_on: datetime.date,
    school_signatory: str,
    company_signatory: str,
    document,
    student=None,
) -> Agreement:
    ensure(actor, Capability.MANAGE_DUAL, company.campus)
    ensure_approved(company)
    if ends_on <= starts_on:
        raise DomainError(
            _("La fecha de vencimiento debe ser posterior al inicio."), field="ends_on"
        )
    if signed_on > ends_on:
        raise DomainError(_("La firma no puede ser posterior al vencimiento."), field="signed_on")
    if kind == AgreementKind.LEARNING:
        if (
            student is None
            or not student.memberships.filter(
                institution=company.campus, role=Role.STUDENT
            ).exists()
        ):
            raise DomainError(
                _("El convenio de aprendizaje es de un alumno de este plantel."), field="student"
            )
    else:
        student = None
    if document is None:
        raise DomainError(_("Sube el documento firmado."), field="document")
    file_type = check_upload(
        document, max_bytes=MAX_DOCUMENT_BYTES, types=DOCUMENT_TYPES, field="document"
    )
    agreement = Agreement(
        kind=kind,
        campus=company.campus,
        company=company,
        student=student,
        title=title.strip() or str(AgreementKind(kind).label),
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
        school_signatory=school_signatory.strip(),
        company_signatory=company_signatory.strip(),
        document_name=document.name[:200],
        created_by=actor,
    )
    agreement.document.save(safe_name(document.name, file_type), document, save=False)
    agreement.save()
    return agreement


def valid_framework(company: Company, start, end) -> Agreement | None:
    """The company's framework agreement covering [start, end], if any."""
    return (
        Agreement.objects.filter(
            company=company,
            kind=AgreementKind.FRAMEWORK,
            starts_on__lte=start,
            ends_on__gte=end,
        )
        .order_by("-ends_on")
        .first()
    )


@transaction.atomic
def send_expiry_alerts(*, today: datetime.date) -> int:
    """Notify the campus's dual managers (in the platform and by mail) of each agreement
    ending within ALERT_DAYS, once per agreement."""
    due = Agreement.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        alerted_on__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=ALERT_DAYS),
    )
    sent = 0
    for agreement in due.select_related("company", "campus"):
        managers = [
            m.user
            for m in Membership.objects.filter(
                institution=agreement.campus, role=Role.CAMPUS_ADMIN
            ).select_related("user")
        ]
        notify(
            managers,
            campus=agreement.campus,
            text=_("El convenio «%(title)s» con %(company)s vence el %(date)s.")
            % {
                "title": agreement.title,
                "company": agreement.company,
                "date": agreement.ends_on.strftime("%d/%m/%Y"),
            },
            link=reverse("dual:company", kwargs={"company_id": agreement.company_id}),
            email=True,
        )
        agreement.alerted_on = today
        agreement.save(update_fields=["alerted_on"])
        sent += 1
    return sent
