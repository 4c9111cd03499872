"""Integrity reports of an attempt and of a session, PDF and XLSX: what they say,
who may download them (not a sibling campus, not another state), as attachments,
with a number of queries that does not grow with the attempts."""

import base64
import re
import zlib
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from impulsa.org.roles import Role
from impulsa.proctoring.integrity.events import Reported
from impulsa.proctoring.integrity.services import record_batch
from impulsa.proctoring.scheduling.services import grant_accommodation
from impulsa.proctoring.supervision import services as proctor
from impulsa.proctoring.taking import services
from tests.conftest import _student
from tests.exam_builders import build_exam, client
from tests.factories import MembershipFactory, UserFactory
from tests.learning_builders import enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(world):
    return build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
    )


def _sat(world, exam, student):
    attempt = services.start_attempt(actor=student, session=exam.session, client=client())
    record_batch(
        actor=student, attempt_id=attempt.pk, ip="10.0.0.5",
        events=[Reported("paste", 0, {"length": 12}), Reported("tab_hidden", 0, {})],
    )  # fmt: skip
    return attempt


@pytest.fixture
def sat(world, exam):
    grant_accommodation(
        actor=world.alice, session=exam.session, student=world.student_a1, extra_minutes=15,
        reason="Lectura en voz alta",
    )  # fmt: skip
    attempt = _sat(world, exam, world.student_a1)
    proctor.annotate(actor=world.teacher_a1, attempt_id=attempt.pk, text="Revisó su calculadora.")
    proctor.invalidate(actor=world.teacher_a1, attempt_id=attempt.pk, reason="Usó el celular")
    return attempt


def _pdf_text(content: bytes) -> str:
    """The text drawn on the pages (reportlab writes each page's stream compressed,
    then in ASCII85)."""
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        data = stream.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data, adobe=True)
        try:
            text.append(zlib.decompress(data).decode("latin-1"))
        except zlib.error:
            continue
    # Characters beyond ASCII are written as octal escapes in the page's strings.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), "".join(text))


def _assert_attachment(response, content_type, suffix):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith(f'.{suffix}"')


def test_the_attempt_pdf_lists_who_when_grade_accommodation_events_and_notes(world, sat, login):
    web = login(world.teacher_a1)
    response = web.get(reverse("proctor:attempt_report_pdf", args=[sat.pk]))
    _assert_attachment(response, "application/pdf", "pdf")
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    name = world.student_a1.get_full_name()
    for expected in (
        name, "Peg\xf3", "Cambi\xf3 de pesta\xf1a", "12 caracteres", "Revis\xf3 su calculadora.",
        "anul\xf3 el intento: Us\xf3 el celular", "Anulado", "15 min extra", "Lectura en voz alta",
        "Parcial 1",
    ):  # fmt: skip
        assert expected in text, expected


def test_the_session_xlsx_has_a_row_per_moment_with_the_attempts_summary(world, exam, sat, login):
    web = login(world.teacher_a1)
    response = web.get(reverse("proctor:session_report_xlsx", args=[exam.session.pk]))
    _assert_attachment(
        response, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:4] == ["Alumno", "Intento", "Estado", "Calificación"]
    assert header[-3:] == ["Momento", "Qué pasó", "Detalle"]
    what = [r[header.index("Qué pasó")] for r in rows[1:]]
    assert "Pegó" in what and "Cambió de pestaña" in what
    assert what.count("Nota de quien supervisa") == 2  # the note and the annulment
    assert {r[header.index("Calificación")] for r in rows[1:]} == {"anulado"}
    assert all("Lectura en voz alta" in r[header.index("Ajustes razonables")] for r in rows[1:])


def test_reports_of_another_campus_are_not_found(world, exam, sat, login):
    for campus, name in ((world.campus_a2, "vigila_a2"), (world.campus_b1, "vigila_b1")):
        outsider = UserFactory(username=name)
        MembershipFactory(user=outsider, institution=campus, role=Role.PROCTOR)
        web = login(outsider)
        for url in (
            reverse("proctor:attempt_report_pdf", args=[sat.pk]),
            reverse("proctor:attempt_report_xlsx", args=[sat.pk]),
            reverse("proctor:session_report_pdf", args=[exam.session.pk]),
            reverse("proctor:session_report_xlsx", args=[exam.session.pk]),
        ):
            assert web.get(url).status_code == 404, (name, url)
    student = login(world.student_a1)
    assert student.get(reverse("proctor:attempt_report_pdf", args=[sat.pk])).status_code == 404


def test_the_session_reports_queries_do_not_grow_with_attempts(
    world, exam, login, django_assert_num_queries, django_assert_max_num_queries
):
    _sat(world, exam, world.student_a1)
    web = login(world.teacher_a1)
    urls = [
        reverse("proctor:session_report_pdf", args=[exam.session.pk]),
        reverse("proctor:session_report_xlsx", args=[exam.session.pk]),
    ]
    web.get(urls[0])  # the process caches of roles and the tree are warm from here on
    counts = []
    for url in urls:
        with django_assert_max_num_queries(100) as captured:
            assert web.get(url).status_code == 200
        counts.append(len(captured))
    for n in range(3):
        student = _student(f"26140{n}9", world.campus_a1, world.career_a1, world.group_a1, 20 + n)
        enroll(world.alice, student, exam.course)
        _sat(world, exam, student)
    web.get(urls[0])  # the new people moved the caches' versions: read them once
    for url, before in zip(urls, counts, strict=True):
        with django_assert_num_queries(before):
            assert web.get(url).status_code == 200
    assert max(counts) <= 12
