"""Retention: each class's rule finds the people whose keeping period ended; they are
blocked, and blocks whose period ended are deleted (Celery beat, tasks.py).

Rules are small objects with one question (who is due?), composed by apply_retention:
a new kind of data to expire is a new class, not an `if`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from impulsa.accounts.api import User
from impulsa.ops.privacy import blocking
from impulsa.ops.privacy.calendar import today
from impulsa.ops.privacy.models import BlockReason, PersonalDataBlock, RetentionClass, RetentionRule
from impulsa.ops.privacy.retention_defaults import ensure_classes

BATCH = 500  # people blocked per class and run: a run stays short, the next one goes on


class InactiveAccounts:
    """Accounts closed (is_active off) and unused for the class's keeping period."""

    rule = RetentionRule.INACTIVE_ACCOUNTS

    def due(self, klass: RetentionClass, on: datetime.date):
        cutoff = on - datetime.timedelta(days=klass.keep_days)
        blocked = PersonalDataBlock.objects.values("person_id")
        return (
            User.objects.filter(is_active=False, is_superuser=False)
            .filter(Q(last_login__date__lt=cutoff) | Q(last_login__isnull=True))
            .filter(date_joined__date__lt=cutoff)
            .exclude(pk__in=blocked)
            .order_by("pk")
        )


class ArcoCancellation:
    """Blocked when a cancellation request is made effective (arco.py), never here."""

    rule = RetentionRule.ARCO_CANCELLATION

    def due(self, klass: RetentionClass, on: datetime.date):
        return User.objects.none()


RULES = {r.rule: r for r in (InactiveAccounts(), ArcoCancellation())}


@dataclass(frozen=True)
class RetentionRun:
    blocked: int
    deleted: int


def apply_retention(on: datetime.date | None = None) -> RetentionRun:
    on = on or today()
    ensure_classes()
    blocked = 0
    for klass in RetentionClass.objects.all():
        for person in RULES[klass.rule].due(klass, on)[:BATCH]:
            blocking.block_person(
                actor=None, person=person, reason=BlockReason.RETENTION, retention_class=klass
            )
            blocked += 1
    deleted = sum(
        blocking.delete_blocked(block_id=pk)
        for pk in blocking.due_blocks(on).values_list("pk", flat=True)[:BATCH]
    )
    return RetentionRun(blocked=blocked, deleted=deleted)
