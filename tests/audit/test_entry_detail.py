"""One audit entry: the changes field by field, personal data masked, event data."""

import datetime
import re

import pytest
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from impulsa.accounts.models import ImportJob, User
from impulsa.audit.models import AuditEntry
from impulsa.org.api import Group
from impulsa.org.services import create_career, update_group
from tests.audit.helpers import latest, record_event, rename_career, table_rows
from tests.factories import PASSWORD, make_curp

pytestmark = pytest.mark.django_db
MASK = "••••••"


def _url(entry) -> str:
    return f"/auditoria/{entry.pk}/"


PROTECTED = " dato personal protegido"


def _change_rows(response) -> dict[str, tuple[str, str]]:
    """Field -> (antes, después) from the changes table; a field marked as protected
    personal data gets a trailing "*"."""
    rows = [row["cells"] for row in table_rows(response) if len(row["cells"]) == 3]
    assert rows[0] == ["Campo", "Antes", "Después"]
    return {field.replace(PROTECTED, "*"): (before, after) for field, before, after in rows[1:]}


def test_detail_shows_each_changed_field_before_and_after(world, login):
    rename_career(world.alice, world.career_a1, "Informática y Redes")
    entry = latest(action=AuditEntry.Action.UPDATE, object_id=world.career_a1.pk)

    response = login(world.alice).get(_url(entry))

    assert response.status_code == 200
    assert _change_rows(response) == {"Nombre": ("Informática", "Informática y Redes")}
    body = response.content.decode()
    assert "Cambio: Informática y Redes" in body
    assert "Plantel Guadalajara I" in body


def test_detail_names_choices_and_related_objects(world, login):
    group = world.group_a1
    with set_actor(world.alice):
        update_group(
            actor=world.alice,
            group=group,
            period=group.period,
            name=group.name,
            semester=group.semester,
            shift=Group.Shift.AFTERNOON,
            career=None,
        )
    entry = latest(action=AuditEntry.Action.UPDATE, object_id=group.pk, content_type__model="group")

    changes = _change_rows(login(world.alice).get(_url(entry)))

    assert changes["Turno"] == ("Matutino", "Vespertino")
    assert changes["Carrera"] == ("Informática", "(vacío)")


def _change_personal_data(actor, person: User) -> dict[str, str]:
    values = {
        "curp": make_curp(4242, sex="M", state="DF"),
        "phone": "33 1234 5678",
        "address": "Av. Juárez 976, Col. Centro, Guadalajara",
        "birth_date": datetime.date(2009, 5, 4),
    }
    with set_actor(actor):
        for field, value in values.items():
            setattr(person, field, value)
        person.save()
    return {k: str(v) for k, v in values.items()}


def test_personal_data_changes_are_masked_on_the_page(world, login):
    student = world.student_a1
    old_curp = student.curp
    new_values = _change_personal_data(world.alice, student)
    entry = latest(
        action=AuditEntry.Action.UPDATE, object_id=student.pk, content_type__model="user"
    )

    response = login(world.alice).get(_url(entry))

    changes = _change_rows(response)
    assert changes == {
        "CURP*": (MASK, MASK),
        "Teléfono*": ("(vacío)", MASK),
        "Domicilio*": ("(vacío)", MASK),
        "Fecha de nacimiento*": ("(vacío)", MASK),
    }
    body = response.content.decode()
    for secret in [old_curp, *new_values.values(), "2009", "Juárez"]:
        assert secret not in body


def test_audit_table_never_holds_personal_data_in_clear(world):
    student = world.student_a1
    old_curp = student.curp
    new_values = _change_personal_data(world.alice, student)
    # "Juárez 976", not "Juárez": a factory person may well be called Juárez.
    secrets = [old_curp, *new_values.values(), "2009-05-04", "Juárez 976", student.curp_hash]
    secrets += [u.curp for u in User.objects.filter(curp__isnull=False)]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(changes::text, '') || coalesce(changes_text, '') "
            "|| coalesce(serialized_data::text, '') || coalesce(additional_data::text, '') "
            "|| object_repr FROM audit_auditentry"
        )
        stored = "\n".join(row[0] for row in cursor.fetchall())

    assert MASK in stored
    for secret in secrets:
        assert secret not in stored


def test_log_in_detail_shows_address_and_correlation_id(world, client, login):
    client.post(
        "/cuenta/entrar/",
        {"username": world.teacher_a1.username, "password": PASSWORD},
        HTTP_X_CORRELATION_ID="req-7f3a9c",
    )
    entry = latest(action=AuditEntry.Action.ACCESS, object_id=world.teacher_a1.pk)

    response = login(world.alice).get(_url(entry))

    body = response.content.decode()
    assert "Inicio de sesión" in body
    assert "<code>req-7f3a9c</code>" in body
    assert "127.0.0.1" in body
    assert "Este registro no guarda cambios de campos." in body


def test_import_detail_lists_its_counts(world, login):
    job = ImportJob.objects.create(
        institution=world.campus_a1,
        created_by=world.alice,
        original_name="alumnos_2026.csv",
        status=ImportJob.Status.DONE,
    )
    entry = record_event(world.alice, job, "student_import", created=12, updated=3)

    body = login(world.alice).get(_url(entry)).content.decode()

    assert "Importación de alumnos: alumnos_2026.csv" in body
    assert '<dt class="col-sm-4">Altas</dt><dd class="col-sm-8">12</dd>' in body
    assert '<dt class="col-sm-4">Actualizaciones</dt><dd class="col-sm-8">3</dd>' in body


def test_detail_of_a_deleted_related_object_says_so(world, login):
    with set_actor(world.alice):
        career = create_career(
            actor=world.alice, campus=world.campus_a1, code="ELEC", name="Electrónica"
        )
        group = world.group_a1
        update_group(
            actor=world.alice,
            group=group,
            period=group.period,
            name=group.name,
            semester=group.semester,
            shift=group.shift,
            career=career,
        )
        update_group(
            actor=world.alice,
            group=group,
            period=group.period,
            name=group.name,
            semester=group.semester,
            shift=group.shift,
            career=world.career_a1,
        )
        career_id = career.pk
        career.delete()
    entry = latest(
        action=AuditEntry.Action.UPDATE,
        object_id=group.pk,
        content_type=ContentType.objects.get_for_model(Group),
    )

    changes = _change_rows(login(world.alice).get(_url(entry)))

    assert changes["Carrera"] == (f"{career_id} (eliminado)", "Informática")


def test_creation_detail_lists_the_new_values_without_reverse_relations(world, login):
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.CREATE, object_id=world.student_a1.pk, content_type__model="user"
    )

    changes = _change_rows(login(world.national_admin).get(_url(entry)))

    assert changes["Usuario"] == ("(vacío)", world.student_a1.username)
    assert changes["CURP*"] == ("(vacío)", MASK)
    assert changes["Activa"] == ("(vacío)", "Sí")
    assert not [field for field in changes if "None" in field or "_set" in field]
    assert "memberships" not in changes


def test_unknown_entry_is_404(world, login):
    assert login(world.alice).get("/auditoria/999999999/").status_code == 404


def test_audit_pages_keep_to_the_content_security_policy(world, login):
    """No inline scripts, style attributes or event handlers (CSP forbids them)."""
    rename_career(world.alice, world.career_a1, "Informática y Redes")
    entry = latest(action=AuditEntry.Action.UPDATE, object_id=world.career_a1.pk)
    client = login(world.alice)
    for response in (
        client.get("/auditoria/", {"date_from": "2026-03-11", "date_to": "2026-03-01"}),
        client.get(_url(entry)),
    ):
        body = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
        assert not re.search(r"\sstyle=", body)
        assert not re.search(r"\son[a-z]+=", body)


UTC_AFTERNOON = datetime.datetime(2026, 8, 24, 15, 0, tzinfo=datetime.UTC)


def test_detail_shows_spanish_field_names_and_hides_internals(world, login):
    from tests.factories import UserFactory

    with set_actor(world.alice):
        person = UserFactory(username="nueva", curp=make_curp(77), date_joined=UTC_AFTERNOON)
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.CREATE, object_id=person.pk, content_type__model="user"
    )

    changes = _change_rows(login(world.national_admin).get(_url(entry)))

    assert changes["Alta"] == ("(vacío)", "24 de agosto de 2026, 09:00:00")
    for internal in ("ID", "Id", "Curp hash", "Contraseña", "Password"):
        assert internal not in changes
    assert all(name[0].isupper() for name in changes)


def test_detail_names_fields_left_with_djangos_english_names_in_spanish(world, login):
    with set_actor(world.alice):
        job = ImportJob.objects.create(
            institution=world.campus_a1, created_by=world.alice, original_name="a.csv"
        )
        job.status = ImportJob.Status.DONE
        job.created_count = 4
        job.save()
    entry = latest(
        action=AuditEntry.Action.UPDATE, object_id=job.pk, content_type__model="importjob"
    )

    changes = _change_rows(login(world.alice).get(_url(entry)))

    assert changes["Estado"][1] == str(ImportJob.Status.DONE.label)
    assert changes["Altas"] == ("0", "4")


def test_every_audited_field_has_a_spanish_name_or_is_hidden():
    """A model registered with auditlog later must name its fields in Spanish."""
    from auditlog.registry import auditlog

    from impulsa.audit import field_labels

    english = []
    for model, config in auditlog._registry.items():
        include, exclude = config["include_fields"], config["exclude_fields"]
        for field in model._meta.concrete_fields:
            name = field.name
            if (include and name not in include) or name in exclude:
                continue
            if field_labels.is_internal(field, name):
                continue
            automatic = str(field.verbose_name) == name.replace("_", " ")
            if automatic and name not in field_labels.FALLBACK_LABELS:
                english.append(f"{model._meta.label}.{name}")
    assert english == []


def test_detail_time_is_mexico_city_with_the_month_in_words(world, login):
    from tests.audit.helpers import stamp

    entry = stamp(record_event(world.alice, world.teacher_a1, "login"), UTC_AFTERNOON)

    body = login(world.alice).get(_url(entry)).content.decode()

    assert "24 de agosto de 2026, 09:00:00</time>" in body
    assert "hora del centro de México" in body
