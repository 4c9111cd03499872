"""factory_boy factories; every test builds its own data."""

import datetime
import random

import factory
from factory.django import DjangoModelFactory
from stdnum.mx import curp as stdnum_curp

from impulsa.accounts.models import StudentProfile, User
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import Kind

PASSWORD = "Clave-Segura-2026"


def make_curp(seed: int | None = None, *, sex: str = "H", state: str = "JC") -> str:
    """A CURP with a valid structure, real birth date and correct check digit."""
    rng = random.Random(seed)
    letters = "BCDFGHJKLMNPQRSTVWXZ"
    vowels = "AEIOU"
    birth = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3 * 365))
    head = rng.choice(letters) + rng.choice(vowels) + rng.choice(letters) + rng.choice(letters)
    body = (
        head
        + birth.strftime("%y%m%d")
        + sex
        + state
        + "".join(rng.choice(letters) for _ in range(3))
        + "A"  # born in 2000 or later
    )
    return body + stdnum_curp.calc_check_digit(body)


class InstitutionFactory(DjangoModelFactory):
    """Nodes get their materialized path after insert, like org.services does."""

    class Meta:
        model = Institution

    kind = Kind.CAMPUS
    code = factory.Sequence(lambda n: f"CODE{n:05d}")
    name = factory.Sequence(lambda n: f"Institución {n}")
    path = factory.Sequence(lambda n: f"/pending{n}/")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        parent = obj.parent
        obj.path = f"{parent.path if parent else '/'}{obj.pk}/"
        obj.save(update_fields=["path"])
        return obj


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.mx")
    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = "teacher"


class CareerFactory(DjangoModelFactory):
    class Meta:
        model = Career

    campus = factory.SubFactory(InstitutionFactory)
    code = factory.Sequence(lambda n: f"CAR{n:03d}")
    name = factory.Sequence(lambda n: f"Carrera {n}")


class PeriodFactory(DjangoModelFactory):
    class Meta:
        model = AcademicPeriod
        django_get_or_create = ("code",)

    code = "2026-2"
    starts_on = datetime.date(2026, 8, 24)
    ends_on = datetime.date(2027, 1, 29)
    is_current = True


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    campus = factory.SubFactory(InstitutionFactory)
    period = factory.SubFactory(PeriodFactory)
    career = None
    name = factory.Sequence(lambda n: f"{100 + n}")
    semester = 1


class StudentProfileFactory(DjangoModelFactory):
    class Meta:
        model = StudentProfile

    user = factory.SubFactory(UserFactory)
    campus = factory.SubFactory(InstitutionFactory)
    career = factory.LazyAttribute(lambda p: CareerFactory(campus=p.campus))
    matricula = factory.Sequence(lambda n: f"26{n:010d}")
    semester = 1


# --- Student import files (accounts/imports) -------------------------------------------

IMPORT_HEADER = (
    "curp",
    "matricula",
    "nombre",
    "primer_apellido",
    "segundo_apellido",
    "correo",
    "clave_plantel",
    "carrera",
    "semestre",
    "grupo",
)


class ImportRowFactory(factory.DictFactory):
    """One valid row of a student import file, for campus A1 of the `world` fixture."""

    curp = factory.Sequence(lambda n: make_curp(100_000 + n))
    matricula = factory.Sequence(lambda n: f"2614{n:05d}")
    nombre = factory.Faker("first_name", locale="es_MX")
    primer_apellido = factory.Faker("last_name", locale="es_MX")
    segundo_apellido = factory.Faker("last_name", locale="es_MX")
    correo = factory.Sequence(lambda n: f"alumno{n}@example.mx")
    clave_plantel = "14DPT0001A"
    carrera = "INFO"
    semestre = "1"
    grupo = "101"


def import_csv(
    rows, *, header=IMPORT_HEADER, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    """A CSV file of `rows` (dicts keyed by the template's headers)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in IMPORT_HEADER])
    return buffer.getvalue().encode(encoding)


def import_xlsx(rows, *, header=IMPORT_HEADER) -> bytes:
    """An Excel workbook whose first sheet holds `rows` under `header`."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(column, "") for column in IMPORT_HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
