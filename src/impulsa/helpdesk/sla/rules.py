"""SLA rules as small objects (DESIGN, "rules as small objects"): each rule answers one
question — when its clock stops and how many business seconds it allows — and the
manager evaluates them all against a ticket's timeline and calendar. Adding a rule is
adding a class to RULES."""

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from impulsa.helpdesk.models import Priority
from impulsa.helpdesk.sla.clock import Hours, add_business_seconds, business_seconds
from impulsa.helpdesk.sla.timeline import Timeline

HOUR = 3600
# Past this share of its time a running rule warns (the beat task tells the agent).
WARNING_SHARE = 0.75


class State:
    MET = "met"
    MISSED = "missed"  # stopped, but late
    RUNNING = "running"
    WARNING = "warning"
    BREACHED = "breached"
    PAUSED = "paused"


# Worst first: the ticket's state is its worst rule's.
SEVERITY = [State.BREACHED, State.MISSED, State.WARNING, State.RUNNING, State.PAUSED, State.MET]


@dataclass(frozen=True)
class RuleStatus:
    key: str
    label: str
    state: str
    target: int  # business seconds allowed
    elapsed: int  # business seconds used so far (pauses excluded)
    due_at: datetime.datetime | None  # None when stopped or paused
    stopped_at: datetime.datetime | None


class SlaRule(ABC):
    key: str
    label: str

    @abstractmethod
    def target(self, timeline: Timeline) -> int:
        """Business seconds allowed."""

    @abstractmethod
    def stopped_at(self, timeline: Timeline) -> datetime.datetime | None:
        """When the clock of this rule stopped (None: still running)."""

    def evaluate(self, timeline: Timeline, hours: Hours, now: datetime.datetime) -> RuleStatus:
        target, stop = self.target(timeline), self.stopped_at(timeline)
        spans = list(timeline.running_spans(stop or now))
        elapsed = sum(business_seconds(hours, a, b) for a, b in spans)
        due_at = None
        if stop is not None:
            state = State.MET if elapsed <= target else State.MISSED
        elif timeline.paused_at(now):
            state = State.PAUSED
        else:
            before_last = sum(business_seconds(hours, a, b) for a, b in spans[:-1])
            last_start = spans[-1][0] if spans else now
            due_at = add_business_seconds(hours, last_start, target - before_last)
            if elapsed > target:
                state = State.BREACHED
            elif elapsed >= target * WARNING_SHARE:
                state = State.WARNING
            else:
                state = State.RUNNING
        return RuleStatus(self.key, str(self.label), state, target, elapsed, due_at, stop)


class FirstResponseRule(SlaRule):
    """Support answers the requester within 8 business hours."""

    key = "first_response"
    label = _("Primera respuesta")

    def target(self, timeline):
        return 8 * HOUR

    def stopped_at(self, timeline):
        return timeline.first_response_at


class ResolutionRule(SlaRule):
    """The ticket is closed within a time set by its priority (paused while waiting)."""

    key = "resolution"
    label = _("Resolución")
    HOURS = {Priority.URGENT: 8, Priority.HIGH: 24, Priority.NORMAL: 40, Priority.LOW: 80}

    def target(self, timeline):
        return self.HOURS.get(timeline.priority, 40) * HOUR

    def stopped_at(self, timeline):
        return timeline.closed_at


class SlaManager:
    def __init__(self, rules: list[SlaRule]):
        self.rules = rules

    def evaluate(self, timeline: Timeline, hours: Hours, now) -> list[RuleStatus]:
        return [rule.evaluate(timeline, hours, now) for rule in self.rules]

    @staticmethod
    def overall(statuses: list[RuleStatus]) -> str:
        return min((s.state for s in statuses), key=SEVERITY.index, default=State.MET)


MANAGER = SlaManager([FirstResponseRule(), ResolutionRule()])
