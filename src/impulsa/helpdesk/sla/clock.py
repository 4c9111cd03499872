"""Business time: seconds that count between two instants, and the instant a number of
counted seconds after another, under one calendar (Monday to Friday between its hours,
America/Mexico_City, Mexico's federal holidays from the `holidays` package off).

Walks day by day; both functions are bounded (MAX_DAYS) so a bad input cannot spin."""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

MEXICO_CITY = ZoneInfo("America/Mexico_City")
MAX_DAYS = 3 * 366


@lru_cache(maxsize=32)
def federal_holidays(year: int) -> dict:
    """{date: Spanish name} of Mexico's federal (statutory) holidays of `year`."""
    return dict(holidays.country_holidays("MX", years=year, language="es"))


@dataclass(frozen=True)
class Hours:
    opens: datetime.time
    closes: datetime.time
    federal_holidays: bool = True

    def is_working_day(self, day: datetime.date) -> bool:
        if day.weekday() >= 5:
            return False
        return not (self.federal_holidays and day in federal_holidays(day.year))

    def window(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        if not self.is_working_day(day):
            return None
        return (
            datetime.datetime.combine(day, self.opens, MEXICO_CITY),
            datetime.datetime.combine(day, self.closes, MEXICO_CITY),
        )


def business_seconds(hours: Hours, start: datetime.datetime, end: datetime.datetime) -> int:
    """Counted seconds between `start` and `end` (0 if end is not after start)."""
    if end <= start:
        return 0
    total, day = 0, start.astimezone(MEXICO_CITY).date()
    last = end.astimezone(MEXICO_CITY).date()
    for _ in range(MAX_DAYS):
        if day > last:
            break
        window = hours.window(day)
        if window:
            low, high = max(window[0], start), min(window[1], end)
            if high > low:
                total += int((high - low).total_seconds())
        day += datetime.timedelta(days=1)
    return total


def add_business_seconds(hours: Hours, start: datetime.datetime, seconds: int):
    """The instant when `seconds` counted seconds have passed since `start` (None past
    MAX_DAYS, which only a calendar with no working day would reach)."""
    remaining, day = max(seconds, 0), start.astimezone(MEXICO_CITY).date()
    for _ in range(MAX_DAYS):
        window = hours.window(day)
        if window and window[1] > start:
            low = max(window[0], start)
            available = int((window[1] - low).total_seconds())
            if remaining <= available:
                return low + datetime.timedelta(seconds=remaining)
            remaining -= available
        day += datetime.timedelta(days=1)
    return None
