"""What each dual role finds first: the student (this week's logbook, current station,
its content), the instructor (logbooks to review, students on site), the tutor (students,
visits due, open incidents), campus dual staff (indicators)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.home_panels import Figure
from impulsa.dual import reports, selectors
from impulsa.dual.models import CompanyStatus, IncidentStatus, LogbookStatus, PlacementStatus
from impulsa.dual.services.logbook import monday
from impulsa.org.api import Capability, Role, grants, has_anywhere


def _student(user, today) -> dict | None:
    placement = (
        selectors.placements(user)
        .filter(student=user, status=PlacementStatus.ACTIVE)
        .select_related("company")
        .first()
    )
    if placement is None:
        return None
    station = (
        placement.stations.filter(starts_on__lte=today, ends_on__gte=today)
        .select_related("position")
        .first()
    )
    skills = list(station.position.competencies.select_related("course")) if station else []
    content = selectors.station_content(user, skills) if skills else []
    this_week = placement.logbook.filter(week_start=monday(today)).first()
    return {
        "placement": placement,
        "station": station,
        "content": content,
        "this_week": this_week,
        "missing": reports.missing_for(placement),
    }


def _instructor(user, today) -> dict:
    mine = selectors.placements(user).filter(company__instructors=user)
    return {
        "to_review": selectors.logbook(user)
        .filter(placement__company__instructors=user, status=LogbookStatus.SUBMITTED)
        .count(),
        "on_site": list(mine.filter(status=PlacementStatus.ACTIVE)[:50]),
    }


def _tutor(user, today) -> dict:
    return {
        "students": list(selectors.placements(user).filter(tutor=user)[:100]),
        "visits_due": list(
            selectors.visits(user).filter(placement__tutor=user, done_on__isnull=True)[:20]
        ),
        "today": today,
        "open_incidents": list(
            selectors.incidents(user).filter(placement__tutor=user, status=IncidentStatus.OPEN)[:20]
        ),
    }


def home_context(user) -> dict:
    roles = {g.role for g in grants(user)}
    today = timezone.localdate()
    return {
        "student": _student(user, today) if Role.STUDENT in roles else None,
        "instructor": _instructor(user, today) if Role.COMPANY_INSTRUCTOR in roles else None,
        "tutor": _tutor(user, today) if Role.DUAL_TUTOR in roles else None,
        "staff": has_anywhere(user, Capability.VIEW_DUAL),
        "manages": has_anywhere(user, Capability.MANAGE_DUAL),
    }


def node_figures(user, node) -> list[Figure]:
    """A director's dual counts for `node` and below, as far as the access rule lets
    `user` read them (three counts)."""
    below = {"campus__path__startswith": node.path}
    placed = selectors.placements(user).filter(**below, status=PlacementStatus.ACTIVE)
    companies = selectors.companies(user).filter(**below, status=CompanyStatus.APPROVED)
    incidents = selectors.incidents(user).filter(**below, status=IncidentStatus.OPEN)
    return [
        Figure(_("Alumnos en dual"), placed.count()),
        Figure(_("Empresas activas"), companies.count()),
        Figure(_("Incidencias dual abiertas"), incidents.count()),
    ]
