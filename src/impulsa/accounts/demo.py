"""Demo data: a realistic slice of CONALEP in Spanish. Idempotent: every object is
looked up by its natural key first, so a second run writes nothing.

Refuses to run in production: the demo accounts share a known password.
"""

import base64
import datetime
import random
from dataclasses import dataclass

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.accounts import demo_curp
from impulsa.accounts.demo_names import GIVEN_F, GIVEN_M, SURNAMES
from impulsa.accounts.models import StudentProfile, User
from impulsa.org.api import (
    TWO_FACTOR_ROLES,
    AcademicPeriod,
    Career,
    Group,
    Institution,
    Membership,
    Role,
    RoleGrant,
    add_memberships,
    create_career,
    create_group,
    create_institution,
    create_national_office,
    grant_first_national_admin,
    grant_membership,
    save_period,
    update_institution,
)

DEMO_PASSWORD = "Impulsa-Demo-2026"  # noqa: S105 - demo only; refused in production
# One TOTP secret (hex) for every demo admin, so a phone app can hold it once.
DEMO_TOTP_KEY = "496d70756c73612d64656d6f2d746f74702d6b6579"
STUDENTS_PER_CAMPUS = 50

NATIONAL = ("CONALEP", "Colegio Nacional de Educación Profesional Técnica", "CONALEP Nacional")
STATES = [
    {
        "code": "JAL",
        "name": "Colegio de Educación Profesional Técnica del Estado de Jalisco",
        "short": "CONALEP Jalisco",
        "curp_state": "JC",
        "inegi": "14",
        "color": "#1F4E79",
        "campuses": [
            ("14DPT0001A", "Plantel Guadalajara I", "gdl1"),
            ("14DPT0002B", "Plantel Tlaquepaque", "tlaq"),
        ],
    },
    {
        "code": "MEX",
        "name": "Colegio de Educación Profesional Técnica del Estado de México",
        "short": "CONALEP Estado de México",
        "curp_state": "MC",
        "inegi": "15",
        "color": "#7A1F3D",
        "campuses": [
            ("15DPT0001C", "Plantel Toluca", "tol"),
            ("15DPT0002D", "Plantel Ecatepec I", "ecat"),
        ],
    },
]
CAREERS = [
    ("INFO", "Profesional Técnico Bachiller en Informática"),
    ("ENFG", "Profesional Técnico Bachiller en Enfermería General"),
    ("MECA", "Profesional Técnico Bachiller en Mecatrónica"),
    ("CONT", "Profesional Técnico Bachiller en Contabilidad"),
]
PERIODS = [
    ("2026-1", datetime.date(2026, 2, 2), datetime.date(2026, 7, 10), False),
    ("2026-2", datetime.date(2026, 8, 24), datetime.date(2027, 1, 29), True),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    institution: str
    two_factor: bool


def _ensure_not_production() -> None:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("seed_demo no se ejecuta en producción.")


def _user(username: str, first: str, last: str, second: str = "", **extra) -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User(
        username=username, first_name=first, last_name=last, second_last_name=second, **extra
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user, True


def _node(parent: Institution | None, actor, code: str, name: str, short: str) -> Institution:
    found = Institution.objects.filter(code=code).first()
    if found is not None:
        return found
    if parent is None:
        return create_national_office(code=code, name=name, short_name=short)
    return create_institution(actor=actor, parent=parent, code=code, name=name, short_name=short)


def _grant(actor, user: User, institution: Institution, role: str) -> None:
    if Membership.objects.filter(user=user, institution=institution, role=role).exists():
        return
    if actor is None:  # the first national admin is the root of all grants
        grant_first_national_admin(user=user, office=institution)
    else:
        first_role = not Membership.objects.filter(user=user).exists()
        grant_membership(
            actor=actor, user=user, institution=institution, role=role, first_role=first_role
        )


def _totp(user: User) -> None:
    if not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY, confirmed=True)


STAFF = [
    # username, role, where ("national" | state code | campus slug), first, last, second
    ("admin.nacional", Role.NATIONAL_ADMIN, "national", "Laura", "Treviño", "Salas"),
    ("director.nacional", Role.DIRECTOR, "national", "Ernesto", "Villalobos", "Ruiz"),
    ("disenadora.nacional", Role.CONTENT_DESIGNER, "national", "Mariana", "Ochoa", "Lara"),
    ("soporte.nacional", Role.SUPPORT_AGENT, "national", "Ricardo", "Pineda", "Soto"),
    ("admin.jalisco", Role.STATE_ADMIN, "JAL", "Gabriela", "Navarro", "Íñiguez"),
    ("soporte.jalisco", Role.SUPPORT_AGENT, "JAL", "Daniela", "Quintero", "Aceves"),
    ("director.jalisco", Role.DIRECTOR, "JAL", "Héctor", "Villaseñor", "Padilla"),
    ("admin.mexico", Role.STATE_ADMIN, "MEX", "Jorge", "Bernal", "Castañeda"),
    ("admin.gdl1", Role.CAMPUS_ADMIN, "gdl1", "Patricia", "Orozco", "Galván"),
    ("docente.gdl1", Role.TEACHER, "gdl1", "Arturo", "Cervantes", "Luna"),
    ("tutor.gdl1", Role.DUAL_TUTOR, "gdl1", "Claudia", "Robles", "Estrada"),
    ("instructor.gdl1", Role.COMPANY_INSTRUCTOR, "gdl1", "Raúl", "Esparza", "Montes"),
    ("supervisor.gdl1", Role.PROCTOR, "gdl1", "Verónica", "Salazar", "Ibarra"),
    ("externo.jalisco", Role.EXTERNAL, "JAL", "Tomás", "Ledesma", "Arias"),
    ("admin.tlaq", Role.CAMPUS_ADMIN, "tlaq", "Silvia", "Carranza", "Mora"),
    ("admin.toluca", Role.CAMPUS_ADMIN, "tol", "Fernando", "Albarrán", "Nava"),
    ("docente.toluca", Role.TEACHER, "tol", "Adriana", "Colín", "Becerril"),
    ("admin.ecatepec", Role.CAMPUS_ADMIN, "ecat", "Óscar", "Pacheco", "Rangel"),
]


@transaction.atomic
def seed() -> list[DemoLogin]:
    _ensure_not_production()
    code, name, short = NATIONAL
    national = _node(None, None, code, name, short)
    root_admin, _ = _user(
        "admin.nacional", "Laura", "Treviño", "Salas", email="admin.nacional@demo.impulsa.mx"
    )
    _grant(None, root_admin, national, Role.NATIONAL_ADMIN)
    _totp(root_admin)
    # Everything else is done as the national admin, and the audit log says so.
    with set_actor(root_admin):
        return _seed_as(root_admin, national)


def _seed_as(root_admin: User, national: Institution) -> list[DemoLogin]:
    if not national.display_name:
        update_institution(actor=root_admin, institution=national, display_name="Impulsa CONALEP")

    where = {"national": national}
    for state in STATES:
        node = _node(national, root_admin, state["code"], state["name"], state["short"])
        if not node.primary_color:
            update_institution(
                actor=root_admin,
                institution=node,
                primary_color=state["color"],
                display_name=state["short"],
            )
        where[state["code"]] = node
        for campus_code, campus_name, slug in state["campuses"]:
            where[slug] = _node(node, root_admin, campus_code, campus_name, campus_name)

    for period_code, starts, ends, current in PERIODS:
        if not AcademicPeriod.objects.filter(code=period_code).exists():
            save_period(
                actor=root_admin,
                code=period_code,
                starts_on=starts,
                ends_on=ends,
                is_current=current,
            )
    period = AcademicPeriod.objects.get(is_current=True)

    logins = []
    for username, role, place, first, last, second in STAFF:
        user, _ = _user(username, first, last, second, email=f"{username}@demo.impulsa.mx")
        _grant(root_admin, user, where[place], role)
        two_factor = role in TWO_FACTOR_ROLES
        if two_factor:
            _totp(user)
        logins.append(DemoLogin(username, Role(role).label, str(where[place]), two_factor))

    _students(root_admin, where, period)
    first_student = StudentProfile.objects.select_related("user", "campus").get(
        matricula=_matricula(STATES[0], 0, 1)
    )
    if not first_student.user.has_usable_password():
        first_student.user.set_password(DEMO_PASSWORD)
        first_student.user.save(update_fields=["password"])
    logins.append(
        DemoLogin(first_student.matricula, Role.STUDENT.label, str(first_student.campus), False)
    )
    return logins


def _students(root_admin: User, where: dict[str, Institution], period: AcademicPeriod) -> None:
    rng = random.Random(2026)  # noqa: S311 - reproducible demo people, not a secret
    new = []
    for state in STATES:
        for index, (_code, _name, slug) in enumerate(state["campuses"]):
            campus = where[slug]
            careers = _careers(root_admin, campus)
            groups = _groups(root_admin, campus, period, careers)
            for number in range(1, STUDENTS_PER_CAMPUS + 1):
                user_id = _student(rng, campus, state, index, number, careers, groups)
                if user_id is not None:
                    new.append(RoleGrant(user_id, campus.pk, Role.STUDENT))
    # One batch for every student role: the grant rule is checked once per campus.
    add_memberships(actor=root_admin, grants=new)


def _careers(actor, campus: Institution) -> list[Career]:
    careers = []
    for code, name in CAREERS[:3]:
        career = Career.objects.filter(campus=campus, code=code).first()
        if career is None:
            career = create_career(actor=actor, campus=campus, code=code, name=name)
        careers.append(career)
    return careers


def _groups(actor, campus, period, careers) -> dict[tuple[int, int], Group]:
    groups = {}
    for career_index, career in enumerate(careers, start=1):
        for semester in (1, 3, 5):
            name = f"{semester}0{career_index}"
            group = Group.objects.filter(campus=campus, period=period, name=name).first()
            if group is None:
                group = create_group(
                    actor=actor,
                    campus=campus,
                    period=period,
                    name=name,
                    semester=semester,
                    career=career,
                )
            groups[(career_index - 1, semester)] = group
    return groups


def _matricula(state: dict, campus_index: int, number: int) -> str:
    """Entry year, state, campus and sequence: 26 14 001 00001."""
    return f"26{state['inegi']}{campus_index + 1:03d}{number:05d}"


def _student(rng, campus, state, campus_index, number, careers, groups) -> int | None:
    """The new student's user id (their role is granted in a batch), None if seeded."""
    matricula = _matricula(state, campus_index, number)
    sex = rng.choice("HM")
    first = rng.choice(GIVEN_M if sex == "H" else GIVEN_F)
    last, second = rng.sample(SURNAMES, 2)
    semester = rng.choice((1, 3, 5))
    birth = datetime.date(2026 - 15 - semester // 2, 1, 1) + datetime.timedelta(
        days=rng.randrange(365)
    )
    career_index = rng.randrange(len(careers))
    if StudentProfile.objects.filter(matricula=matricula).exists():
        return None
    curp = demo_curp.build(
        first_name=first,
        last_name=last,
        second_last_name=second,
        birth_date=birth,
        sex=sex,
        state=state["curp_state"],
        homonym=number,
    )
    user = User(
        username=matricula,
        first_name=first,
        last_name=last,
        second_last_name=second,
        curp=curp,
        birth_date=birth,
    )
    user.set_unusable_password()
    user.save()
    StudentProfile.objects.create(
        user=user,
        campus=campus,
        career=careers[career_index],
        group=groups[(career_index, semester)],
        matricula=matricula,
        semester=semester,
    )
    return user.pk


def totp_secret_base32() -> str:
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode().rstrip("=")


def current_totp_code() -> str:
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token():06d}"
