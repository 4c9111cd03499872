"""Dual pages render for each role, lists in a fixed number of queries, and the
downloads are attachments."""

import pytest
from django.urls import reverse

from impulsa.dual.models import Company
from tests.dual.builders import make_rfc, png

pytestmark = pytest.mark.django_db


def test_company_registers_itself_and_the_campus_approves(client, login, world):
    response = client.post(
        reverse("dual:company_register"),
        {"campus": world.campus_a1.pk, "legal_name": "Talleres Mezquitán", "rfc": make_rfc(9),
         "sector": "industry", "size": "small", "address": "Calle 5", "contact_name": "Eva",
         "contact_email": "eva@talleres.mx"},
    )  # fmt: skip
    assert response.status_code == 302
    company = Company.objects.get(legal_name="Talleres Mezquitán")
    assert company.status == "pending" and company.self_registered
    client = login(world.alice)
    client.post(reverse("dual:company_decide", args=[company.pk]), {"decision": "approve"})
    company.refresh_from_db()
    assert company.status == "approved"


def test_bad_rfc_shows_a_spanish_error(client, world):
    response = client.post(
        reverse("dual:company_register"),
        {"campus": world.campus_a1.pk, "legal_name": "X", "rfc": "123", "sector": "industry",
         "size": "small", "address": "C", "contact_name": "E", "contact_email": "e@x.mx"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "formato válido" in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "instructor", "tutor", "student_a1", "state_admin_a"])
def test_role_pages_render(login, world, dual, who):
    user = getattr(dual, who, None) or getattr(world, who)
    client = login(user)
    for name in ("dual:home", "dual:placements", "dual:visits", "dual:incidents", "home"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("dual:placement", args=[dual.placement.pk])).status_code == 200


def test_dashboard_xlsx_and_pdfs_are_attachments(login, world, dual):
    client = login(world.alice)
    page = client.get(reverse("dual:dashboard"))
    assert page.status_code == 200 and b"<svg" in page.content
    for url in (
        reverse("dual:dashboard_xlsx"),
        reverse("dual:record_pdf", args=[dual.placement.pk]),
        reverse("dual:company_report", args=[dual.company.pk]),
        reverse("dual:agreement_file", args=[dual.framework.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment"), url


def test_student_writes_a_logbook_with_a_photo(login, world, dual):
    client = login(world.student_a1)
    week = dual.entry.week_start.replace() + __import__("datetime").timedelta(weeks=1)
    response = client.post(
        reverse("dual:logbook"),
        {"week_start": week.isoformat(), "activities": "Configuré routers", "hours": "35",
         "files": [png("router.png")]},
    )  # fmt: skip
    assert response.status_code == 302
    assert dual.placement.logbook.filter(week_start=week).get().files.count() == 1


def test_placement_list_queries_do_not_grow_with_rows(
    login, world, dual, django_assert_max_num_queries
):
    client = login(world.alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dual:placements")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dual:incidents")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("dual:visits")).status_code == 200
