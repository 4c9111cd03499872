"""CSV export of the people list: same reach and filters as the page, personal data only
for viewers allowed to see it, no spreadsheet formulas, and an audit record."""

import csv
import io

from django.urls import reverse

from impulsa.audit.models import AuditEntry
from impulsa.org.roles import Role
from tests.factories import MembershipFactory, UserFactory, make_curp

EXPORT = reverse("people:user_export")


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_export_holds_the_admins_campus_only_with_personal_data(world, login):
    rows = _rows(login(world.alice).get(EXPORT))
    usernames = {row["Usuario"] for row in rows}
    assert usernames == {world.alice.username, world.teacher_a1.username, "2614001"}
    student = next(row for row in rows if row["Usuario"] == "2614001")
    assert student["CURP"] == make_curp(1)
    assert student["Carrera"] == "Informática"
    assert student["Grupo"] == "101"
    assert student["Roles"] == "Alumno · Plantel Guadalajara I"


def test_export_follows_the_filters(world, login):
    rows = _rows(login(world.state_admin_a).get(EXPORT, {"role": "student"}))
    assert {row["Usuario"] for row in rows} == {"2614001", "2614002"}


def test_export_of_a_state_admin_leaves_other_states_out(world, login):
    rows = _rows(login(world.state_admin_a).get(EXPORT))
    usernames = {row["Usuario"] for row in rows}
    assert world.student_b1.username not in usernames
    assert world.charlie.username not in usernames


def test_export_has_no_personal_data_columns_for_teachers(world, login):
    rows = _rows(login(world.teacher_a1).get(EXPORT))
    assert rows
    assert "CURP" not in rows[0]
    assert make_curp(1) not in str(rows)


def test_export_neutralizes_spreadsheet_formulas(world, login):
    user = UserFactory(first_name='=HYPERLINK("http://x")', last_name="+1", username="formula")
    MembershipFactory(user=user, institution=world.campus_a1, role=Role.TEACHER)
    rows = _rows(login(world.alice).get(EXPORT))
    row = next(row for row in rows if row["Usuario"] == "formula")
    assert row["Nombre(s)"].startswith("'=")
    assert row["Primer apellido"] == "'+1"


def test_export_is_recorded_in_the_audit_log_without_personal_data(world, login):
    _rows(login(world.alice).get(EXPORT, {"q": make_curp(1)}))
    entry = AuditEntry.objects.get(additional_data__event="people_export")
    assert entry.actor == world.alice
    assert entry.additional_data["rows"] == 1
    assert entry.additional_data["personal_data"] is True
    assert make_curp(1) not in str(entry.additional_data)


def test_students_cannot_export(world, login):
    assert login(world.student_a1).get(EXPORT).status_code == 403
