"""Logbook review, evaluations, visits that open incidents, escalation when overdue,
agreement expiry alerts."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from impulsa.core.errors import AccessDenied, DomainError
from impulsa.dual.models import Incident, Notice
from impulsa.dual.services import agreements, incidents, logbook, visits
from impulsa.org.roles import Role
from tests.dual.builders import person
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_instructor_returns_then_accepts_and_the_student_is_told(world, dual):
    with pytest.raises(DomainError, match="comentario"):
        logbook.review_logbooks(actor=dual.instructor, entries=[dual.entry], accept=False)
    logbook.review_logbooks(
        actor=dual.instructor, entries=[dual.entry], accept=False, comment="Agrega fotos"
    )
    dual.entry.refresh_from_db()
    assert dual.entry.status == "returned"
    again = logbook.submit_logbook(
        actor=world.student_a1, placement=dual.placement, week_start=dual.entry.week_start,
        activities="Instalé equipos y documenté", learned="", hours="40",
    )  # fmt: skip
    assert again.pk == dual.entry.pk and again.status == "submitted"
    logbook.review_logbooks(actor=dual.instructor, entries=[again], accept=True)
    again.refresh_from_db()
    assert again.status == "accepted"
    assert Notice.objects.filter(user=world.student_a1).count() == 2


def test_another_company_instructor_cannot_review(world, dual):
    stranger = person("otro_instructor", world.campus_a1, Role.COMPANY_INSTRUCTOR)
    with pytest.raises(AccessDenied):
        logbook.review_logbooks(actor=stranger, entries=[dual.entry], accept=True)


def test_missing_weeks_are_the_finished_weeks_without_a_logbook(dual):
    today = timezone.localdate()
    written = {dual.entry.week_start}
    missing = logbook.missing_weeks(dual.placement, today, written)
    assert len(missing) == 2 and dual.entry.week_start not in missing


def test_a_visit_opens_an_incident_that_escalates_to_campus_then_state(world, dual):
    visit = visits.schedule_visit(
        actor=dual.tutor, placement=dual.placement, scheduled_on=timezone.localdate()
    )
    visits.record_visit(
        actor=dual.tutor, visit=visit, done_on=timezone.localdate(), checklist={},
        findings="Sin equipo de protección",
        incident={"kind": "safety", "severity": "critical", "description": "Sin casco"},
    )  # fmt: skip
    incident = Incident.objects.get(opened_by_visit=visit)
    lead = incident.due_at - incident.created_at
    assert abs(lead - datetime.timedelta(days=1)) < datetime.timedelta(minutes=1)
    mail.outbox.clear()
    later = timezone.now() + datetime.timedelta(days=2)
    assert incidents.escalate_overdue(now=later) >= 1
    incident.refresh_from_db()
    assert incident.escalation_level == 1
    assert any(world.alice.email in m.to for m in mail.outbox)
    incidents.escalate_overdue(now=later + datetime.timedelta(days=2))
    incident.refresh_from_db()
    assert incident.escalation_level == 2
    assert Notice.objects.filter(user=world.state_admin_a).exists()


def test_confidential_incidents_are_hidden_from_the_instructor(world, dual):
    from impulsa.dual import selectors

    harassment = incidents.report_incident(
        actor=world.student_a1, placement=dual.placement, kind="harassment", severity="high",
        description="Comentarios ofensivos",
    )  # fmt: skip
    assert harassment not in selectors.incidents(dual.instructor)
    assert harassment in selectors.incidents(dual.tutor)
    assert harassment in selectors.incidents(world.alice)
    assert dual.incident in selectors.incidents(dual.instructor)


def test_expiry_alerts_go_once_to_campus_admins(world, dual):
    soon = dual.framework.ends_on - datetime.timedelta(days=10)
    mail.outbox.clear()
    assert agreements.send_expiry_alerts(today=soon) >= 1
    assert any(world.alice.email in m.to for m in mail.outbox)
    assert agreements.send_expiry_alerts(today=soon) == 0


def test_tutor_evaluation_counts_toward_coverage(world, dual):
    from impulsa.dual import reports

    assert reports.coverage(dual.placement).percent == 0
    skill = dual.position.competencies.first()
    logbook.evaluate(
        actor=dual.instructor, placement=dual.placement, station=dual.station, score="9",
        achieved=[skill],
    )  # fmt: skip
    assert skill in reports.coverage(dual.placement).achieved
    with pytest.raises(AccessDenied):
        logbook.evaluate(actor=dual.instructor, placement=dual.placement, score="8")
    assert MembershipFactory  # factories stay importable for new tests
