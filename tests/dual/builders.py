"""A campus's whole dual picture, built through the services as its staff would: an
approved company with an instructor, agreements, a position, a rotation template, an
active placement with a tutor, a logbook week with a photo, a visit with evidence and
an incident. Shared by the dual tests and the access walk's victims."""

import datetime
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from stdnum.mx import rfc as stdnum_rfc

from impulsa.dual.models import PlacementStatus
from impulsa.dual.services import agreements, companies, incidents, logbook, placements, plans
from impulsa.dual.services import visits as visit_services
from impulsa.org.roles import Role
from tests.factories import MembershipFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="convenio.pdf", extra=b""):
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


def png(name="foto.png"):
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 90, 60)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def make_rfc(seed: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    head = "".join(letters[(seed * 7 + i * 3) % len(letters)] for i in range(3))
    body = f"{head}{(seed % 20) + 80:02d}0{(seed % 9) + 1}1{(seed % 9) + 1}A{(seed % 9) + 1}"
    return body + stdnum_rfc.calc_check_digit(body)


def person(username, campus, role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, institution=campus, role=role)
    return user


@dataclass
class DualWorld:
    company: object
    instructor: object
    tutor: object
    framework: object
    learning: object
    position: object
    template: object
    placement: object
    station: object
    entry: object
    visit: object
    incident: object


def build_dual(admin, campus, student, career, skills, *, label: str, seed: int) -> DualWorld:
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday() + 21)  # a Monday 3 weeks ago
    end = start + datetime.timedelta(days=180)
    company = companies.create_company(
        actor=admin,
        campus=campus,
        data={
            "legal_name": f"Industrias {label} S.A. de C.V.",
            "rfc": make_rfc(seed),
            "sector": "industry",
            "size": "medium",
            "address": "Av. Vallarta 100, Guadalajara",
            "contact_name": "Lucía Ramos",
            "contact_email": f"rh{seed}@empresa.mx",
        },
    )
    instructor = person(f"instructor{label}{seed}", campus, Role.COMPANY_INSTRUCTOR)
    tutor = person(f"tutor{label}{seed}", campus, Role.DUAL_TUTOR)
    companies.add_instructor(actor=admin, company=company, instructor=instructor)
    framework = agreements.create_agreement(
        actor=admin, company=company, kind="framework", title=f"Convenio marco {label}",
        starts_on=start - datetime.timedelta(days=30), ends_on=end + datetime.timedelta(days=30),
        signed_on=start - datetime.timedelta(days=30), school_signatory="Directora",
        company_signatory="Gerente", document=pdf(),
    )  # fmt: skip
    learning = agreements.create_agreement(
        actor=admin, company=company, kind="learning", student=student,
        title=f"Convenio de aprendizaje {label}", starts_on=start, ends_on=end,
        signed_on=start, school_signatory="Directora", company_signatory="Gerente",
        document=pdf(),
    )  # fmt: skip
    position = plans.create_position(
        actor=admin, company=company, career=career, name=f"Auxiliar de soporte {label}",
        capacity=2, competencies=skills, instructor=instructor,
    )  # fmt: skip
    template = plans.create_template(
        actor=admin, company=company, career=career, name=f"Plan {label}"
    )
    plans.add_template_station(
        actor=admin, template=template, position=position, weeks=4, hours=120
    )
    placement = placements.propose_placement(
        actor=admin, company=company, student=student, starts_on=start, ends_on=end,
        tutor=tutor, agreement=learning, preferences="Cerca de casa",
    )  # fmt: skip
    station = plans.add_station(
        actor=admin, placement=placement, position=position, starts_on=start,
        ends_on=start + datetime.timedelta(weeks=8), hours=200, topics="Soporte técnico",
    )  # fmt: skip
    placements.move_placement(actor=admin, placement=placement, to=PlacementStatus.CONFIRMED)
    placement = placements.move_placement(
        actor=admin, placement=placement, to=PlacementStatus.ACTIVE
    )
    entry = logbook.submit_logbook(
        actor=student, placement=placement, week_start=start, activities="Instalé equipos",
        learned="Redes", hours="38", files=[png()],
    )  # fmt: skip
    visit = visit_services.schedule_visit(
        actor=tutor, placement=placement, scheduled_on=start + datetime.timedelta(days=7)
    )
    visit_services.record_visit(
        actor=tutor, visit=visit, done_on=start + datetime.timedelta(days=7),
        checklist={"attendance": True}, findings="Todo en orden", evidence=png("visita.png"),
    )  # fmt: skip
    incident = incidents.report_incident(
        actor=tutor, placement=placement, kind="absence", severity="medium",
        description="Faltó dos días",
    )  # fmt: skip
    return DualWorld(
        company, instructor, tutor, framework, learning, position, template,
        placement, station, entry, visit, incident,
    )  # fmt: skip


def ids_of(built: DualWorld) -> dict:
    return {
        "company_id": built.company.pk,
        "agreement_id": built.framework.pk,
        "template_id": built.template.pk,
        "placement_id": built.placement.pk,
        "logbook_id": built.entry.pk,
        "file_id": built.entry.files.get().pk,
        "visit_id": built.visit.pk,
        "incident_id": built.incident.pk,
    }
