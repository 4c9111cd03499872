"""Legal deadlines in business days (días hábiles) in Mexico City.

LGPDPPSO deadlines count business days: the law applies the Ley Federal de
Procedimiento Administrativo in what it does not settle (Art. 9), and that law counts
days as business days (LFPA Art. 28). A business day is Monday to Friday, not a
Mexican public holiday (the `holidays` package, kept current upstream, so a holiday
moved by decree needs no code change) and not a day the institution declared
non-working (PRIVACY_NON_WORKING_DAYS: the transparency unit publishes its calendar of
suspended days each year, e.g. Holy Week and the winter break).
"""

import datetime
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone


@cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("MX", years=year))


def _declared() -> frozenset[datetime.date]:
    return frozenset(
        datetime.date.fromisoformat(day) for day in settings.PRIVACY_NON_WORKING_DAYS if day
    )


def is_business_day(day: datetime.date, declared: frozenset[datetime.date] | None = None) -> bool:
    declared = _declared() if declared is None else declared
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in declared


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` business days after `start`, counting from the next day (the
    law's "a partir del día siguiente")."""
    declared = _declared()
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day, declared):
            left -= 1
    return day


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """Business days after `start` up to and including `end` (negative when `end` is
    before `start`): what is left before a deadline."""
    if end < start:
        return -business_days_between(end, start)
    declared = _declared()
    return sum(
        is_business_day(start + datetime.timedelta(days=n), declared)
        for n in range(1, (end - start).days + 1)
    )


def today() -> datetime.date:
    return timezone.localdate()
