"""Valid files create or update students in bulk; re-importing never duplicates."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from impulsa.accounts.imports.service import start_import, unchanged_count
from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.audit.models import AuditEntry
from impulsa.core.storage import private_storage
from impulsa.learning.api import Enrollment
from impulsa.learning.enrollment import selectors
from impulsa.learning.enrollment import services as enrollments
from impulsa.org.models import Group, Membership
from impulsa.org.roles import Role
from tests.factories import (
    CareerFactory,
    ImportRowFactory,
    MembershipFactory,
    PeriodFactory,
    UserFactory,
    import_csv,
    import_xlsx,
)
from tests.learning_builders import build_course

pytestmark = pytest.mark.django_db


def run_import(actor, institution, rows, *, xlsx=False) -> ImportJob:
    if xlsx:
        upload = SimpleUploadedFile("alumnos.xlsx", import_xlsx(rows))
    else:
        upload = SimpleUploadedFile("alumnos.csv", import_csv(rows), content_type="text/csv")
    return start_import(actor=actor, institution=institution, uploaded_file=upload)


def test_new_students_get_an_account_profile_and_membership(world):
    rows = ImportRowFactory.build_batch(3)
    rows[0].update(nombre="  José  Ángel ", semestre="2", curp=rows[0]["curp"].lower())

    job = run_import(world.alice, world.campus_a1, rows)

    assert job.status == ImportJob.Status.DONE, job.errors
    assert (job.created_count, job.updated_count, job.total_rows) == (3, 0, 3)
    assert job.processed_rows == 3 and job.errors == []
    user = User.objects.get(username=rows[0]["matricula"])
    assert user.first_name == "José Ángel"
    assert user.last_name == rows[0]["primer_apellido"]
    assert user.second_last_name == rows[0]["segundo_apellido"]
    assert user.email == rows[0]["correo"]
    assert user.curp == rows[0]["curp"].upper()
    curp_date = rows[0]["curp"][4:10]
    assert user.birth_date == datetime.datetime.strptime(curp_date, "%y%m%d").date()
    assert not user.has_usable_password()
    assert User.objects.with_curp(rows[0]["curp"]).get() == user
    profile = user.student_profile
    assert (profile.campus, profile.career, profile.group) == (
        world.campus_a1,
        world.career_a1,
        world.group_a1,
    )
    assert (profile.matricula, profile.semester) == (rows[0]["matricula"], 2)
    membership = Membership.objects.get(user=user)
    assert (membership.institution, membership.role, membership.granted_by) == (
        world.campus_a1,
        Role.STUDENT,
        world.alice,
    )


def test_curp_and_birth_date_are_stored_encrypted(world):
    rows = ImportRowFactory.build_batch(2)
    run_import(world.alice, world.campus_a1, rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT curp, birth_date, curp_hash FROM accounts_user WHERE username = %s",
            [rows[0]["matricula"]],
        )
        curp_raw, birth_raw, curp_hash = cursor.fetchone()
    assert rows[0]["curp"] not in curp_raw
    assert curp_raw.startswith("v1:")
    assert birth_raw.startswith("v1:") and "20" not in birth_raw.split(":")[1]
    assert len(curp_hash) == 64


def test_reimporting_the_same_file_creates_nothing_and_reports_unchanged(world):
    rows = ImportRowFactory.build_batch(5)
    first = run_import(world.alice, world.campus_a1, rows)
    counts = (User.objects.count(), StudentProfile.objects.count(), Membership.objects.count())

    again = run_import(world.alice, world.campus_a1, rows)

    assert again.status == ImportJob.Status.DONE
    assert (first.created_count, first.updated_count) == (5, 0)
    assert (again.created_count, again.updated_count) == (0, 0)
    assert counts == (
        User.objects.count(),
        StudentProfile.objects.count(),
        Membership.objects.count(),
    )
    assert unchanged_count(again) == 5


def test_changed_rows_update_names_email_career_semester_and_group(world):
    CareerFactory(campus=world.campus_a1, code="CONT", name="Contabilidad")
    rows = ImportRowFactory.build_batch(3)
    run_import(world.alice, world.campus_a1, rows)
    rows[1].update(
        nombre="Renata",
        correo="renata@example.mx",
        carrera="contabilidad",  # by name, ignoring case and accents
        semestre="3",
        grupo="3CONT",
    )

    job = run_import(world.alice, world.campus_a1, rows)

    assert (job.created_count, job.updated_count) == (0, 1)
    user = User.objects.get(username=rows[1]["matricula"])
    assert (user.first_name, user.email) == ("Renata", "renata@example.mx")
    profile = user.student_profile
    assert profile.career.code == "CONT"
    assert (profile.semester, profile.group.name) == (3, "3CONT")


def test_an_empty_email_keeps_the_stored_one_and_a_missing_column_keeps_the_surname(world):
    rows = ImportRowFactory.build_batch(1)
    run_import(world.alice, world.campus_a1, rows)
    header = ("curp", "matricula", "nombre", "primer_apellido", "correo")
    header += ("clave_plantel", "carrera", "semestre", "grupo")
    changed = dict(rows[0], correo="")
    content = import_csv([changed], header=header)
    # import_csv writes every template column; rebuild the row without segundo_apellido.
    lines = content.decode().splitlines()
    values = [changed[c] for c in header]
    content = (lines[0] + "\r\n" + ",".join(values) + "\r\n").encode()

    job = start_import(
        actor=world.alice,
        institution=world.campus_a1,
        uploaded_file=SimpleUploadedFile("a.csv", content),
    )

    assert (job.created_count, job.updated_count) == (0, 0), job.errors
    user = User.objects.get(username=rows[0]["matricula"])
    assert user.email == rows[0]["correo"]
    assert user.second_last_name == rows[0]["segundo_apellido"]


def test_missing_groups_are_created_in_the_current_period_once(world):
    PeriodFactory(code="2026-1", is_current=False)
    rows = ImportRowFactory.build_batch(4, grupo="2b", semestre="2")
    job = run_import(world.alice, world.campus_a1, rows)
    assert job.status == ImportJob.Status.DONE
    group = Group.objects.get(campus=world.campus_a1, name="2B")
    assert group.period.is_current
    assert (group.semester, group.career) == (2, world.career_a1)
    assert StudentProfile.objects.filter(group=group).count() == 4


def test_campus_change_within_reach_moves_profile_and_membership(world):
    rows = ImportRowFactory.build_batch(2)
    run_import(world.state_admin_a, world.state_a, rows)
    rows[0].update(clave_plantel=world.campus_a2.code)

    job = run_import(world.state_admin_a, world.state_a, rows)

    assert (job.created_count, job.updated_count) == (0, 1), job.errors
    user = User.objects.get(username=rows[0]["matricula"])
    assert user.student_profile.campus == world.campus_a2
    assert user.student_profile.group.campus == world.campus_a2
    assert list(Membership.objects.filter(user=user).values_list("institution", "role")) == [
        (world.campus_a2.pk, Role.STUDENT)
    ]


def test_existing_staff_member_becomes_a_student_without_losing_their_account(world):
    teacher = world.teacher_a1
    teacher.curp = ImportRowFactory.build()["curp"]
    teacher.save()
    rows = [ImportRowFactory(curp=teacher.curp)]

    job = run_import(world.alice, world.campus_a1, rows)

    assert (job.created_count, job.updated_count) == (0, 1), job.errors
    teacher.refresh_from_db()
    assert teacher.username == "docente_a1"
    assert teacher.student_profile.matricula == rows[0]["matricula"]
    assert set(Membership.objects.filter(user=teacher).values_list("role", flat=True)) == {
        Role.TEACHER,
        Role.STUDENT,
    }


def test_a_changed_matricula_becomes_the_students_username(world):
    rows = ImportRowFactory.build_batch(1)
    run_import(world.alice, world.campus_a1, rows)
    user = User.objects.get(username=rows[0]["matricula"])
    rows[0]["matricula"] = "NUEVA2026"
    job = run_import(world.alice, world.campus_a1, rows)
    assert job.updated_count == 1
    user.refresh_from_db()
    assert user.username == user.student_profile.matricula == "NUEVA2026"


def test_xlsx_files_import_like_csv(world):
    rows = ImportRowFactory.build_batch(3)
    job = run_import(world.alice, world.campus_a1, rows, xlsx=True)
    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 3)


def test_the_import_is_audited_once_without_personal_data(world):
    rows = ImportRowFactory.build_batch(6)
    before = AuditEntry.objects.count()

    job = run_import(world.alice, world.campus_a1, rows)

    entries = list(AuditEntry.objects.order_by("pk")[before:])
    imports = [e for e in entries if (e.additional_data or {}).get("event") == "student_import"]
    assert len(imports) == 1
    entry = imports[0]
    assert entry.actor == world.alice
    assert entry.institution_id == world.campus_a1.pk
    assert entry.object_pk == str(job.pk)
    assert entry.additional_data == {
        "event": "student_import",
        "rows": 6,
        "created": 6,
        "updated": 0,
        "unchanged": 0,
    }
    # No entry per student: only the job itself was touched.
    assert {e.content_type.model for e in entries} == {"importjob"}
    text = str([(e.changes, e.additional_data, e.object_repr) for e in entries])
    assert not any(row["curp"] in text or row["matricula"] in text for row in rows)


def stored_files(storage, folder="imports") -> set[str]:
    if not storage.exists(folder):
        return set()
    folders, files = storage.listdir(folder)
    found = {f"{folder}/{name}" for name in files}
    for name in folders:
        found |= stored_files(storage, f"{folder}/{name}")
    return found


@pytest.mark.parametrize("valid", [True, False])
def test_the_uploaded_file_is_deleted_once_the_job_finishes(
    world, django_capture_on_commit_callbacks, valid
):
    storage = private_storage()
    assert "test-private" in str(storage.location)
    before = stored_files(storage)
    rows = ImportRowFactory.build_batch(2, semestre="1" if valid else "9")
    upload = SimpleUploadedFile("alumnos.csv", import_csv(rows))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start_import(actor=world.alice, institution=world.campus_a1, uploaded_file=upload)
        # Until the transaction commits the file is still there.
        assert len(stored_files(storage) - before) == 1

    assert callbacks
    job.refresh_from_db()
    assert job.is_finished
    assert job.file.name == ""
    assert stored_files(storage) == before


def test_a_person_matched_by_curp_keeps_other_roles_and_memberships(world):
    rows = ImportRowFactory.build_batch(1)
    run_import(world.alice, world.campus_a1, rows)
    user = User.objects.get(username=rows[0]["matricula"])
    MembershipFactory(user=user, institution=world.campus_a1, role=Role.DUAL_TUTOR)
    rows[0]["semestre"] = "2"
    run_import(world.alice, world.campus_a1, rows)
    assert Membership.objects.filter(user=user).count() == 2


def test_staff_accounts_with_usable_passwords_keep_them(world):
    staff = UserFactory(curp=ImportRowFactory.build()["curp"])
    MembershipFactory(user=staff, institution=world.campus_a1, role=Role.TEACHER)
    password = staff.password
    run_import(world.alice, world.campus_a1, [ImportRowFactory(curp=staff.curp)])
    staff.refresh_from_db()
    assert staff.password == password and staff.has_usable_password()


def test_a_student_moved_to_another_campus_takes_active_enrollments_along(world, login):
    rows = ImportRowFactory.build_batch(2)
    run_import(world.state_admin_a, world.state_a, rows)
    moved, stays = (User.objects.get(username=row["matricula"]) for row in rows)
    first = build_course(world.designer, institution=world.national, name="Uno").course
    second = build_course(world.designer, institution=world.national, name="Dos").course
    active = enrollments.enroll(actor=world.alice, student=moved, course=first)
    withdrawn = enrollments.enroll(actor=world.alice, student=moved, course=second)
    enrollments.withdraw(actor=world.alice, enrollment=withdrawn)
    classmate = enrollments.enroll(actor=world.alice, student=stays, course=first)
    rows[0].update(clave_plantel=world.campus_a2.code)

    job = run_import(world.state_admin_a, world.state_a, rows)

    assert job.status == ImportJob.Status.DONE, job.errors
    campuses = dict(
        Enrollment.objects.filter(pk__in=[active.pk, withdrawn.pk, classmate.pk]).values_list(
            "pk", "campus"
        )
    )
    assert campuses == {
        active.pk: world.campus_a2.pk,  # follows the student
        withdrawn.pk: world.campus_a1.pk,  # history stays where it happened
        classmate.pk: world.campus_a1.pk,
    }
    assert list(selectors.visible_enrollments(world.alice).filter(student=moved)) == [withdrawn]
    assert list(selectors.visible_enrollments(world.bob).filter(student=moved)) == [active]
    page = login(world.bob).get(reverse("enrollment:course", kwargs={"course_id": first.pk}))
    assert [row[0] for row in page.context["rows"]] == [active]
