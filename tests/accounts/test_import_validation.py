"""Every row is validated before anything is written; each error names its line."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import assume, given
from hypothesis import strategies as st

from impulsa.accounts import curp as curp_rules
from impulsa.accounts.imports import plan, validation
from impulsa.accounts.imports.reading import RawRow
from impulsa.accounts.imports.service import start_import
from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.core.errors import AccessDenied
from impulsa.org.models import AcademicPeriod, Group, Membership
from tests.factories import CareerFactory, ImportRowFactory, UserFactory, import_csv, make_curp


def run_import(actor, institution, rows) -> ImportJob:
    upload = SimpleUploadedFile("alumnos.csv", import_csv(rows), content_type="text/csv")
    return start_import(actor=actor, institution=institution, uploaded_file=upload)


def snapshot():
    return (
        User.objects.count(),
        StudentProfile.objects.count(),
        Membership.objects.count(),
        Group.objects.count(),
    )


def errors_at(job, line):
    return [(e["column"], e["message"]) for e in job.errors if e["line"] == line]


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"curp": ""}, "curp", "Falta la CURP."),
        ({"curp": "GOML08051"}, "curp", "La CURP debe tener 18 caracteres; tiene 9."),
        ({"curp": "GOML081312HJCNRSA8"}, "curp", "La fecha de nacimiento de la CURP (081312)"),
        ({"curp": "GOML080512HJCNRSA9"}, "curp", "El dígito verificador de la CURP no coincide"),
        ({"curp": "GOML080512XJCNRSA8"}, "curp", "La letra de sexo de la CURP debe ser H o M"),
        ({"matricula": ""}, "matricula", "Falta la matrícula."),
        ({"matricula": "26-14"}, "matricula", "de 5 a 20 letras o dígitos"),
        ({"nombre": "  "}, "nombre", "Falta el nombre."),
        ({"primer_apellido": ""}, "primer_apellido", "Falta el primer apellido."),
        ({"segundo_apellido": "x" * 151}, "segundo_apellido", "máximo 150 caracteres"),
        ({"correo": "luis@"}, "correo", "El correo electrónico no es válido."),
        ({"clave_plantel": ""}, "clave_plantel", "Falta la clave del plantel."),
        ({"clave_plantel": "99XXX0000Z"}, "clave_plantel", "No existe un plantel con la clave"),
        ({"clave_plantel": "JAL"}, "clave_plantel", "La clave JAL no es de un plantel."),
        ({"carrera": ""}, "carrera", "Falta la carrera."),
        (
            {"carrera": "Astronáutica"},
            "carrera",
            "La carrera «Astronáutica» no existe en el plantel 14DPT0001A.",
        ),
        ({"semestre": "7"}, "semestre", "El semestre debe ser un número del 1 al 6."),
        ({"semestre": "primero"}, "semestre", "El semestre debe ser un número del 1 al 6."),
        ({"grupo": ""}, "grupo", "Falta el grupo."),
        ({"grupo": "1°A"}, "grupo", "El grupo debe tener hasta 20 letras"),
    ],
)
def test_a_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_written(
    world, changes, column, reason
):
    rows = ImportRowFactory.build_batch(3)
    rows[1].update(changes)
    before = snapshot()

    job = run_import(world.alice, world.campus_a1, rows)

    assert job.status == ImportJob.Status.INVALID
    reported = errors_at(job, 3)
    assert [c for c, _ in reported] == [column], job.errors
    assert reason in reported[0][1]
    assert errors_at(job, 2) == [] and errors_at(job, 4) == []
    assert snapshot() == before
    assert job.created_count == job.updated_count == 0


def test_one_bad_row_among_many_writes_nothing_not_even_new_groups(world):
    rows = ImportRowFactory.build_batch(20, grupo="102")
    rows[17]["semestre"] = "9"
    before = snapshot()

    job = run_import(world.alice, world.campus_a1, rows)

    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [
        {"line": 19, "column": "semestre", "message": "El semestre debe ser un número del 1 al 6."}
    ]
    assert snapshot() == before
    assert not Group.objects.filter(name="102").exists()


def test_every_error_of_every_row_is_collected(world):
    rows = ImportRowFactory.build_batch(4)
    rows[0].update(correo="mal", semestre="0")
    rows[1].update(primer_apellido="", carrera="Astronomía")
    rows[2].update(nombre="", grupo="", clave_plantel="99XXX0000Z")
    job = run_import(world.alice, world.campus_a1, rows)
    assert sorted((e["line"], e["column"]) for e in job.errors) == [
        (2, "correo"),
        (2, "semestre"),
        (3, "carrera"),
        (3, "primer_apellido"),
        (4, "clave_plantel"),
        (4, "grupo"),
        (4, "nombre"),
    ]


def test_repeated_curp_and_matricula_inside_the_file_name_the_earlier_line(world):
    rows = ImportRowFactory.build_batch(4)
    rows[2]["curp"] = rows[0]["curp"]
    rows[3]["matricula"] = rows[1]["matricula"].lower()  # same matrícula, other case
    job = run_import(world.alice, world.campus_a1, rows)
    assert errors_at(job, 4) == [("curp", "La CURP se repite: ya aparece en la línea 2.")]
    assert errors_at(job, 5) == [("matricula", "La matrícula se repite: ya aparece en la línea 3.")]
    assert errors_at(job, 2) == errors_at(job, 3) == []


def test_curp_of_a_student_of_another_states_campus_is_refused(world):
    other = world.student_b1
    profile_before = StudentProfile.objects.filter(user=other).values().get()
    rows = [ImportRowFactory(curp=other.curp, nombre="Intruso")]

    job = run_import(world.alice, world.campus_a1, rows)

    assert job.status == ImportJob.Status.INVALID
    ((column, message),) = errors_at(job, 2)
    assert column == "curp"
    assert "no está a tu cargo" in message
    other.refresh_from_db()
    assert other.first_name != "Intruso"
    assert StudentProfile.objects.filter(user=other).values().get() == profile_before


def test_campus_outside_the_actors_reach_is_refused(world):
    rows = [ImportRowFactory(clave_plantel=world.campus_a2.code)]
    job = run_import(world.alice, world.campus_a1, rows)
    assert errors_at(job, 2) == [("clave_plantel", "El plantel 14DPT0002B no está a tu cargo.")]


def test_campus_outside_the_jobs_institution_is_refused_even_within_reach(world):
    rows = [ImportRowFactory(clave_plantel=world.campus_a2.code)]
    job = run_import(world.state_admin_a, world.campus_a1, rows)
    ((column, message),) = errors_at(job, 2)
    assert column == "clave_plantel"
    assert message.startswith("El plantel 14DPT0002B no pertenece a")


def test_a_campus_admin_cannot_start_an_import_for_another_campus(world):
    with pytest.raises(AccessDenied):
        run_import(world.bob, world.campus_a1, ImportRowFactory.build_batch(1))
    with pytest.raises(AccessDenied):
        run_import(world.teacher_a1, world.campus_a1, ImportRowFactory.build_batch(1))
    assert not ImportJob.objects.exists()


def test_matricula_of_another_person_is_refused(world):
    rows = [ImportRowFactory(matricula=world.student_a1.student_profile.matricula)]
    job = run_import(world.alice, world.campus_a1, rows)
    assert errors_at(job, 2) == [
        ("matricula", "La matrícula ya está registrada para otra persona.")
    ]


def test_matricula_equal_to_another_accounts_username_is_refused(world):
    UserFactory(username="DOCENTE01")
    job = run_import(world.alice, world.campus_a1, [ImportRowFactory(matricula="docente01")])
    assert errors_at(job, 2) == [
        ("matricula", "Ya existe otra cuenta cuyo usuario es esta matrícula.")
    ]


def test_group_of_another_career_is_refused(world):
    CareerFactory(campus=world.campus_a1, code="CONT", name="Contabilidad")
    job = run_import(world.alice, world.campus_a1, [ImportRowFactory(carrera="CONT", grupo="101")])
    assert errors_at(job, 2) == [("grupo", "El grupo 101 es de la carrera Informática.")]


def test_inactive_career_is_refused(world):
    CareerFactory(campus=world.campus_a1, code="MECA", name="Mecatrónica", is_active=False)
    job = run_import(world.alice, world.campus_a1, [ImportRowFactory(carrera="meca")])
    ((column, message),) = errors_at(job, 2)
    assert (column, message) == (
        "carrera",
        "La carrera «meca» ya no está activa en el plantel 14DPT0001A.",
    )


def test_without_a_current_period_the_file_is_refused_once(world):
    AcademicPeriod.objects.update(is_current=False)
    job = run_import(world.alice, world.campus_a1, ImportRowFactory.build_batch(3))
    assert job.status == ImportJob.Status.INVALID
    assert len(job.errors) == 1
    assert job.errors[0]["line"] is None
    assert "No hay un periodo escolar vigente" in job.errors[0]["message"]


def test_errors_stop_at_a_cap_with_a_note_saying_how_many_there_are(world, monkeypatch):
    monkeypatch.setattr(plan, "MAX_ERRORS", 3)
    rows = ImportRowFactory.build_batch(5, semestre="8")
    job = run_import(world.alice, world.campus_a1, rows)
    assert [e["line"] for e in job.errors] == [2, 3, 4, None]
    assert "Hay 5 errores en total; se muestran los primeros 3." in job.errors[-1]["message"]


def test_errors_never_repeat_a_persons_data(world):
    taken = world.student_a1.student_profile.matricula
    rows = ImportRowFactory.build_batch(
        3, correo="no-es-correo", nombre="Xóchitl Quetzalli", primer_apellido="Tzompantzi"
    )
    rows[1].update(curp=rows[0]["curp"], matricula=taken)
    rows[2].update(curp=world.student_b1.curp)
    job = run_import(world.alice, world.campus_a1, rows)
    stored = json.dumps(job.errors, ensure_ascii=False)
    assert len(job.errors) >= 6
    for row in rows:
        for column in ("curp", "matricula", "nombre", "primer_apellido", "correo"):
            assert row[column] not in stored, column


# --- Row checks on their own (no database), property-based ---------------------------

VALID_ROW = {
    "curp": "GOML080512HJCNRSA8",
    "matricula": "261400123",
    "nombre": "Luis",
    "primer_apellido": "González",
    "segundo_apellido": "",
    "correo": "",
    "clave_plantel": "14DPT0001A",
    "carrera": "INFO",
    "semestre": "1",
    "grupo": "101",
}


def check(**changes):
    errors = validation.ErrorLog()
    row = validation.parse_row(RawRow(7, {**VALID_ROW, **changes}), errors)
    return row, [(e.column, e.message) for e in errors.items]


@given(seed=st.integers(min_value=0, max_value=10**9), sex=st.sampled_from("HM"))
def test_every_well_formed_curp_passes_and_gives_its_birth_date(seed, sex):
    value = make_curp(seed, sex=sex)
    assume(value[:4] not in curp_rules._INCONVENIENT_WORDS)
    row, errors = check(curp=f" {value.lower()} ")
    assert errors == []
    assert row.curp.value == value
    assert row.curp.birth_date.strftime("%y%m%d") == value[4:10]


@given(semester=st.text(max_size=4))
def test_only_semesters_one_to_six_pass(semester):
    row, errors = check(semestre=semester)
    # Excel may hand over a number typed as 3.0; the reader already stripped spaces.
    valid = re.fullmatch(r"[1-6](\.0+)?", semester) is not None
    assert (errors == []) == valid, (semester, errors)
    if valid:
        assert row.semester == int(semester[0])


@given(
    matricula=st.text(
        alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=25
    )
)
def test_matricula_passes_only_with_5_to_20_letters_or_digits(matricula):
    row, errors = check(matricula=matricula)
    valid = matricula.isascii() and matricula.isalnum() and 5 <= len(matricula) <= 20
    assert (errors == []) == valid, (matricula, errors)
    if valid:
        assert row.matricula == matricula.upper()


@given(name=st.text(alphabet="abcñáé ", min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_names_are_kept_with_their_spaces_collapsed(name):
    row, errors = check(nombre=name)
    assert errors == []
    assert row.first_name == " ".join(name.split())


MECATRONICA = "Profesional Técnico Bachiller en Mecatrónica"


@pytest.mark.parametrize(
    "text",
    [
        "MECA",
        "meca",
        "Mecatrónica",
        "MECATRONICA",
        "mecatronica",
        MECATRONICA,
        "profesional tecnico bachiller en mecatronica",
        "PTB en Mecatrónica",
    ],
)
def test_careers_match_by_key_short_name_or_full_name_forgiving_case_and_accents(world, text):
    career = CareerFactory(campus=world.campus_a1, code="MECA", name=MECATRONICA)
    job = run_import(
        world.alice, world.campus_a1, [ImportRowFactory(carrera=text, semestre="3", grupo="301")]
    )
    assert job.errors == []
    assert StudentProfile.objects.get(campus=world.campus_a1, group__name="301").career == career


def test_a_short_name_shared_by_two_careers_asks_for_the_key(world):
    CareerFactory(campus=world.campus_a1, code="MECA", name=MECATRONICA)
    CareerFactory(campus=world.campus_a1, code="MECA2", name="Técnico en Mecatrónica")
    job = run_import(world.alice, world.campus_a1, [ImportRowFactory(carrera="Mecatrónica")])
    assert errors_at(job, 2) == [
        (
            "carrera",
            "Varias carreras del plantel 14DPT0001A se llaman «Mecatrónica»; escribe su clave.",
        )
    ]
