"""Reads, each narrowed by the access rule: staff with MANAGE_PRIVACY read the requests
and blocks of their campus or below; a person reads their own requests."""

from django.db.models import Q, QuerySet

from impulsa.accounts.api import reachable_students
from impulsa.ops.privacy.models import ArcoRequest, PersonalDataBlock, RetentionClass
from impulsa.org.api import Capability, scope


def requests(viewer) -> QuerySet[ArcoRequest]:
    return scope(
        ArcoRequest.objects.select_related("subject", "campus"), viewer, Capability.MANAGE_PRIVACY
    )


def own_requests(person) -> QuerySet[ArcoRequest]:
    return ArcoRequest.objects.filter(subject=person).order_by("-received_on", "-id")


def blocks(viewer) -> QuerySet[PersonalDataBlock]:
    return scope(
        PersonalDataBlock.objects.select_related("person", "campus", "retention_class"),
        viewer,
        Capability.MANAGE_PRIVACY,
    )


def retention_classes() -> QuerySet[RetentionClass]:
    return RetentionClass.objects.all()


def find_subject(viewer, term: str):
    """A student the viewer may register a request for, by matrícula or user name."""
    term = (term or "").strip()
    if not term:
        return None
    profile = (
        reachable_students(viewer, Capability.MANAGE_PRIVACY)
        .filter(Q(matricula__iexact=term) | Q(user__username__iexact=term))
        .first()
    )
    return profile.user if profile else None
