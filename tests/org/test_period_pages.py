"""The national school calendar: read by staff, managed by the national administration."""

import datetime

import pytest

from impulsa.org.models import AcademicPeriod
from tests.factories import PeriodFactory

LIST = "/instituciones/periodos/"
CREATE = "/instituciones/periodos/nuevo/"


def edit_url(period):
    return f"/instituciones/periodos/{period.pk}/editar/"


@pytest.mark.parametrize("who", ["teacher_a1", "alice", "state_admin_a"])
def test_staff_read_the_calendar_without_edit_links(world, login, who):
    response = login(getattr(world, who)).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026-2" in html
    assert "vigente" in html
    assert CREATE not in html
    assert "/editar/" not in html


def test_student_cannot_open_the_calendar_page(world, login):
    assert login(world.student_a1).get(LIST).status_code == 403


def test_national_admin_creates_a_current_period_and_the_old_one_stops_being_current(world, login):
    client = login(world.national_admin)
    assert CREATE in client.get(LIST).content.decode()
    response = client.post(
        CREATE,
        {"code": "2027-1", "starts_on": "2027-02-01", "ends_on": "2027-07-09", "is_current": "on"},
    )
    assert response.status_code == 302
    assert list(AcademicPeriod.objects.filter(is_current=True).values_list("code", flat=True)) == [
        "2027-1"
    ]


def test_period_dates_in_the_wrong_order_show_the_error_on_the_end_date(world, login):
    response = login(world.national_admin).post(
        CREATE, {"code": "2027-1", "starts_on": "2027-07-01", "ends_on": "2027-02-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "El periodo debe terminar después de iniciar."
    ]
    assert not AcademicPeriod.objects.filter(code="2027-1").exists()


def test_bad_period_code_is_shown_on_the_code_field(world, login):
    response = login(world.national_admin).post(
        CREATE, {"code": "27-1", "starts_on": "2027-02-01", "ends_on": "2027-07-01"}
    )
    assert response.context["form"].errors["code"] == ["Usa el formato AAAA-1 o AAAA-2."]


def test_national_admin_edits_a_period(world, login):
    period = AcademicPeriod.objects.get(code="2026-2")
    client = login(world.national_admin)
    page = client.get(edit_url(period))
    assert 'value="2026-08-24"' in page.content.decode()
    response = client.post(
        edit_url(period),
        {"code": "2026-2", "starts_on": "2026-08-31", "ends_on": "2027-01-29", "is_current": "on"},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.starts_on == datetime.date(2026, 8, 31)


@pytest.mark.parametrize("who", ["state_admin_a", "alice", "teacher_a1"])
def test_only_the_national_administration_creates_or_edits_periods(world, login, who):
    period = AcademicPeriod.objects.get(code="2026-2")
    client = login(getattr(world, who))
    assert client.get(CREATE).status_code == 403
    assert client.get(edit_url(period)).status_code == 403
    data = {"code": "2026-2", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}
    assert client.post(edit_url(period), data).status_code == 403
    period.refresh_from_db()
    assert period.starts_on == datetime.date(2026, 8, 24)
    assert period.is_current


def test_period_list_query_count_is_bounded(world, login, django_assert_max_num_queries):
    for year in range(2000, 2025):
        PeriodFactory(
            code=f"{year}-1",
            is_current=False,
            starts_on=datetime.date(year, 2, 1),
            ends_on=datetime.date(year, 7, 1),
        )
    client = login(world.national_admin)
    with django_assert_max_num_queries(10) as captured:
        response = client.get(LIST)
    assert len(response.context["page"]) == 26
    # The count must not depend on the machine: without REDIS_URL the tests used to
    # keep sessions in the database, one more query per request.
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]
