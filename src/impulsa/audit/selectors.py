"""Reads of the audit log, narrowed by the access rule."""

from django.db.models import Q, QuerySet

from impulsa.audit.models import AuditEntry
from impulsa.org.api import Capability, Institution, branding, can, institution_ids


def entries(viewer) -> QuerySet:
    """Entries of institutions the viewer audits; entries without an institution
    only for those who audit the national office."""
    visible = Q(institution__in=institution_ids(viewer, Capability.VIEW_AUDIT))
    root = Institution.objects.filter(pk=branding.root_institution_id()).first()
    if root is not None and can(viewer, Capability.VIEW_AUDIT, root):
        visible |= Q(institution__isnull=True)
    return AuditEntry.objects.filter(visible).select_related("actor", "content_type", "institution")
