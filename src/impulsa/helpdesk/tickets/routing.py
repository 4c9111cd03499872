"""Who gets a new ticket: the support agents of its campus and state college first,
then the national office; among them the one with the fewest open tickets."""

from django.db.models import Count, Q

from impulsa.accounts.api import User
from impulsa.helpdesk.models import TicketStatus, Tier
from impulsa.org.api import Institution, Kind, Role


def _agents_at(institution_ids) -> list:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.SUPPORT_AGENT,
            memberships__institution__in=institution_ids,
            memberships__institution__is_active=True,
        )
        .annotate(
            load=Count(
                "assigned_help_tickets",
                filter=~Q(assigned_help_tickets__status=TicketStatus.CLOSED),
                distinct=True,
            )
        )
        .order_by("load", "pk")
        .distinct()
    )


def tiers(institution: Institution) -> list[tuple[str, list[int]]]:
    """The tiers a ticket of `institution` climbs, each with the institutions whose
    agents take it: its own node and state college, then the national office."""
    ancestors = {
        i.pk: i for i in Institution.objects.filter(pk__in=institution.ancestor_ids).only("kind")
    }
    national = [pk for pk, i in ancestors.items() if i.kind == Kind.NATIONAL]
    local = [pk for pk, i in ancestors.items() if i.kind != Kind.NATIONAL]
    return [(Tier.STATE, local), (Tier.NATIONAL, national)]


def choose_agent(institution: Institution, *, from_tier: str = Tier.STATE):
    """(agent, tier) for a ticket of `institution`, starting at `from_tier`; (None,
    tier) when nobody is there (it waits in the queue of whoever reaches it)."""
    climbing = False
    for tier, where in tiers(institution):
        climbing = climbing or tier == from_tier
        if not climbing or not where:
            continue
        agents = _agents_at(where)
        if agents:
            return agents[0], tier
    return None, from_tier


def is_agent_for(user, institution: Institution) -> bool:
    """A support agent whose role reaches `institution` (who may be assigned its ticket)."""
    return User.objects.filter(
        pk=user.pk,
        is_active=True,
        memberships__role=Role.SUPPORT_AGENT,
        memberships__institution__in=institution.ancestor_ids,
    ).exists()
