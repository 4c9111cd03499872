"""Dual demo data for campus Guadalajara I: companies with valid RFCs (one waiting for
approval), agreements, positions, a rotation plan, placements in several states with
logbook weeks, a visit and an incident. Built through the services by the campus admin;
run again, it leaves what exists."""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from stdnum.mx import rfc as stdnum_rfc

from impulsa.accounts.api import StudentProfile, User
from impulsa.dual.models import Company
from impulsa.dual.services import agreements, companies, incidents, logbook, placements, plans
from impulsa.dual.services import visits as visit_services
from impulsa.learning.api import Skill
from impulsa.org.api import Institution

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COMPANIES = [
    ("Manufacturas Tapatías S.A. de C.V.", "Manufacturas Tapatías", "MTA050315HJ", "industry"),
    ("Servicios Digitales de Occidente S.A.P.I. de C.V.", "SDO Tech", "SDO110704KP", "technology"),
    ("Clínica Santa Fe del Bajío S.C.", "Clínica Santa Fe", "CSF091020LM", "health"),
]


def _rfc(body: str) -> str:
    """`body`: 3 letters, the date (AAMMDD) and 2 homoclave letters; adds the check digit."""
    return body + stdnum_rfc.calc_check_digit(body)


def _doc(name: str):
    upload = ContentFile(PDF, name=name)
    return upload


def seed_dual() -> list[str]:
    campus = Institution.objects.filter(code="14DPT0001A").first()
    admin = User.objects.filter(username="admin.gdl1").first()
    if campus is None or admin is None or Company.objects.filter(campus=campus).exists():
        return ["dual: ya había datos (o falta el plantel de demostración)"]
    tutor = User.objects.get(username="tutor.gdl1")
    instructor = User.objects.get(username="instructor.gdl1")
    profiles = list(
        StudentProfile.objects.filter(campus=campus).select_related("user", "career")[:4]
    )
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday() + 28)
    made = []
    for legal, trade, body, sector in COMPANIES:
        data = {"legal_name": legal, "trade_name": trade, "rfc": _rfc(body), "sector": sector,
                "size": "medium", "address": "Av. López Mateos Sur 2375, Zapopan, Jal.",
                "contact_name": "Lorena Ibarra", "contact_email": "vinculacion@example.mx"}  # fmt: skip
        made.append(companies.create_company(actor=admin, campus=campus, data=data))
    companies.register_company(
        campus=campus,
        data={"legal_name": "Logística del Pacífico S.A. de C.V.", "rfc": _rfc("LPA120308RT"),
              "sector": "services", "size": "large", "address": "Carretera a Chapala km 12",
              "contact_name": "Iván Soto", "contact_email": "rh@example.mx"},
    )  # fmt: skip
    first = made[0]
    companies.add_instructor(actor=admin, company=first, instructor=instructor)
    agreements.create_agreement(
        actor=admin, company=first, kind="framework", title="Convenio marco 2026",
        starts_on=start - datetime.timedelta(days=60), ends_on=today + datetime.timedelta(days=20),
        signed_on=start - datetime.timedelta(days=60), school_signatory="Patricia Orozco",
        company_signatory="Lorena Ibarra", document=_doc("convenio-marco.pdf"),
    )  # fmt: skip
    if not profiles:
        return ["dual: 4 empresas (1 por aprobar), sin alumnos para colocar"]
    career = profiles[0].career
    skills = list(Skill.objects.filter(course__program="dual")[:3]) or list(Skill.objects.all()[:3])
    position = plans.create_position(
        actor=admin, company=first, career=career, name="Auxiliar de mantenimiento",
        capacity=3, competencies=skills, instructor=instructor, modules="Mantenimiento preventivo",
    )  # fmt: skip
    template = plans.create_template(actor=admin, company=first, career=career, name="Plan base")
    plans.add_template_station(
        actor=admin, template=template, position=position, weeks=4, hours=120
    )
    ctx = _PlacementContext(admin, tutor, instructor, first, template, start, today)
    for profile, state in zip(profiles, ["active", "confirmed", "proposed"], strict=False):
        if profile.career_id == career.pk:
            _place(ctx, profile, state)
    return ["dual: 4 empresas (1 por aprobar), convenios, puesto, plan y colocaciones"]


@dataclass(frozen=True)
class _PlacementContext:
    admin: object
    tutor: object
    instructor: object
    company: object
    template: object
    start: datetime.date
    today: datetime.date


def _place(ctx: _PlacementContext, profile, state: str) -> None:
    """One demo student placed at the company, moved to `state` (with follow-up when
    active)."""
    admin, start, today = ctx.admin, ctx.start, ctx.today
    learning = agreements.create_agreement(
        actor=admin, company=ctx.company, kind="learning", student=profile.user,
        title=f"Convenio de aprendizaje {profile.matricula}", starts_on=start,
        ends_on=today + datetime.timedelta(days=15), signed_on=start,
        school_signatory="Patricia Orozco", company_signatory="Lorena Ibarra",
        document=_doc("convenio-aprendizaje.pdf"),
    )  # fmt: skip
    placement = placements.propose_placement(
        actor=admin, company=ctx.company, student=profile.user, starts_on=start,
        ends_on=today + datetime.timedelta(days=15), tutor=ctx.tutor, agreement=learning,
    )  # fmt: skip
    plans.apply_template(actor=admin, placement=placement, template=ctx.template, starts_on=start)
    if state in ("confirmed", "active"):
        placement = placements.move_placement(actor=admin, placement=placement, to="confirmed")
    if state == "active":
        placement = placements.move_placement(actor=admin, placement=placement, to="active")
        _follow_up(placement, profile.user, ctx.tutor, ctx.instructor, start)


def _follow_up(placement, student, tutor, instructor, start) -> None:
    for week in range(2):
        entry = logbook.submit_logbook(
            actor=student, placement=placement, week_start=start + datetime.timedelta(weeks=week),
            activities="Revisé bombas y registré lecturas de presión.", learned="Bitácora técnica",
            hours="36",
        )  # fmt: skip
        if week == 0:
            logbook.review_logbooks(actor=instructor, entries=[entry], accept=True)
    visit = visit_services.schedule_visit(
        actor=tutor, placement=placement, scheduled_on=start + datetime.timedelta(days=10)
    )
    visit_services.record_visit(
        actor=tutor, visit=visit, done_on=start + datetime.timedelta(days=10),
        checklist={"attendance": True, "plan": True}, findings="Falta equipo de protección.",
        incident={"kind": "safety", "severity": "high", "description": "Sin guantes en el taller."},
    )  # fmt: skip
    visit_services.schedule_visit(
        actor=tutor, placement=placement, scheduled_on=start + datetime.timedelta(days=40)
    )
    assert incidents  # the incident above went through incidents.report_incident
