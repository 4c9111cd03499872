"""The register of personal data shared with dual companies, read from dual through
dual.api: which company, which data, on what basis and since when, in the viewer's
scope."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from impulsa.dual.models import Placement
from impulsa.ops.privacy import sharing
from tests.dual.builders import build_dual
from tests.factories import MembershipFactory, StudentProfileFactory, UserFactory
from tests.learning_builders import build_course


def _placed(world, student, campus, career, admin, seed):
    built = build_course(world.designer, institution=world.national, name=f"Curso {seed}")
    return build_dual(admin, campus, student, career, built.skills, label=f"S{seed}", seed=seed)


def test_the_register_names_company_data_basis_and_date(world, login):
    dual = _placed(world, world.student_a1, world.campus_a1, world.career_a1, world.alice, 11)
    records = sharing.records(sharing.register_for(world.alice))
    assert len(records) == 1
    record = records[0]
    assert record.company == str(dual.company) and record.company_rfc == dual.company.rfc
    assert record.has_agreement and "Convenio de aprendizaje S11" in record.legal_basis
    assert record.shared_on == dual.placement.created_at.date()
    page = login(world.alice).get("/privacidad/compartidos/")
    assert page.status_code == 200
    assert dual.company.rfc in page.text and "Bitácora semanal" in page.text


def test_a_placement_without_an_agreement_is_flagged(world):
    dual = _placed(world, world.student_a1, world.campus_a1, world.career_a1, world.alice, 12)
    Placement.objects.filter(pk=dual.placement.pk).update(agreement=None)
    (record,) = sharing.records(sharing.register_for(world.alice))
    assert not record.has_agreement and record.legal_basis == "Sin convenio registrado"


def test_each_viewer_sees_the_register_of_their_scope_only(world, login):
    _placed(world, world.student_a1, world.campus_a1, world.career_a1, world.alice, 13)
    assert sharing.register_for(world.bob).count() == 0
    assert sharing.register_for(world.state_admin_a).count() == 1
    assert sharing.register_for(world.student_a1).count() == 1  # their own
    assert login(world.teacher_a1).get("/privacidad/compartidos/").status_code == 403


def test_the_register_page_costs_the_same_queries_for_one_or_three_placements(world, login):
    _placed(world, world.student_a1, world.campus_a1, world.career_a1, world.alice, 14)
    client = login(world.alice)
    client.get("/privacidad/compartidos/")
    with CaptureQueriesContext(connection) as one:
        client.get("/privacidad/compartidos/")
    for seed in (15, 16):
        student = UserFactory(username=f"dual{seed}")
        MembershipFactory(user=student, institution=world.campus_a1, role="student")
        StudentProfileFactory(user=student, campus=world.campus_a1, career=world.career_a1,
                              group=world.group_a1, matricula=f"2614{seed}7")  # fmt: skip
        _placed(world, student, world.campus_a1, world.career_a1, world.alice, seed)
    client.get("/privacidad/compartidos/")  # the per-process caches refill after the writes
    with CaptureQueriesContext(connection) as three:
        page = client.get("/privacidad/compartidos/")
    assert page.text.count("Convenio de aprendizaje") == 3
    assert len(three) == len(one), [q["sql"][:120] for q in three]
