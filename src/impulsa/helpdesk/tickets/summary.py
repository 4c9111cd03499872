"""The queue's summary for support: open tickets by SLA state (a bar chart) and the
requesters' satisfaction over the last 30 days, from the viewer's scoped tickets."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.helpdesk.models import Satisfaction
from impulsa.helpdesk.sla.rules import State

STATE_LABELS = [
    (State.BREACHED, lambda: _("Vencidas")),
    (State.MISSED, lambda: _("Fuera de plazo")),
    (State.WARNING, lambda: _("Por vencer")),
    (State.RUNNING, lambda: _("En plazo")),
    (State.PAUSED, lambda: _("En pausa")),
]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int


def summary(open_tickets, handled_ids) -> dict:
    counts = {
        row["sla_state"]: row["n"]
        for row in open_tickets.order_by().values("sla_state").annotate(n=Count("pk"))
    }
    pairs = [(label(), counts.get(state, 0)) for state, label in STATE_LABELS]
    top = max((v for _l, v in pairs), default=0) or 1
    since = timezone.now() - datetime.timedelta(days=30)
    csat = Satisfaction.objects.filter(
        ticket__institution__in=handled_ids, created_at__gte=since
    ).aggregate(average=Avg("rating"), count=Count("pk"))
    return {
        "bars": [Bar(label, value, round(100 * value / top)) for label, value in pairs],
        "csat_average": csat["average"],
        "csat_count": csat["count"],
    }
