"""Reads of the audit log, narrowed by the access rule."""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet

from impulsa.audit.models import AuditEntry
from impulsa.org.api import (
    Capability,
    Institution,
    has_anywhere,
    institution_ids,
    reachable_institutions,
    root_institution_id,
    tree_base_depth,
)

LOCAL_TIME_ZONE = ZoneInfo("America/Mexico_City")

# The action filter speaks the users' words; the log stores auditlog's numbers.
ACTION_BY_SLUG = {
    "alta": AuditEntry.Action.CREATE,
    "cambio": AuditEntry.Action.UPDATE,
    "baja": AuditEntry.Action.DELETE,
    "acceso": AuditEntry.Action.ACCESS,
}


def can_audit(viewer) -> bool:
    """Whether the viewer reads the audit log of any institution."""
    return has_anywhere(viewer, Capability.VIEW_AUDIT)


def entries(viewer) -> QuerySet:
    """Entries of institutions the viewer audits; entries without an institution
    only for those who audit the national office."""
    audited = institution_ids(viewer, Capability.VIEW_AUDIT)
    visible = Q(institution__in=audited)
    root_id = root_institution_id()
    if root_id is not None and root_id in audited:
        visible |= Q(institution__isnull=True)
    return AuditEntry.objects.filter(visible).select_related("actor", "content_type", "institution")


def audited_institutions(viewer) -> QuerySet:
    """Institutions whose entries the viewer may read, in tree order."""
    return reachable_institutions(viewer, Capability.VIEW_AUDIT).order_by("path")


def audit_base_depth(viewer) -> int:
    """Depth (1 = national office) of the highest institution the viewer audits."""
    return tree_base_depth(viewer, Capability.VIEW_AUDIT)


def entry_content_types(viewer) -> list[ContentType]:
    """Kinds of objects that appear in the entries the viewer may read.

    One EXISTS probe per content type (there are a handful), so the cost does
    not grow with the size of the log.
    """
    present = Exists(entries(viewer).filter(content_type=OuterRef("pk")).values("pk"))
    types = list(ContentType.objects.filter(present))
    return sorted(types, key=lambda ct: str(ct.name).casefold())


@dataclass(frozen=True)
class EntryFilter:
    """What the list page asks for; empty values do not filter."""

    institution: Institution | None = None
    actor: str = ""
    action: str = ""
    content_type: ContentType | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LOCAL_TIME_ZONE)


_ACTOR_FIELDS = (
    "actor__username",
    "actor__first_name",
    "actor__last_name",
    "actor__second_last_name",
    "actor_email",
)


def _actor_matches(text: str) -> Q:
    """Every word must appear in the actor's username, names or e-mail."""
    return reduce(
        and_,
        (
            reduce(or_, (Q(**{f"{field}__icontains": word}) for field in _ACTOR_FIELDS))
            for word in text.split()
        ),
    )


def search(viewer, criteria: EntryFilter | None = None) -> QuerySet:
    """The viewer's entries narrowed by `criteria`, newest first.

    Filtering by an institution includes the institutions below it; dates are
    days in Mexico City time, both ends included.
    """
    criteria = criteria or EntryFilter()
    queryset = entries(viewer)
    if criteria.institution is not None:
        queryset = queryset.filter(institution__path__startswith=criteria.institution.path)
    if criteria.actor.strip():
        queryset = queryset.filter(_actor_matches(criteria.actor))
    if criteria.action:
        queryset = queryset.filter(action=ACTION_BY_SLUG[criteria.action])
    if criteria.content_type is not None:
        queryset = queryset.filter(content_type=criteria.content_type)
    if criteria.date_from is not None:
        queryset = queryset.filter(timestamp__gte=_local_midnight(criteria.date_from))
    if criteria.date_to is not None:
        next_day = criteria.date_to + datetime.timedelta(days=1)
        queryset = queryset.filter(timestamp__lt=_local_midnight(next_day))
    return queryset.order_by("-timestamp", "-pk")
