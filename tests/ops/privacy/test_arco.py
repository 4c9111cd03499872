"""ARCO requests: filing by the person or by staff for a guardian, identity check,
one extension, answer and deadlines in business days, all audited and scoped."""

import datetime

import pytest

from impulsa.audit.api import AuditEntry
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.ops.privacy import arco
from impulsa.ops.privacy.calendar import add_business_days
from impulsa.ops.privacy.models import ArcoStatus, Filer, IdentityDocument
from tests.factories import UserFactory


def _adult_student(world):
    student = world.student_a1
    student.birth_date = datetime.date(2000, 1, 1)
    student.save()
    return student


def test_a_person_files_their_own_request_with_the_legal_deadline(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="rectification",
        description="Mi apellido está mal escrito.",
    )  # fmt: skip
    assert filed.status == ArcoStatus.RECEIVED
    assert filed.campus == world.campus_a1
    assert filed.due_on == add_business_days(filed.received_on, 20)
    assert filed.folio.startswith(f"ARCO-{filed.received_on:%Y}-")


def test_a_second_open_request_for_the_same_right_is_refused(world):
    kwargs = {"subject": world.student_a1, "right": "access", "description": "Mis datos."}
    arco.file_request(actor=world.student_a1, **kwargs)
    with pytest.raises(Conflict):
        arco.file_request(actor=world.student_a1, **kwargs)


def test_staff_register_a_guardian_s_request_only_in_their_scope(world):
    with pytest.raises(AccessDenied):
        arco.file_request(
            actor=world.bob, subject=world.student_a1, right="access", description="Copia.",
            filer=Filer.GUARDIAN, representative_name="Rosa Pérez",
        )  # fmt: skip
    with pytest.raises(DomainError, match="madre, padre o tutor"):
        arco.file_request(
            actor=world.alice, subject=world.student_a1, right="access", description="Copia.",
            filer=Filer.GUARDIAN,
        )  # fmt: skip
    filed = arco.file_request(
        actor=world.alice, subject=world.student_a1, right="access", description="Copia.",
        filer=Filer.GUARDIAN, representative_name="Rosa Pérez",
    )  # fmt: skip
    assert filed.representative_name == "Rosa Pérez"


def test_a_minor_s_identity_is_proved_by_the_guardian(world):
    student = world.student_a1
    student.birth_date = datetime.date.today().replace(year=datetime.date.today().year - 16)
    student.save()
    filed = arco.file_request(
        actor=student, subject=student, right="access", description="Mis calificaciones."
    )
    with pytest.raises(DomainError, match="menor de edad"):
        arco.verify_identity(actor=world.alice, request_id=filed.pk, document=IdentityDocument.INE)
    verified = arco.verify_identity(
        actor=world.alice, request_id=filed.pk, document=IdentityDocument.GUARDIAN
    )
    assert verified.status == ArcoStatus.VERIFIED
    assert verified.identity_checked_by == world.alice


def test_an_adult_shows_their_own_identification(world):
    student = _adult_student(world)
    filed = arco.file_request(actor=student, subject=student, right="access", description="x")
    verified = arco.verify_identity(
        actor=world.alice, request_id=filed.pk, document=IdentityDocument.INE
    )
    assert verified.status == ArcoStatus.VERIFIED


def test_the_answer_waits_for_the_identity_check(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="opposition", description="x"
    )
    with pytest.raises(Conflict, match="identidad"):
        arco.respond(actor=world.alice, request_id=filed.pk, granted=True, response="Sí")


def test_the_deadline_is_extended_once_by_ten_business_days(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    with pytest.raises(DomainError):
        arco.extend(actor=world.alice, request_id=filed.pk, reason="  ")
    extended = arco.extend(actor=world.alice, request_id=filed.pk, reason="Archivo en otra sede.")
    assert extended.due_on == add_business_days(filed.due_on, 10)
    with pytest.raises(Conflict, match="una vez"):
        arco.extend(actor=world.alice, request_id=filed.pk, reason="Otra vez.")


def test_a_granted_request_must_be_made_effective_within_fifteen_business_days(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="rectification", description="x"
    )
    arco.verify_identity(actor=world.alice, request_id=filed.pk, document="guardian")
    answered = arco.respond(
        actor=world.alice, request_id=filed.pk, granted=True, response="Corregimos tu apellido."
    )
    assert answered.status == ArcoStatus.GRANTED
    assert answered.effective_by == add_business_days(answered.responded_on, 15)
    done = arco.complete(actor=world.alice, request_id=filed.pk)
    assert done.status == ArcoStatus.COMPLETED


def test_a_denied_request_cannot_be_made_effective(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="cancellation", description="x"
    )
    arco.verify_identity(actor=world.alice, request_id=filed.pk, document="guardian")
    arco.respond(
        actor=world.alice, request_id=filed.pk, granted=False,
        response="Tus datos se necesitan para tu certificado (art. 55 fr. IV).",
    )  # fmt: skip
    with pytest.raises(Conflict):
        arco.complete(actor=world.alice, request_id=filed.pk)


def test_the_state_admin_handles_requests_of_their_campuses_but_a_sibling_does_not(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    with pytest.raises(AccessDenied):
        arco.verify_identity(actor=world.bob, request_id=filed.pk, document="guardian")
    with pytest.raises(AccessDenied):
        arco.verify_identity(actor=world.charlie, request_id=filed.pk, document="guardian")
    arco.verify_identity(actor=world.state_admin_a, request_id=filed.pk, document="guardian")


def test_every_step_is_audited_without_the_description(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access",
        description="Texto privado del titular",
    )  # fmt: skip
    arco.verify_identity(actor=world.alice, request_id=filed.pk, document="guardian")
    arco.respond(actor=world.alice, request_id=filed.pk, granted=True, response="Procede.")
    entries = AuditEntry.objects.filter(object_pk=str(filed.pk), additional_data__folio=filed.folio)
    events = sorted(e.additional_data["event"] for e in entries)
    assert events == ["arco_answered", "arco_filed", "arco_identity_verified"]
    assert all("Texto privado" not in str(e.additional_data) for e in entries)


def test_a_teacher_cannot_handle_requests(world):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    with pytest.raises(AccessDenied):
        arco.verify_identity(actor=world.teacher_a1, request_id=filed.pk, document="guardian")


def test_a_person_without_a_campus_cannot_file(db):
    loner = UserFactory(username="sin_plantel")
    with pytest.raises(DomainError):
        arco.file_request(actor=loner, subject=loner, right="access", description="x")
