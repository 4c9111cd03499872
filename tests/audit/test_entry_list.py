"""The audit log list: rows in plain Spanish, filters, pagination and a query bound."""

import datetime

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType

from impulsa.accounts.models import ImportJob
from impulsa.audit.models import AuditEntry
from impulsa.org.api import Career
from impulsa.org.services import create_career, save_period, update_career
from tests.audit.helpers import (
    entry_row,
    latest,
    listed_entry_ids,
    record_event,
    rename_career,
    stamp,
    table_rows,
)

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
URL = "/auditoria/"


def _listed(response) -> list[list[str]]:
    """Cells of the listed rows: when, who, what, object, institution, IP."""
    return [row["cells"] for row in table_rows(response) if len(row["cells"]) == 6][1:]


def _column(response, index: int) -> set[str]:
    return {cells[index] for cells in _listed(response)}


def test_campus_admin_sees_entries_newest_first(world, login):
    first = rename_career(world.alice, world.career_a1, "Informática y Redes")
    first_entry = latest(action=AuditEntry.Action.UPDATE, object_id=first.pk)
    second = rename_career(world.alice, world.career_a1, "Informática Aplicada")
    second_entry = latest(action=AuditEntry.Action.UPDATE, object_id=second.pk)

    response = login(world.alice).get(URL)

    assert response.status_code == 200
    ids = listed_entry_ids(response)
    assert ids.index(second_entry.pk) < ids.index(first_entry.pk)
    stamps = [entry.timestamp for entry in response.context["page"]]
    assert stamps == sorted(stamps, reverse=True)


def test_row_shows_local_time_person_event_object_institution_and_ip(world, login):
    client = login(world.alice)  # the log-in itself is recorded, from the client's address
    entry = latest(institution=world.campus_a1, action=AuditEntry.Action.ACCESS)
    # 18:30 UTC is 12:30 in Mexico City (UTC-6 all year since 2022).
    stamp(entry, datetime.datetime(2026, 3, 10, 18, 30, 5, tzinfo=UTC))

    cells = entry_row(client.get(URL), entry)

    when, who, what, obj, institution, ip = cells
    assert when.startswith("10/03/2026 12:30:05")
    assert who == f"{world.alice.get_full_name()} (alice)"
    assert what == "Inicio de sesión"
    assert obj == f"{world.alice.get_full_name()} | Usuario"
    assert institution == "Plantel Guadalajara I"
    assert ip == "127.0.0.1"


@pytest.mark.parametrize(
    ("event", "label"),
    [
        ("login", "Inicio de sesión"),
        ("login_failed", "Inicio de sesión fallido"),
        ("logout", "Cierre de sesión"),
        ("2fa_enabled", "Verificación en dos pasos activada"),
        ("2fa_failed", "Código de verificación incorrecto"),
    ],
)
def test_account_events_read_in_spanish(world, login, event, label):
    entry = record_event(world.alice, world.alice, event)
    cells = entry_row(login(world.alice).get(URL), entry)
    assert cells[2] == label


def test_student_import_reads_in_spanish(world, login):
    job = ImportJob.objects.create(
        institution=world.campus_a1,
        created_by=world.alice,
        original_name="alumnos_2026.csv",
        status=ImportJob.Status.DONE,
    )
    entry = record_event(world.alice, job, "student_import", created=3, updated=1)
    cells = entry_row(login(world.alice).get(URL), entry)
    assert cells[2] == "Importación de alumnos"
    assert cells[3] == "alumnos_2026.csv | Importación de alumnos"


def test_model_changes_read_as_alta_cambio_baja(world, login):
    with set_actor(world.alice):
        career = create_career(
            actor=world.alice, campus=world.campus_a1, code="MECA", name="Mecatrónica"
        )
        update_career(
            actor=world.alice,
            career=career,
            code="MECA",
            name="Mecatrónica Industrial",
            is_active=True,
        )
        career_id = career.pk
        career.delete()
    created, changed, deleted = (
        AuditEntry.objects.get(object_id=career_id, content_type__model="career", action=action)
        for action in (
            AuditEntry.Action.CREATE,
            AuditEntry.Action.UPDATE,
            AuditEntry.Action.DELETE,
        )
    )
    response = login(world.alice).get(URL)

    assert entry_row(response, created)[2] == "Alta"
    assert entry_row(response, changed)[2] == "Cambio | Nombre"
    assert entry_row(response, deleted)[2] == "Baja"
    assert entry_row(response, deleted)[3] == "Mecatrónica Industrial | Carrera"


def test_institution_filter_includes_institutions_below_and_offers_only_those_in_reach(
    world, login
):
    rename_career(world.state_admin_a, world.career_a1, "Informática A1")
    career_a2 = Career.objects.get(campus=world.campus_a2)
    rename_career(world.state_admin_a, career_a2, "Informática A2")
    client = login(world.state_admin_a)

    form = client.get(URL).context["form"]
    offered = {str(i.name) for i in form.fields["institution"].queryset}
    assert offered == {"CONALEP Jalisco", "Plantel Guadalajara I", "Plantel Zapopan"}

    only_a2 = client.get(URL, {"institution": world.campus_a2.pk})
    assert _column(only_a2, 4) == {"Plantel Zapopan"}

    whole_state = client.get(URL, {"institution": world.state_a.pk})
    assert {"Plantel Guadalajara I", "Plantel Zapopan"} <= _column(whole_state, 4)


def test_institution_filter_refuses_an_institution_out_of_reach(world, login):
    client = login(world.state_admin_a)
    response = client.get(URL, {"institution": world.campus_b1.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["institution"]
    assert "Plantel Toluca" not in response.content.decode()
    assert _column(response, 4) <= {"CONALEP Jalisco", "Plantel Guadalajara I", "Plantel Zapopan"}


def test_actor_filter_matches_username_and_names(world, login):
    rename_career(world.alice, world.career_a1, "Informática por Alice")
    career_a2 = Career.objects.get(campus=world.campus_a2)
    rename_career(world.state_admin_a, career_a2, "Informática por el estado")
    client = login(world.state_admin_a)
    alice_label = f"{world.alice.get_full_name()} (alice)"
    state_label = f"{world.state_admin_a.get_full_name()} (estatal_jal)"

    by_username = client.get(URL, {"actor": "ALICE"})
    assert _column(by_username, 1) == {alice_label}

    full_name = f"{world.state_admin_a.first_name} {world.state_admin_a.last_name}"
    by_name = client.get(URL, {"actor": full_name})
    assert _column(by_name, 1) == {state_label}


def test_action_filter_uses_the_users_words(world, login):
    rename_career(world.alice, world.career_a1, "Informática y Redes")
    client = login(world.alice)

    changes = _column(client.get(URL, {"action": "cambio"}), 2)
    assert "Cambio | Nombre" in changes
    assert all(label.startswith("Cambio") for label in changes)
    assert _column(client.get(URL, {"action": "alta"}), 2) == {"Alta"}
    assert "Inicio de sesión" in _column(client.get(URL, {"action": "acceso"}), 2)
    assert client.get(URL, {"action": "borrar"}).context["form"].errors["action"]


def test_object_type_filter_offers_only_types_present_in_reach(world, login):
    save_period(
        actor=world.national_admin,
        code="2027-1",
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 7, 15),
        is_current=False,
    )
    period_type = ContentType.objects.get(app_label="org", model="academicperiod")
    career_type = ContentType.objects.get(app_label="org", model="career")

    client = login(world.alice)
    offered = dict(client.get(URL).context["form"].fields["content_type"].choices)
    assert str(offered[str(career_type.pk)]) == "Carrera"
    # Periods are national (no institution): not among the campus admin's entries.
    assert str(period_type.pk) not in offered

    careers_only = client.get(URL, {"content_type": career_type.pk})
    objects = _column(careers_only, 3)
    assert objects and all(text.endswith("| Carrera") for text in objects)

    national = login(world.national_admin)
    offered = dict(national.get(URL).context["form"].fields["content_type"].choices)
    assert str(offered[str(period_type.pk)]) == "Periodo escolar"


def test_date_range_counts_days_in_mexico_city(world, login):
    late_evening = rename_career(world.alice, world.career_a1, "Tarde")
    evening_entry = stamp(
        latest(object_id=late_evening.pk, action=AuditEntry.Action.UPDATE),
        datetime.datetime(2026, 3, 11, 5, 30, tzinfo=UTC),  # 10 March, 23:30 local
    )
    after_midnight = rename_career(world.alice, world.career_a1, "Madrugada")
    midnight_entry = stamp(
        latest(object_id=after_midnight.pk, action=AuditEntry.Action.UPDATE),
        datetime.datetime(2026, 3, 11, 6, 30, tzinfo=UTC),  # 11 March, 00:30 local
    )
    client = login(world.alice)

    tenth = listed_entry_ids(client.get(URL, {"date_from": "2026-03-10", "date_to": "2026-03-10"}))
    assert evening_entry.pk in tenth
    assert midnight_entry.pk not in tenth

    eleventh = listed_entry_ids(
        client.get(URL, {"date_from": "2026-03-11", "date_to": "2026-03-11"})
    )
    assert midnight_entry.pk in eleventh
    assert evening_entry.pk not in eleventh


def test_reversed_date_range_is_explained_in_spanish(world, login):
    response = login(world.alice).get(URL, {"date_from": "2026-03-11", "date_to": "2026-03-01"})
    assert response.status_code == 200
    assert "La fecha final no puede ser anterior a la inicial." in response.content.decode()


def test_list_pages_by_50_with_bounded_queries_and_keeps_filters(
    world, login, django_assert_max_num_queries
):
    for number in range(60):
        rename_career(world.alice, world.career_a1, f"Informática {number}")
    client = login(world.alice)
    expected = AuditEntry.objects.filter(
        institution=world.campus_a1, action=AuditEntry.Action.UPDATE
    ).count()
    assert expected > 50

    with django_assert_max_num_queries(15):
        response = client.get(URL, {"action": "cambio"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == expected
    assert len(_listed(response)) == 50
    assert 'href="?action=cambio&amp;page=2"' in response.content.decode()
    second = client.get(URL, {"action": "cambio", "page": 2})
    assert len(second.context["page"]) == expected - 50
