"""Every rule of org.services: a refusal is a Spanish DomainError and nothing is written."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import branding, services
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import Kind, Role
from impulsa.org.services import branding_checks
from tests.factories import CareerFactory, MembershipFactory, PeriodFactory, UserFactory
from tests.org.conftest import SVG_LOGO, image_upload

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Institution.objects.count(),
        Career.objects.count(),
        Group.objects.count(),
        AcademicPeriod.objects.count(),
        Membership.objects.count(),
    )


# --- Institutions -------------------------------------------------------------------------


def test_national_admin_creates_a_state_college_under_the_national_office(world):
    state = services.create_institution(
        actor=world.national_admin, parent=world.national, code=" 19nl ", name=" CONALEP NL "
    )
    assert state.kind == Kind.STATE
    assert state.code == "19NL"
    assert state.name == "CONALEP NL"
    assert state.path == f"{world.national.path}{state.pk}/"


def test_state_admin_creates_a_campus_under_their_state(world):
    campus = services.create_institution(
        actor=world.state_admin_a, parent=world.state_a, code="14DPT0003C", name="Plantel Tonalá"
    )
    assert campus.kind == Kind.CAMPUS
    assert campus.is_within(world.state_a)


def test_campus_cannot_have_children(world):
    before = _counts()
    with pytest.raises(DomainError, match="Un plantel no puede tener instituciones debajo"):
        services.create_institution(
            actor=world.national_admin, parent=world.campus_a1, code="X123", name="Anexo"
        )
    assert _counts() == before


def test_duplicate_institution_code_is_a_conflict_on_the_code_field(world):
    before = _counts()
    with pytest.raises(Conflict, match="Ya existe una institución con la clave 14DPT0001A") as e:
        services.create_institution(
            actor=world.state_admin_a, parent=world.state_a, code="14dpt0001a", name="Otro"
        )
    assert e.value.field == "code"
    assert _counts() == before


def test_malformed_institution_code_is_refused_on_the_code_field(world):
    before = _counts()
    with pytest.raises(DomainError, match="Usa de 2 a 20 letras") as e:
        services.create_institution(
            actor=world.state_admin_a, parent=world.state_a, code="14 DPT", name="Otro"
        )
    assert e.value.field == "code"
    assert _counts() == before


def test_blank_institution_name_is_refused_on_the_name_field(world):
    with pytest.raises(DomainError) as e:
        services.create_institution(
            actor=world.state_admin_a, parent=world.state_a, code="14DPT0009Z", name="   "
        )
    assert e.value.field == "name"
    assert not Institution.objects.filter(code="14DPT0009Z").exists()


def test_campus_admin_cannot_create_a_sibling_campus(world):
    before = _counts()
    with pytest.raises(AccessDenied, match="No tienes permiso"):
        services.create_institution(
            actor=world.alice, parent=world.state_a, code="14DPT0009Z", name="Otro"
        )
    assert _counts() == before


def test_nothing_can_be_created_under_an_inactive_institution(world):
    Institution.objects.filter(pk=world.state_b.pk).update(is_active=False)
    world.state_b.refresh_from_db()
    with pytest.raises(DomainError, match="institución inactiva"):
        services.create_institution(
            actor=world.national_admin, parent=world.state_b, code="15DPT0009Z", name="Otro"
        )
    assert not Institution.objects.filter(code="15DPT0009Z").exists()


def test_national_office_is_created_once(world):
    with pytest.raises(Conflict, match="La oficina nacional ya existe"):
        services.create_national_office(code="OTRA", name="Otra oficina")
    assert Institution.objects.filter(parent=None).count() == 1


def test_bad_custom_domain_is_refused_and_nothing_changes(world):
    campus = world.campus_a1
    with pytest.raises(DomainError, match="no es un dominio válido") as e:
        services.update_institution(
            actor=world.national_admin,
            institution=campus,
            name="Nuevo nombre",
            custom_domain="no dominio",
        )
    assert e.value.field == "custom_domain"
    assert campus.name == "Plantel Guadalajara I"  # the caller's object is untouched too
    campus.refresh_from_db()
    assert campus.name == "Plantel Guadalajara I"
    assert campus.custom_domain is None


def test_custom_domain_taken_by_another_institution_is_a_conflict(world):
    services.update_institution(
        actor=world.national_admin,
        institution=world.campus_a2,
        custom_domain="zapopan.conalep.edu.mx",
    )
    with pytest.raises(Conflict, match="Otra institución ya usa ese dominio") as e:
        services.update_institution(
            actor=world.national_admin,
            institution=world.campus_a1,
            custom_domain="Zapopan.Conalep.edu.mx",
        )
    assert e.value.field == "custom_domain"
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain is None


def test_custom_domain_is_stored_in_lower_case_and_blank_removes_it(world):
    national = world.national_admin  # only national staff assign domains (test_branding.py)
    services.update_institution(
        actor=national, institution=world.campus_a1, custom_domain=" GDL.Conalep.edu.MX "
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain == "gdl.conalep.edu.mx"
    services.update_institution(actor=national, institution=world.campus_a1, custom_domain="")
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain is None


def test_low_contrast_colour_is_refused_in_spanish_on_its_field(world):
    with pytest.raises(DomainError, match="no contrasta lo suficiente con texto blanco") as e:
        services.update_institution(
            actor=world.alice, institution=world.campus_a1, primary_color="#FFFF00"
        )
    assert e.value.field == "primary_color"
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.primary_color == ""


def test_malformed_colour_is_refused_not_crashing(world):
    with pytest.raises(DomainError, match="formato hexadecimal") as e:
        services.update_institution(
            actor=world.alice, institution=world.campus_a1, primary_color="#GGGGGG"
        )
    assert e.value.field == "primary_color"


def test_dark_colour_is_accepted_in_upper_case(world):
    services.update_institution(
        actor=world.alice, institution=world.campus_a1, primary_color="#0b5d3b"
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.primary_color == "#0B5D3B"


@given(st.from_regex(r"\A#[0-9a-fA-F]{6}\Z"))
def test_a_colour_is_accepted_exactly_when_white_text_reaches_aa_contrast(color):
    ratio = branding.contrast_with_white(color.upper())
    if ratio >= branding.MIN_CONTRAST:
        assert services.check_primary_color(color) == color.upper()
    else:
        with pytest.raises(DomainError) as e:
            services.check_primary_color(color)
        assert e.value.field == "primary_color"


@given(st.text(max_size=12))
def test_any_text_as_colour_either_normalizes_or_raises_a_domain_error(text):
    try:
        color = services.check_primary_color(text)
    except DomainError:
        return
    assert branding_checks.COLOR_RE.match(color)


def test_unknown_fields_are_refused(world):
    with pytest.raises(DomainError, match="Campos no modificables: kind, path"):
        services.update_institution(
            actor=world.national_admin, institution=world.campus_a1, kind="state", path="/x/"
        )


def test_national_office_cannot_be_deactivated(world):
    with pytest.raises(DomainError, match="La oficina nacional no se puede desactivar"):
        services.update_institution(
            actor=world.national_admin, institution=world.national, is_active=False
        )
    world.national.refresh_from_db()
    assert world.national.is_active


def test_campus_admin_cannot_deactivate_their_own_campus(world):
    with pytest.raises(DomainError, match="Solo la administración de CONALEP Jalisco") as e:
        services.update_institution(actor=world.alice, institution=world.campus_a1, is_active=False)
    assert e.value.field == "is_active"
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.is_active


def test_state_admin_deactivates_and_reactivates_a_campus(world):
    services.update_institution(
        actor=world.state_admin_a, institution=world.campus_a1, is_active=False
    )
    world.campus_a1.refresh_from_db()
    assert not world.campus_a1.is_active
    services.update_institution(
        actor=world.state_admin_a, institution=world.campus_a1, is_active=True
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.is_active


def test_png_logo_is_stored_under_branding_with_its_real_extension(world, media_root):
    services.update_institution(
        actor=world.alice,
        institution=world.campus_a1,
        logo=image_upload("logo.html", image_format="PNG"),
    )
    world.campus_a1.refresh_from_db()
    name = world.campus_a1.logo.name
    assert name.startswith("branding/14dpt0001a-")
    assert name.endswith(".png")
    assert (media_root / name).exists()


def test_jpeg_logo_is_accepted(world, media_root):
    services.update_institution(
        actor=world.alice,
        institution=world.campus_a1,
        logo=image_upload("logo.jpg", image_format="JPEG"),
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.logo.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("logo.svg", SVG_LOGO, "image/svg+xml"), "SVG no se acepta"),
        (lambda: image_upload("logo.gif", image_format="GIF"), "debe ser una imagen PNG o JPEG"),
        (lambda: image_upload(size=(900, 900), noise=True), "el máximo es 1 MB"),
        (lambda: image_upload(size=(4100, 10)), "el máximo es 4000 por lado"),
    ],
    ids=["svg", "gif", "over-1mb", "too-wide"],
)
def test_logo_that_is_not_a_small_png_or_jpeg_is_refused(world, media_root, upload, message):
    with pytest.raises(DomainError, match=message) as e:
        services.update_institution(actor=world.alice, institution=world.campus_a1, logo=upload())
    assert e.value.field == "logo"
    world.campus_a1.refresh_from_db()
    assert not world.campus_a1.logo
    assert not list(media_root.rglob("*.*"))


def test_removing_the_logo_falls_back_to_the_parents(world, media_root):
    services.update_institution(
        actor=world.state_admin_a, institution=world.state_a, logo=image_upload("estado.png")
    )
    services.update_institution(
        actor=world.alice, institution=world.campus_a1, logo=image_upload("plantel.png")
    )
    own = branding.for_institution(world.campus_a1.pk).logo_url
    services.update_institution(actor=world.alice, institution=world.campus_a1, logo="")
    world.campus_a1.refresh_from_db()
    assert not world.campus_a1.logo
    inherited = branding.for_institution(world.campus_a1.pk).logo_url
    assert inherited != own
    assert "/media/branding/jal-" in inherited


# --- Careers ------------------------------------------------------------------------------


def test_campus_admin_registers_a_career(world):
    career = services.create_career(
        actor=world.alice, campus=world.campus_a1, code="mant", name=" Mantenimiento "
    )
    assert (career.campus, career.code, career.name) == (world.campus_a1, "MANT", "Mantenimiento")


def test_duplicate_career_code_in_the_same_campus_is_a_conflict(world):
    before = _counts()
    with pytest.raises(Conflict, match="El plantel ya tiene una carrera con la clave INFO") as e:
        services.create_career(actor=world.alice, campus=world.campus_a1, code="info", name="X")
    assert e.value.field == "code"
    assert _counts() == before


def test_careers_are_registered_at_a_campus_only(world):
    with pytest.raises(DomainError, match="Las carreras se registran en un plantel"):
        services.create_career(actor=world.state_admin_a, campus=world.state_a, code="X1", name="X")
    assert not Career.objects.filter(code="X1").exists()


def test_career_is_deactivated_through_update(world):
    services.update_career(
        actor=world.alice, career=world.career_a1, code="INFO", name="Informática", is_active=False
    )
    world.career_a1.refresh_from_db()
    assert not world.career_a1.is_active


def test_renaming_a_career_onto_another_code_of_the_campus_is_a_conflict(world):
    other = CareerFactory(campus=world.campus_a1, code="MANT", name="Mantenimiento")
    with pytest.raises(Conflict) as e:
        services.update_career(
            actor=world.alice, career=other, code="INFO", name="Mantenimiento", is_active=True
        )
    assert e.value.field == "code"
    assert other.code == "MANT"
    other.refresh_from_db()
    assert other.code == "MANT"


# --- Periods ------------------------------------------------------------------------------


def test_making_a_period_current_unsets_the_previous_one(world):
    old = AcademicPeriod.objects.get(is_current=True)
    new = services.save_period(
        actor=world.national_admin,
        code="2027-1",
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 7, 9),
        is_current=True,
    )
    old.refresh_from_db()
    assert new.is_current
    assert not old.is_current
    assert list(AcademicPeriod.objects.filter(is_current=True)) == [new]


def test_failed_period_save_leaves_the_current_period_alone(world):
    old = AcademicPeriod.objects.get(is_current=True)
    before = _counts()
    with pytest.raises(DomainError, match="AAAA-1 o AAAA-2") as e:
        services.save_period(
            actor=world.national_admin,
            code="2027-3",
            starts_on=datetime.date(2027, 2, 1),
            ends_on=datetime.date(2027, 7, 9),
            is_current=True,
        )
    assert e.value.field == "code"
    old.refresh_from_db()
    assert old.is_current
    assert _counts() == before


def test_period_must_end_after_it_starts(world):
    with pytest.raises(DomainError, match="debe terminar después de iniciar") as e:
        services.save_period(
            actor=world.national_admin,
            code="2027-1",
            starts_on=datetime.date(2027, 7, 1),
            ends_on=datetime.date(2027, 2, 1),
            is_current=False,
        )
    assert e.value.field == "ends_on"
    assert not AcademicPeriod.objects.filter(code="2027-1").exists()


def test_duplicate_period_code_is_a_conflict(world):
    with pytest.raises(Conflict, match="El periodo 2026-2 ya existe"):
        services.save_period(
            actor=world.national_admin,
            code="2026-2",
            starts_on=datetime.date(2026, 8, 1),
            ends_on=datetime.date(2027, 1, 9),
            is_current=False,
        )


@pytest.mark.parametrize("who", ["state_admin_a", "alice", "teacher_a1"])
def test_only_the_national_administration_defines_periods(world, who):
    before = _counts()
    with pytest.raises(AccessDenied, match="Solo la administración nacional"):
        services.save_period(
            actor=getattr(world, who),
            code="2027-1",
            starts_on=datetime.date(2027, 2, 1),
            ends_on=datetime.date(2027, 7, 9),
            is_current=False,
        )
    assert _counts() == before


# --- Groups -------------------------------------------------------------------------------


def _period():
    return AcademicPeriod.objects.get(is_current=True)


def test_campus_admin_creates_a_group_with_a_career_of_their_campus(world):
    group = services.create_group(
        actor=world.alice,
        campus=world.campus_a1,
        period=_period(),
        name=" 301a ",
        semester=3,
        shift=Group.Shift.AFTERNOON,
        career=world.career_a1,
    )
    assert (group.name, group.semester, group.career) == ("301A", 3, world.career_a1)


def test_group_career_must_belong_to_the_campus(world):
    career_a2 = Career.objects.get(campus=world.campus_a2)
    before = _counts()
    with pytest.raises(DomainError, match="La carrera no pertenece a este plantel") as e:
        services.create_group(
            actor=world.alice,
            campus=world.campus_a1,
            period=_period(),
            name="102",
            semester=1,
            career=career_a2,
        )
    assert e.value.field == "career"
    assert _counts() == before


def test_group_name_is_unique_per_campus_and_period(world):
    with pytest.raises(Conflict, match="Ya existe el grupo 101 en 2026-2") as e:
        services.create_group(
            actor=world.alice, campus=world.campus_a1, period=_period(), name="101", semester=1
        )
    assert e.value.field == "name"


def test_same_group_name_is_fine_in_another_period(world):
    other = PeriodFactory(
        code="2027-1",
        is_current=False,
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 7, 9),
    )
    group = services.create_group(
        actor=world.alice, campus=world.campus_a1, period=other, name="101", semester=2
    )
    assert group.period == other


@pytest.mark.parametrize("semester", [0, 7])
def test_group_semester_goes_from_1_to_6(world, semester):
    before = _counts()
    with pytest.raises(DomainError) as e:
        services.create_group(
            actor=world.alice,
            campus=world.campus_a1,
            period=_period(),
            name="999",
            semester=semester,
        )
    assert e.value.field == "semester"
    assert _counts() == before


def test_groups_belong_to_a_campus(world):
    with pytest.raises(DomainError, match="Los grupos pertenecen a un plantel"):
        services.create_group(
            actor=world.state_admin_a, campus=world.state_a, period=_period(), name="1", semester=1
        )


def test_new_group_cannot_use_a_deactivated_career(world):
    Career.objects.filter(pk=world.career_a1.pk).update(is_active=False)
    world.career_a1.refresh_from_db()
    with pytest.raises(DomainError, match="está desactivada") as e:
        services.create_group(
            actor=world.alice,
            campus=world.campus_a1,
            period=_period(),
            name="102",
            semester=1,
            career=world.career_a1,
        )
    assert e.value.field == "career"


def test_existing_group_keeps_its_deactivated_career_when_edited(world):
    Career.objects.filter(pk=world.career_a1.pk).update(is_active=False)
    world.career_a1.refresh_from_db()
    group = world.group_a1
    services.update_group(
        actor=world.alice,
        group=group,
        period=group.period,
        name="101",
        semester=2,
        shift=group.shift,
        career=world.career_a1,
    )
    group.refresh_from_db()
    assert group.semester == 2


def test_refused_group_update_leaves_the_group_untouched(world):
    group = world.group_a1
    services.create_group(
        actor=world.alice, campus=world.campus_a1, period=group.period, name="102", semester=1
    )
    with pytest.raises(Conflict):
        services.update_group(
            actor=world.alice,
            group=group,
            period=group.period,
            name="102",
            semester=4,
            shift=group.shift,
            career=None,
        )
    assert (group.name, group.semester) == ("101", 1)
    group.refresh_from_db()
    assert (group.name, group.semester, group.career) == ("101", 1, world.career_a1)


# --- Memberships --------------------------------------------------------------------------


def test_state_admin_cannot_grant_national_admin(world):
    person = UserFactory()
    before = _counts()
    with pytest.raises(AccessDenied):
        services.grant_membership(
            actor=world.state_admin_a,
            user=person,
            institution=world.national,
            role=Role.NATIONAL_ADMIN,
            first_role=True,
        )
    with pytest.raises(DomainError, match="no se puede asignar en colegio estatal"):
        services.grant_membership(
            actor=world.state_admin_a,
            user=person,
            institution=world.state_a,
            role=Role.NATIONAL_ADMIN,
            first_role=True,
        )
    assert _counts() == before


def test_campus_admin_cannot_grant_a_state_admin_role(world):
    with pytest.raises(DomainError):
        services.grant_membership(
            actor=world.alice,
            user=UserFactory(),
            institution=world.campus_a1,
            role="state_admin",
            first_role=True,
        )
    assert not Membership.objects.filter(role=Role.STATE_ADMIN, institution=world.campus_a1)


def test_campus_admin_cannot_grant_at_a_sibling_campus(world):
    before = _counts()
    with pytest.raises(AccessDenied, match="No tienes permiso"):
        services.grant_membership(
            actor=world.alice,
            user=UserFactory(),
            institution=world.campus_a2,
            role=Role.TEACHER,
            first_role=True,
        )
    assert _counts() == before


def test_role_must_fit_the_kind_of_institution(world):
    with pytest.raises(DomainError, match="no se puede asignar en plantel") as e:
        services.grant_membership(
            actor=world.national_admin,
            user=UserFactory(),
            institution=world.campus_a1,
            role=Role.STATE_ADMIN,
            first_role=True,
        )
    assert e.value.field == "role"
    with pytest.raises(DomainError, match="no se puede asignar en colegio estatal"):
        services.grant_membership(
            actor=world.national_admin,
            user=UserFactory(),
            institution=world.state_a,
            role=Role.STUDENT,
            first_role=True,
        )


def test_unknown_role_is_refused_on_the_role_field(world):
    with pytest.raises(DomainError, match="no existe") as e:
        services.grant_membership(
            actor=world.alice,
            user=UserFactory(),
            institution=world.campus_a1,
            role="rector",
            first_role=True,
        )
    assert e.value.field == "role"


def test_roles_cannot_be_granted_at_an_inactive_institution(world):
    campus = services.create_institution(
        actor=world.state_admin_a, parent=world.state_a, code="14DPT0005E", name="Nuevo"
    )
    services.update_institution(actor=world.state_admin_a, institution=campus, is_active=False)
    with pytest.raises(DomainError, match="está inactiva"):
        services.grant_membership(
            actor=world.state_admin_a,
            user=UserFactory(),
            institution=campus,
            role=Role.TEACHER,
            first_role=True,
        )
    assert not Membership.objects.filter(institution=campus).exists()


def test_campus_admin_grants_a_teacher_role_at_their_campus(world):
    person = UserFactory()
    membership = services.grant_membership(
        actor=world.alice,
        user=person,
        institution=world.campus_a1,
        role=Role.TEACHER,
        first_role=True,
    )
    assert membership.granted_by == world.alice
    with pytest.raises(Conflict, match="ya tiene ese rol"):
        services.grant_membership(
            actor=world.alice, user=person, institution=world.campus_a1, role=Role.TEACHER
        )
    assert Membership.objects.filter(user=person).count() == 1


def test_a_first_role_goes_only_to_an_account_without_roles(world):
    with pytest.raises(AccessDenied, match="No puedes asignar roles a esta persona"):
        services.grant_membership(
            actor=world.alice,
            user=world.student_b1,
            institution=world.campus_a1,
            role=Role.TEACHER,
            first_role=True,
        )
    assert not Membership.objects.filter(user=world.student_b1, institution=world.campus_a1)


def test_nobody_can_revoke_their_own_role(world):
    own = Membership.objects.get(user=world.alice)
    with pytest.raises(DomainError, match="No puedes retirarte tus propios roles"):
        services.revoke_membership(actor=world.alice, membership=own)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_campus_admin_revokes_a_role_at_their_campus_but_not_at_a_sibling(world):
    mine = MembershipFactory(user=world.teacher_a1, institution=world.campus_a1, role=Role.EXTERNAL)
    theirs = MembershipFactory(
        user=world.student_a2, institution=world.campus_a2, role=Role.EXTERNAL
    )
    services.revoke_membership(actor=world.alice, membership=mine)
    assert not Membership.objects.filter(pk=mine.pk).exists()
    with pytest.raises(AccessDenied):
        services.revoke_membership(actor=world.alice, membership=theirs)
    assert Membership.objects.filter(pk=theirs.pk).exists()
