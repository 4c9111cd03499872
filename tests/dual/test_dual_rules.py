"""Rotation-plan conflicts are refused with a clear message and nothing is written; the
RFC check refuses a bad format, warns on an odd check digit, and duplicates are caught."""

import datetime

import pytest
from stdnum.mx import rfc as stdnum_rfc

from impulsa.core.errors import Conflict, DomainError
from impulsa.dual.models import Company, PlanStation
from impulsa.dual.rfc import check_rfc
from impulsa.dual.services import companies, placements, plans
from impulsa.org.roles import Role
from tests.dual.builders import make_rfc, person
from tests.factories import CareerFactory, StudentProfileFactory

pytestmark = pytest.mark.django_db


def _station(world, dual, **overrides):
    args = {
        "actor": world.alice,
        "placement": dual.placement,
        "position": dual.position,
        "starts_on": dual.station.ends_on + datetime.timedelta(days=1),
        "ends_on": dual.station.ends_on + datetime.timedelta(days=20),
        "hours": 60,
    }
    return plans.add_station(**{**args, **overrides})


def test_overlapping_dates_in_the_same_plan_are_refused(world, dual):
    before = PlanStation.objects.count()
    with pytest.raises(Conflict, match="se enciman"):
        _station(world, dual, starts_on=dual.station.starts_on + datetime.timedelta(days=3))
    assert PlanStation.objects.count() == before


def test_a_position_of_another_career_is_refused(world, dual):
    other = CareerFactory(campus=world.campus_a1, code="CONT", name="Contabilidad")
    position = plans.create_position(
        actor=world.alice, company=dual.company, career=other, name="Auxiliar contable", capacity=3
    )
    with pytest.raises(Conflict, match="no corresponde a la carrera"):
        _station(world, dual, position=position)


def test_a_full_position_is_refused(world, dual):
    full = plans.create_position(
        actor=world.alice, company=dual.company, career=world.career_a1, name="Redes", capacity=1
    )
    _station(world, dual, position=full)
    second = person("alumna2", world.campus_a1, Role.STUDENT)
    StudentProfileFactory(user=second, campus=world.campus_a1, career=world.career_a1)
    other = placements.propose_placement(
        actor=world.alice, company=dual.company, student=second,
        starts_on=dual.placement.starts_on, ends_on=dual.placement.ends_on,
    )  # fmt: skip
    with pytest.raises(Conflict, match="cupo completo"):
        _station(world, dual, placement=other, position=full)


def test_dates_outside_the_framework_agreement_are_refused(world, dual):
    late = dual.placement
    late.ends_on = dual.framework.ends_on + datetime.timedelta(days=60)
    late.save(update_fields=["ends_on"])
    with pytest.raises(Conflict, match="convenio"):
        _station(world, dual, ends_on=dual.framework.ends_on + datetime.timedelta(days=10))


def test_a_template_with_a_conflict_writes_no_station(world, dual):
    before = PlanStation.objects.count()
    with pytest.raises(Conflict):
        plans.apply_template(
            actor=world.alice, placement=dual.placement, template=dual.template,
            starts_on=dual.station.starts_on,
        )  # fmt: skip
    assert PlanStation.objects.count() == before


def test_a_placement_cannot_start_without_a_learning_agreement(world, dual):
    second = person("alumna3", world.campus_a1, Role.STUDENT)
    StudentProfileFactory(user=second, campus=world.campus_a1, career=world.career_a1)
    placement = placements.propose_placement(
        actor=world.alice, company=dual.company, student=second,
        starts_on=dual.placement.starts_on, ends_on=dual.placement.ends_on,
    )  # fmt: skip
    placement = placements.move_placement(actor=world.alice, placement=placement, to="confirmed")
    with pytest.raises(Conflict, match="convenio de aprendizaje"):
        placements.move_placement(actor=world.alice, placement=placement, to="active")


def test_withdrawal_needs_who_and_why_and_keeps_history(world, dual):
    with pytest.raises(DomainError, match="motivo"):
        placements.move_placement(
            actor=world.alice, placement=dual.placement, to="withdrawn", withdrawn_by="company"
        )
    done = placements.move_placement(
        actor=world.alice, placement=dual.placement, to="withdrawn", withdrawn_by="company",
        reason="Cierre de la planta",
    )  # fmt: skip
    assert done.withdrawn_by == "company"
    assert [e.to_status for e in done.events.all()] == [
        "proposed", "confirmed", "active", "withdrawn",
    ]  # fmt: skip


def test_rfc_format_is_refused_and_an_odd_check_digit_only_warns():
    with pytest.raises(DomainError, match="formato"):
        check_rfc("XYZ")
    good = make_rfc(3)
    assert stdnum_rfc.is_valid(good)
    assert check_rfc(good).warning == ""
    odd = good[:-1] + ("0" if good[-1] != "0" else "1")
    checked = check_rfc(odd)
    assert checked.value == odd and "dígito verificador" in checked.warning


def test_a_duplicate_rfc_at_the_campus_is_caught(world, dual):
    data = {"legal_name": "Otra", "rfc": dual.company.rfc, "sector": "services", "size": "small",
            "address": "Calle 1", "contact_name": "Ana", "contact_email": "a@b.mx"}  # fmt: skip
    with pytest.raises(Conflict, match="Ya hay una empresa"):
        companies.register_company(campus=world.campus_a1, data=data)
    assert Company.objects.filter(rfc=dual.company.rfc).count() == 1
