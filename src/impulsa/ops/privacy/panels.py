"""The home panel of campus, state and national administrators: ARCO requests in
their scope that wait for an answer, those close to their legal deadline and those
past it (one query)."""

from django.db.models import Count, Q

from impulsa.ops.privacy import selectors
from impulsa.ops.privacy.calendar import add_business_days, today
from impulsa.ops.privacy.models import ArcoStatus
from impulsa.org.api import Capability, has_anywhere

SOON_DAYS = 5
_WAITING = (ArcoStatus.RECEIVED, ArcoStatus.VERIFIED)


def staff_panel(request):
    user = request.user
    if not has_anywhere(user, Capability.MANAGE_PRIVACY):
        return None
    now = today()
    soon = add_business_days(now, SOON_DAYS)
    waiting = Q(status__in=_WAITING)
    counts = (
        selectors.requests(user)
        .filter(status__in=(*_WAITING, ArcoStatus.GRANTED))
        .aggregate(
            waiting=Count("id", filter=waiting),
            soon=Count("id", filter=waiting & Q(due_on__gte=now, due_on__lte=soon)),
            overdue=Count("id", filter=waiting & Q(due_on__lt=now)),
            to_effect=Count("id", filter=Q(status=ArcoStatus.GRANTED)),
        )
    )
    return counts
