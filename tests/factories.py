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
