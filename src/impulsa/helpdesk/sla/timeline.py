"""A ticket's SLA-relevant history, read off its event log: when it opened, the spans
its clock was paused (waiting for the requester), its first response and its closure.
Nothing here reads the ticket's stored SLA fields: they are derived from this."""

import datetime
from dataclasses import dataclass, field

from impulsa.helpdesk.models import TicketEvent

Kind = TicketEvent.Kind
PAUSE_ENDS = {Kind.RESUMED, Kind.CLOSED}


@dataclass
class Timeline:
    opened_at: datetime.datetime
    priority: str
    pauses: list[tuple[datetime.datetime, datetime.datetime | None]] = field(default_factory=list)
    first_response_at: datetime.datetime | None = None
    closed_at: datetime.datetime | None = None

    def running_spans(self, until: datetime.datetime):
        """The spans the clock ran between opening and `until` (pauses cut out)."""
        start = self.opened_at
        for paused, resumed in self.pauses:
            if paused >= until:
                break
            if paused > start:
                yield start, paused
            if resumed is None or resumed >= until:
                return
            start = max(start, resumed)
        if until > start:
            yield start, until

    def paused_at(self, moment: datetime.datetime) -> bool:
        return any(p <= moment and (r is None or moment < r) for p, r in self.pauses)


def timeline_of(ticket, events) -> Timeline:
    """`events`: the ticket's TicketEvent rows in order (at, id)."""
    timeline = Timeline(opened_at=ticket.created_at, priority=ticket.priority)
    for event in events:
        if event.kind == Kind.OPENED:
            timeline.opened_at = event.at
        elif event.kind == Kind.WAITING and not timeline.paused_at(event.at):
            timeline.pauses.append((event.at, None))
        elif event.kind in PAUSE_ENDS and timeline.pauses and timeline.pauses[-1][1] is None:
            timeline.pauses[-1] = (timeline.pauses[-1][0], event.at)
        if event.kind == Kind.REPLIED and timeline.first_response_at is None:
            timeline.first_response_at = event.at
        if event.kind == Kind.CLOSED:
            timeline.closed_at = event.at
    return timeline
