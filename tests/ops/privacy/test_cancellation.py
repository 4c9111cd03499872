"""An ARCO cancellation for a student: the personal data is blocked at once (gone from
every page, kept sealed only for legal purposes), then deleted when the blocking period
ends (the retention task), while every aggregate that counted the student stays the
same: their learning rows stay, as an anonymous person's."""

import datetime

import pytest
from django.db.models import Avg, Count
from django.test import Client

from impulsa.accounts.models import User
from impulsa.assessment.models import Answer
from impulsa.audit.api import AuditEntry
from impulsa.core.errors import Conflict
from impulsa.dual.models import LogbookEntry
from impulsa.dual.views.home import node_figures
from impulsa.learning.models import ActivityProgress, Enrollment
from impulsa.ops.privacy import arco
from impulsa.ops.privacy.blocking import block_person, sealed_data
from impulsa.ops.privacy.models import ArcoStatus, PersonalDataBlock
from impulsa.ops.privacy.retention import apply_retention
from impulsa.proctoring.grades import selectors as grades
from impulsa.proctoring.models import Attempt
from impulsa.proctoring.taking import services as exam_services
from tests.dual.builders import build_dual
from tests.exam_builders import build_exam, client
from tests.factories import PASSWORD, make_curp
from tests.ops.privacy.builders import granted_request


@pytest.fixture
def studied(world):
    """student_a1 took a graded exam, has course progress and an active dual placement."""
    student = world.student_a1
    exam = build_exam(
        world.designer, institution=world.national, staff=world.alice, student=student,
        campus=world.campus_a1,
    )  # fmt: skip
    attempt = exam_services.start_attempt(actor=student, session=exam.session, client=client())
    exam_services.save_answer(
        actor=student, attempt_id=attempt.pk, item_version_id=exam.fixed[0], response=0,
        client=client(),
    )  # fmt: skip
    exam_services.submit(actor=student, attempt_id=attempt.pk, client=client())
    build_dual(
        world.alice, world.campus_a1, student, world.career_a1, exam.built.skills,
        label="Cancel", seed=41,
    )  # fmt: skip
    return exam


def aggregates(world, exam) -> dict:
    course = exam.course
    progress = ActivityProgress.objects.filter(enrollment__course=course)
    _group, _course, _columns, rows = grades.group_sheet(world.alice, world.group_a1.pk, course.pk)
    attempts = Attempt.objects.filter(enrollment__course=course)
    return {
        "enrollments": Enrollment.objects.filter(course=course).count(),
        "progress": list(progress.values("status").annotate(n=Count("id")).order_by("status")),
        "mean_score": progress.aggregate(m=Avg("score"))["m"],
        "attempts": list(attempts.values("state").annotate(n=Count("id")).order_by("state")),
        "mean_grade": attempts.aggregate(m=Avg("grade"))["m"],
        "answers": Answer.objects.filter(enrollment__course=course).count(),
        "grade_sheet": sorted(str(cell.grade) for row in rows for cell in row.cells),
        "dual": [(str(f.label), f.value) for f in node_figures(world.alice, world.campus_a1)],
        "logbook": LogbookEntry.objects.filter(placement__campus=world.campus_a1).count(),
    }


def test_cancellation_blocks_then_deletes_while_every_aggregate_stays(world, studied, login):
    student = world.student_a1
    curp = make_curp(1)
    name = student.get_full_name()
    before = aggregates(world, studied)
    assert before["enrollments"] == 1 and before["grade_sheet"] != ["None"]
    assert before["dual"][0][1] == 1  # one student in dual
    assert AuditEntry.objects.filter(object_repr__contains=name).exists()  # named until blocked
    assert name in login(world.alice).get("/auditoria/").text

    request = granted_request(world.alice, student, "cancellation")
    done = arco.complete(actor=world.alice, request_id=request.pk)
    assert done.status == ArcoStatus.COMPLETED

    # Blocked: nothing identifying is left on the person's row, the account is closed,
    # and the data waits sealed (encrypted) for the blocking period.
    person = User.objects.get(pk=student.pk)
    assert (person.first_name, person.last_name) == ("Persona", f"anónima {student.pk}")
    assert person.curp is None and person.email == "" and not person.is_active
    assert not User.objects.with_curp(curp).exists()
    block = PersonalDataBlock.objects.get(person=student)
    assert sealed_data(block)["curp"] == curp
    assert sealed_data(block)["matricula"] == "2614001"
    assert block.delete_on > block.blocked_on
    assert aggregates(world, studied) == before
    assert not AuditEntry.objects.filter(object_repr__contains=name).exists()

    # Hidden from every page: the grade sheet, the people list, the dual placements.
    staff = login(world.alice)
    for url in (
        f"/calificaciones/grupo/{world.group_a1.pk}/curso/{studied.course.pk}/",
        "/personas/",
        "/dual/colocaciones/",
        "/auditoria/",
    ):
        page = staff.get(url)
        assert page.status_code == 200, url
        assert "2614001" not in page.text and curp not in page.text, url
        assert name not in page.text, url
    signing_in = Client().post("/cuenta/entrar/", {"username": "2614001", "password": PASSWORD})
    assert signing_in.status_code == 200  # the form again: no such account any more

    # The blocking period ends: the retention task destroys the sealed copy.
    assert apply_retention(on=block.delete_on - datetime.timedelta(days=1)).deleted == 0
    assert apply_retention(on=block.delete_on).deleted == 1
    block.refresh_from_db()
    assert block.sealed is None and block.deleted_on is not None
    assert sealed_data(block) == {}
    assert aggregates(world, studied) == before


def test_a_person_is_blocked_only_once(world):
    request = granted_request(world.alice, world.student_a1, "cancellation")
    arco.complete(actor=world.alice, request_id=request.pk)
    with pytest.raises(Conflict):
        block_person(actor=world.alice, person=world.student_a1, reason="arco")
