"""Figures for dual dashboards (campus, state, national) and reports: coverage of the
plan's competencies, logbook compliance, visits planned vs done, incidents by age and
severity, positions and fill rate. Every figure is computed from querysets the caller
has already narrowed through the selectors, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.dual.models import (
    CompanyStatus,
    Evaluation,
    IncidentStatus,
    LogbookStatus,
    Placement,
    PlacementStatus,
    Severity,
)
from impulsa.dual.services.logbook import missing_weeks


@dataclass(frozen=True)
class Coverage:
    planned: list
    achieved: list

    @property
    def missing(self) -> list:
        done = {s.pk for s in self.achieved}
        return [s for s in self.planned if s.pk not in done]

    @property
    def percent(self) -> int:
        return round(100 * len(self.achieved) / len(self.planned)) if self.planned else 0


def coverage(placement: Placement) -> Coverage:
    """Competencies the plan promises (its positions') against those evaluated as achieved."""
    from impulsa.learning.api import Skill

    planned = list(
        Skill.objects.filter(pk__in=placement.stations.values("position__competencies"))
        .distinct()
        .order_by("name")
    )
    achieved_ids = set(
        Evaluation.objects.filter(placement=placement).values_list("achieved", flat=True)
    )
    return Coverage(planned, [s for s in planned if s.pk in achieved_ids])


def missing_for(placement: Placement) -> list[datetime.date]:
    if placement.status != PlacementStatus.ACTIVE:
        return []
    written = set(placement.logbook.values_list("week_start", flat=True))
    return missing_weeks(placement, timezone.localdate(), written)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int


def bars(pairs) -> list[Bar]:
    top = max((v for _, v in pairs), default=0) or 1
    return [Bar(str(label), value, round(100 * value / top)) for label, value in pairs]


def dashboard(*, companies, positions, placements, logbook, visits, incidents) -> dict:
    """The dashboard's figures from the viewer's scoped querysets."""
    today = timezone.localdate()
    return {
        **_placement_figures(companies, positions, placements, today),
        **_visit_figures(visits, today),
        **_incident_figures(incidents),
        **_logbook_figures(logbook, placements, today),
    }


def _placement_figures(companies, positions, placements, today) -> dict:
    by_status = dict(placements.values_list("status").annotate(n=Count("id")).order_by())
    seats = positions.filter(is_active=True).aggregate(n=Count("id"), seats=Sum("capacity"))
    filled = (
        placements.filter(status=PlacementStatus.ACTIVE, stations__starts_on__lte=today,
                          stations__ends_on__gte=today).values("pk").distinct().count()
    )  # fmt: skip
    return {
        "students": by_status.get(PlacementStatus.ACTIVE, 0),
        "placements_by_status": bars(
            [(label, by_status.get(value, 0)) for value, label in PlacementStatus.choices]
        ),
        "companies": companies.filter(status=CompanyStatus.APPROVED).count(),
        "pending_companies": companies.filter(status=CompanyStatus.PENDING).count(),
        "positions": seats["n"] or 0,
        "seats": seats["seats"] or 0,
        "filled": filled,
        "fill_rate": round(100 * filled / seats["seats"]) if seats["seats"] else 0,
    }


def _visit_figures(visits, today) -> dict:
    counts = visits.aggregate(
        planned=Count("id"),
        done=Count("id", filter=Q(done_on__isnull=False)),
        overdue=Count("id", filter=Q(done_on__isnull=True, scheduled_on__lt=today)),
    )
    return {
        "visits": counts,
        "visits_bars": bars(
            [
                (_("Programadas"), counts["planned"]),
                (_("Hechas"), counts["done"]),
                (_("Vencidas"), counts["overdue"]),
            ]
        ),
    }


def _incident_figures(incidents) -> dict:
    now = timezone.now()
    week, month = now - datetime.timedelta(days=7), now - datetime.timedelta(days=30)
    open_incidents = incidents.filter(status=IncidentStatus.OPEN)
    ages = open_incidents.aggregate(
        week=Count("id", filter=Q(created_at__gte=week)),
        month=Count("id", filter=Q(created_at__lt=week, created_at__gte=month)),
        older=Count("id", filter=Q(created_at__lt=month)),
        overdue=Count("id", filter=Q(due_at__lt=now)),
        escalated=Count("id", filter=Q(escalation_level__gt=0)),
    )
    severity = dict(open_incidents.values_list("severity").annotate(n=Count("id")).order_by())
    return {
        "incidents_open": open_incidents.count(),
        "incident_ages": ages,
        "age_bars": bars(
            [
                (_("Menos de 7 días"), ages["week"]),
                (_("7 a 30 días"), ages["month"]),
                (_("Más de 30 días"), ages["older"]),
            ]
        ),
        "severity_bars": bars(
            [(label, severity.get(value, 0)) for value, label in Severity.choices]
        ),
    }


def _logbook_figures(logbook, placements, today) -> dict:
    logs = logbook.aggregate(
        total=Count("id"),
        accepted=Count("id", filter=Q(status=LogbookStatus.ACCEPTED)),
        returned=Count("id", filter=Q(status=LogbookStatus.RETURNED)),
        pending=Count("id", filter=Q(status=LogbookStatus.SUBMITTED)),
    )
    expected = _expected_weeks(placements.filter(status=PlacementStatus.ACTIVE), today)
    compliance = round(100 * min(logs["total"], expected) / expected) if expected else 100
    return {"logbook": logs, "expected_weeks": expected, "compliance": compliance}


def _expected_weeks(active, today) -> int:
    """Finished weeks of the active stays (each one should have a logbook)."""
    last_sunday = today - datetime.timedelta(days=today.weekday() + 1)
    total = 0
    for starts_on, ends_on in active.values_list("starts_on", "ends_on"):
        end = min(ends_on, last_sunday)
        first = starts_on - datetime.timedelta(days=starts_on.weekday())
        total += max(0, ((end - first).days + 1) // 7)
    return total
