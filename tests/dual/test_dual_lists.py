"""Dual list pages come in pages (the project's pagination) and cost the same number of
queries for one row as for ten; notices are marked read through their service."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from impulsa.dual.models import Company, Incident, Notice, Placement, Visit
from impulsa.dual.services.notices import mark_notices_read
from impulsa.dual.views.common import PAGE_SIZE
from impulsa.org.roles import Role
from tests.dual.builders import make_rfc, person

pytestmark = pytest.mark.django_db

LISTS = ("dual:placements", "dual:incidents", "dual:visits", "dual:companies", "dual:notices")


def _more_rows(world, dual, count: int) -> None:
    """`count` more rows in every list alice reads, as many students, companies, visits,
    incidents and notices of her campus would make them."""
    campus, today = world.campus_a1, timezone.localdate()
    for n in range(count):
        student = person(f"26149{n:03d}", campus, Role.STUDENT)
        company = Company.objects.create(
            campus=campus, legal_name=f"Taller {n}", rfc=make_rfc(100 + n), sector="services",
            size="micro", address="Calle 1", contact_name="Eva", contact_email="e@t.mx",
        )  # fmt: skip
        placement = Placement.objects.create(
            campus=campus, student=student, company=company, tutor=dual.tutor,
            starts_on=today, ends_on=today + datetime.timedelta(days=90),
        )  # fmt: skip
        Visit.objects.create(campus=campus, placement=placement, tutor=dual.tutor,
                             scheduled_on=today)  # fmt: skip
        Incident.objects.create(
            campus=campus, placement=placement, kind="absence", severity="low",
            description="Faltó", reported_by=dual.tutor, due_at=timezone.now(),
        )  # fmt: skip
        Notice.objects.create(user=world.alice, campus=campus, text=f"Aviso dual {n}")


def _queries(client, name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name)).status_code == 200, name
    return len(queries)


def test_list_queries_do_not_grow_with_rows(login, world, dual):
    Notice.objects.create(user=world.alice, campus=world.campus_a1, text="Primer aviso")
    client = login(world.alice)

    def measured():
        # A first visit refills what new memberships invalidate (the user's grants);
        # the second is what every later visit costs.
        for name in LISTS:
            _queries(client, name)
        return {name: _queries(client, name) for name in LISTS}

    with_one = measured()
    _more_rows(world, dual, 9)
    with_ten = measured()
    assert with_ten == with_one


def test_lists_come_in_pages(login, world, dual):
    campus = world.campus_a1
    Notice.objects.bulk_create(
        [
            Notice(user=world.alice, campus=campus, text=f"Aviso dual {n}")
            for n in range(PAGE_SIZE + 3)
        ]
    )
    client = login(world.alice)
    first = client.get(reverse("dual:notices")).content.decode()
    assert first.count("Aviso dual ") == PAGE_SIZE
    assert "Página 1 de 2" in first and 'rel="next"' in first
    second = client.get(reverse("dual:notices"), {"page": 2}).content.decode()
    assert "Página 2 de 2" in second
    assert second.count("Aviso dual ") >= 3
    _more_rows(world, dual, 2)
    filtered = client.get(reverse("dual:placements"), {"estado": "proposed", "page": 1})
    assert filtered.context["page"].paginator.count == 2


def test_marking_notices_read_touches_only_the_readers(login, world, dual):
    mine = Notice.objects.create(user=world.alice, campus=world.campus_a1, text="Tuyo")
    theirs = Notice.objects.create(user=world.bob, campus=world.campus_a2, text="De Bob")
    client = login(world.alice)
    page = client.get(reverse("dual:notices")).content.decode()
    assert "Marcar todos como leídos" in page
    mine.refresh_from_db()
    assert mine.read_at is None  # reading the page writes nothing
    assert client.post(reverse("dual:notices")).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    assert "Marcar todos como leídos" not in client.get(reverse("dual:notices")).content.decode()
    assert mark_notices_read(actor=world.alice) == 0
    assert mark_notices_read(actor=world.bob) == 1
