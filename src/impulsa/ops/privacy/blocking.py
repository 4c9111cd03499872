"""Block, then delete (LGPDPPSO Art. 3 fr. III and Art. 23): a blocked person's
identifying data leaves every page at once (accounts replaces it with a pseudonym) and
is kept sealed here, encrypted, only to settle possible responsibilities; when the
blocking period ends, the sealed copy is destroyed. Their learning rows stay, as an
anonymous person's, so every figure that counted them stays the same."""

import datetime
import json

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.accounts.api import withdraw_personal_data
from impulsa.audit.api import record, redact_person
from impulsa.core.errors import Conflict
from impulsa.ops.privacy.calendar import today
from impulsa.ops.privacy.models import (
    BlockReason,
    PersonalDataBlock,
    RetentionClass,
    RetentionRule,
)
from impulsa.ops.privacy.retention_defaults import ensure_classes
from impulsa.org.api import Institution, primary_institution_id, root_institution_id

_RULE_OF = {BlockReason.ARCO: RetentionRule.ARCO_CANCELLATION}


@transaction.atomic
def block_person(
    *, actor, person, reason: str, request=None, retention_class: RetentionClass | None = None
) -> PersonalDataBlock:
    """`actor` None: the retention task. The caller checked the actor's scope."""
    if PersonalDataBlock.objects.filter(person=person).exists():
        raise Conflict(_("Los datos de esta persona ya están bloqueados."))
    if retention_class is None:
        ensure_classes()
        retention_class = RetentionClass.objects.get(rule=_RULE_OF[reason])
    campus_id = primary_institution_id(person) or root_institution_id()
    campus = Institution.objects.get(pk=campus_id)
    sealed = withdraw_personal_data(actor=actor, user=person)
    _redact_audit_log(person.pk, sealed)
    blocked_on = today()
    block = PersonalDataBlock.objects.create(
        person=person, campus=campus, reason=reason, request=request,
        retention_class=retention_class, sealed=json.dumps(sealed, ensure_ascii=False),
        blocked_on=blocked_on,
        delete_on=blocked_on + datetime.timedelta(days=retention_class.blocked_days),
    )  # fmt: skip
    record(actor=actor, instance=block, event="personal_data_blocked", reason=reason)
    return block


def _redact_audit_log(person_id: int, sealed: dict) -> None:
    """The audit log's pages would still name the person (object names, diffs)."""
    full_name = " ".join(
        p for p in (sealed["first_name"], sealed["last_name"], sealed["second_last_name"]) if p
    )
    texts = [full_name, sealed["username"], sealed["email"], sealed.get("matricula", "")]
    redact_person(user_id=person_id, texts=texts, replacement=f"Persona anónima {person_id}")


def due_blocks(on=None):
    return PersonalDataBlock.objects.filter(deleted_on__isnull=True, delete_on__lte=on or today())


@transaction.atomic
def delete_blocked(*, block_id: int) -> bool:
    """Destroy the sealed copy: the person is now anonymous for good. False when
    another run got there first."""
    block = (
        PersonalDataBlock.objects.select_for_update()
        .filter(pk=block_id, deleted_on__isnull=True)
        .first()
    )
    if block is None:
        return False
    block.sealed = None
    block.deleted_on = today()
    block.save(update_fields=["sealed", "deleted_on"])
    record(actor=None, instance=block, event="personal_data_deleted")
    return True


def sealed_data(block: PersonalDataBlock) -> dict:
    return json.loads(block.sealed) if block.sealed else {}
