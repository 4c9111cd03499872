"""Legal deadlines in business days: weekends, Mexican public holidays and days the
institution declared non-working are skipped."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from impulsa.ops.privacy.calendar import add_business_days, business_days_between, is_business_day


def test_twenty_business_days_skip_weekends_and_benito_juarez_day():
    # Received Tuesday 10 March 2026; Monday 16 March is a public holiday.
    received = datetime.date(2026, 3, 10)
    due = add_business_days(received, 20)
    assert due == datetime.date(2026, 4, 8)
    assert not is_business_day(datetime.date(2026, 3, 16))


def test_a_request_received_on_friday_starts_counting_on_monday():
    assert add_business_days(datetime.date(2026, 6, 5), 1) == datetime.date(2026, 6, 8)


def test_declared_non_working_days_are_skipped(settings):
    settings.PRIVACY_NON_WORKING_DAYS = ["2026-04-02", "2026-04-03"]  # Holy Thursday, Friday
    assert add_business_days(datetime.date(2026, 4, 1), 1) == datetime.date(2026, 4, 6)


def test_christmas_and_new_year_are_not_business_days():
    assert not is_business_day(datetime.date(2026, 12, 25))
    assert not is_business_day(datetime.date(2027, 1, 1))


@given(
    start=st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 31)),
    days=st.integers(min_value=1, max_value=40),
)
def test_adding_then_counting_business_days_agree(start, days):
    due = add_business_days(start, days)
    assert is_business_day(due)
    assert business_days_between(start, due) == days
    assert business_days_between(due, start) == -days
