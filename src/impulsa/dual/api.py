"""What other apps may use from dual (OEP-49). Nothing above dual reads it yet; analytics
will read its figures through these selectors, each narrowed by the access rule."""

from impulsa.dual.reports import dashboard as dashboard_figures
from impulsa.dual.selectors import companies as reachable_companies
from impulsa.dual.selectors import incidents as reachable_incidents
from impulsa.dual.selectors import placements as reachable_placements

__all__ = [
    "dashboard_figures",
    "reachable_companies",
    "reachable_incidents",
    "reachable_placements",
]
