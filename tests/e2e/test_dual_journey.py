"""The Ecosistema Dual on phones: a company registers through the public form and the
campus approves it; the campus uploads the agreements, creates a position and a
rotation plan, places a student (a conflicting station is refused with its message);
the student writes a weekly logbook with a photo; the instructor returns it with a
comment, then accepts it; the tutor records a visit that opens an incident, which a
real Celery worker escalates to the campus once it is overdue; the campus dashboard
shows it all; another company's instructor sees none of it."""

import datetime
import io
import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect

from impulsa.celery import app as celery_app
from impulsa.dual import tasks
from impulsa.dual.models import Company, Incident, LogbookEntry, Placement
from impulsa.dual.services import companies
from impulsa.org.roles import Role
from tests.conftest import current_token
from tests.dual.builders import PDF, make_rfc
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.learning_builders import build_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMPANY = "Autopartes del Bajío S.A. de C.V."
POSITION = "Auxiliar de mantenimiento"
PLAN = "Plan mantenimiento"


def _person(username, campus, role, first, last):
    user = UserFactory(username=username, first_name=first, last_name=last)
    MembershipFactory(user=user, institution=campus, role=role)
    return user


def _sign_in(page, user, device=None):
    page.goto("/")
    page.get_by_label("Usuario o matrícula").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    if device is not None:
        expect(page.get_by_role("heading", name="Código de verificación")).to_be_visible()
        device.refresh_from_db()
        page.get_by_label("Código de 6 dígitos").fill(current_token(device))
        page.get_by_role("button", name="Verificar").click()
    expect(page.get_by_role("heading", name=re.compile("^Hola"))).to_be_visible()


def _files(tmp_path):
    document = tmp_path / "convenio.pdf"
    document.write_bytes(PDF)
    photo = tmp_path / "taller.png"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (11, 93, 59)).save(out, "PNG")
    photo.write_bytes(out.getvalue())
    return document, photo


def _field(scope, label: str):
    """A form field by its whole label (required ones end in « *»)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _saved(page):
    expect(page.locator(".alert-success").first).to_be_visible()


def _register_company(page, world, rfc):
    page.goto(reverse("dual:company_register"))
    # A visitor with no account is not offered the staff's dual pages.
    expect(page.get_by_role("link", name="Colocaciones")).to_have_count(0)
    page.get_by_label("Plantel con el que quieres colaborar").select_option(
        label=world.campus_a1.name
    )
    page.get_by_label("Razón social").fill(COMPANY)
    page.get_by_label("RFC").fill(rfc)
    page.get_by_label("Sector económico").select_option(label="Industria")
    page.get_by_label("Tamaño").select_option(label="Mediana (51 a 250)")
    page.get_by_label("Domicilio").fill("Blvd. Adolfo López Mateos 2300, León")
    page.get_by_label("Persona de contacto").fill("Marisol Herrera")
    page.get_by_label("Correo de contacto").fill("rh@autopartesbajio.mx")
    screenshot(page, "dual-01-company-registers")
    page.get_by_role("button", name="Enviar registro").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith(reverse("dual:company_register_done"))


def _agreement(page, document, *, kind, title, starts, ends, student=None):
    page.get_by_role("link", name="Subir convenio").click()
    page.get_by_label("Tipo").select_option(label=kind)
    if student is not None:
        page.get_by_label("Alumno (convenio de aprendizaje)").select_option(label=student)
    page.get_by_label("Título").fill(title)
    _field(page, "Inicia").fill(starts.isoformat())
    page.get_by_label("Vence").fill(ends.isoformat())
    page.get_by_label("Fecha de firma").fill(starts.isoformat())
    page.get_by_label("Firma por el plantel").fill("Mtra. Laura Méndez")
    page.get_by_label("Firma por la empresa").fill("Ing. Óscar Villa")
    page.get_by_label(re.compile("^Documento firmado")).set_input_files(str(document))
    page.get_by_role("button", name="Guardar convenio").click()
    _saved(page)


def _campus_sets_up_the_company(page, world, people, document, start, end):
    """Approve, add the instructor, upload both agreements, a position and a plan."""
    page.goto(reverse("dual:companies"))
    page.get_by_role("link", name=COMPANY).click()
    page.get_by_role("button", name="Aprobar empresa").click()
    _saved(page)
    page.get_by_label("Instructor de empresa").select_option(label="Jorge Ibarra")
    page.get_by_role("button", name="Agregar instructor").click()
    _saved(page)
    _agreement(page, document, kind="Convenio marco plantel–empresa", title="Convenio marco 2026",
               starts=start - datetime.timedelta(days=7), ends=end + datetime.timedelta(days=30))  # fmt: skip
    _agreement(page, document, kind="Convenio de aprendizaje del alumno",
               title="Convenio de aprendizaje", starts=start, ends=end,
               student=people["student"].get_full_name())  # fmt: skip
    page.get_by_role("link", name="Nuevo puesto").click()
    page.get_by_label("Nombre del puesto").fill(POSITION)
    page.get_by_label("Carrera").select_option(label=str(world.career_a1))
    page.get_by_label("Cupo").fill("2")
    page.get_by_label("Fracciones").check()
    page.get_by_label("Instructor", exact=True).select_option(label="Jorge Ibarra")
    page.get_by_role("button", name="Crear puesto").click()
    _saved(page)
    page.get_by_role("link", name="Nuevo plan de rotación").click()
    page.get_by_label("Nombre del plan").fill(PLAN)
    page.get_by_label("Carrera").select_option(label=str(world.career_a1))
    page.get_by_role("button", name="Crear plan").click()
    page.get_by_label("Puesto").select_option(label=POSITION)
    page.get_by_label("Semanas").fill("8")
    page.get_by_label("Horas").fill("240")
    page.get_by_label("Temas").fill("Mantenimiento preventivo de prensas")
    page.get_by_role("button", name="Agregar estación").click()
    expect(page.get_by_role("listitem").filter(has_text=POSITION)).to_be_visible()
    screenshot(page, "dual-02-rotation-plan")


def _campus_places_the_student(page, people, start, end):
    page.goto(reverse("dual:placement_new"))
    _field(page, "Alumno").select_option(label=people["student"].get_full_name())
    _field(page, "Empresa").select_option(label=COMPANY)
    _field(page, "Tutor dual").select_option(label="Teresa Gómez")
    _field(page, "Inicia").fill(start.isoformat())
    _field(page, "Termina").fill(end.isoformat())
    page.get_by_role("button", name="Proponer colocación").click()
    _field(page, "Convenio de aprendizaje").select_option(label="Convenio de aprendizaje")
    page.get_by_role("button", name="Guardar datos").click()
    _saved(page)
    apply = page.get_by_role("form", name="Usar una plantilla")
    _field(apply, "Plantilla").select_option(label=PLAN)
    _field(apply, "A partir del").fill(start.isoformat())
    apply.get_by_role("button", name="Aplicar plantilla").click()
    _saved(page)
    # A second station on the same dates is a conflict, refused with its rule's message.
    station = page.get_by_role("form", name="Agregar estación")
    _field(station, "Puesto").select_option(label=POSITION)
    _field(station, "Inicia").fill((start + datetime.timedelta(weeks=2)).isoformat())
    _field(station, "Termina").fill((start + datetime.timedelta(weeks=10)).isoformat())
    _field(station, "Horas").fill("80")
    station.get_by_role("button", name="Agregar estación").click()
    refusal = page.get_by_role("form", name="Agregar estación").locator(".invalid-feedback")
    expect(refusal).to_contain_text(f"Las fechas se enciman con la estación «{POSITION} (")
    screenshot(page, "dual-03-conflict-refused")
    # The refusal is an HTTP 400, which the browser logs; nothing else is expected.
    assert page.problems == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    # Only the refused form shows errors; the others keep what they held.
    expect(page.locator(".alert-danger")).to_have_count(1)
    expect(_field(page, "Tutor dual")).to_have_value(str(people["tutor"].pk))
    page.problems.clear()
    for state in ("Confirmada", "En curso"):
        _field(page, "Nuevo estado").select_option(label=state)
        page.get_by_role("button", name="Cambiar estado").click()
        _saved(page)
    expect(page.locator("p strong").filter(has_text="En curso")).to_be_visible()


def _student_writes_the_logbook(page, photo, activities):
    page.goto("/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Tu estancia dual"))
    expect(panel).to_contain_text(POSITION)
    # Not yet enrolled in the course that teaches the station's competencies.
    expect(panel.get_by_role("link", name="Mis cursos").first).to_be_visible()
    page.get_by_role("link", name="Escribir bitácora").click()
    page.get_by_label("¿Qué hiciste esta semana?").fill(activities)
    page.get_by_label("¿Qué aprendiste?").fill("A leer el manual de la prensa")
    page.get_by_label("Horas trabajadas").fill("38")
    if photo is not None:
        page.get_by_label(re.compile("^Fotos o archivos")).set_input_files(str(photo))
    page.get_by_role("button", name="Enviar bitácora").click()
    expect(page.get_by_text("Bitácora enviada a tu instructor.")).to_be_visible()


def _instructor_reviews(page, student_name, *, accept, comment=""):
    page.goto("/")
    page.get_by_role("link", name=re.compile(r"1 bitácora por revisar")).click()
    page.get_by_label(re.compile(student_name)).check()
    page.get_by_label("Decisión").select_option(label="Aceptar" if accept else "Devolver")
    page.get_by_label("Comentarios").fill(comment)
    page.get_by_role("button", name="Aplicar a las seleccionadas").click()
    expect(page.get_by_text("Bitácoras revisadas: 1.")).to_be_visible()


def _tutor_records_a_visit(page, student_name, today):
    page.goto("/")
    page.get_by_role("link", name=student_name).click()
    page.get_by_role("link", name="Programar visita").click()
    page.get_by_label("Fecha de la visita").fill(today.isoformat())
    page.get_by_role("button", name="Programar").click()
    page.get_by_label("Hallazgos").fill("La prensa 3 no tiene guarda; el alumno opera sin guantes.")
    page.get_by_label("El alumno asiste con regularidad").check()
    page.get_by_label("Abrir incidencia").select_option(label="Seguridad")
    page.get_by_label("Gravedad", exact=True).select_option(label="Crítica")
    page.get_by_label("Descripción de la incidencia").fill("Opera la prensa sin protección")
    screenshot(page, "dual-06-visit-form")
    page.get_by_role("button", name="Registrar visita").click()
    expect(page.get_by_text("Visita registrada.")).to_be_visible()


def _escalate_with_a_real_worker() -> None:
    """Two days pass (the critical incident's one-day deadline is behind it) and beat's
    task runs in a Celery worker reading Redis (in-process, eagerly, without REDIS_URL)."""
    past = timezone.now() - datetime.timedelta(days=2)
    Incident.objects.update(created_at=past, due_at=past + datetime.timedelta(days=1))
    if not settings.REDIS_URL:
        assert tasks.escalate_incidents.delay().get() == 1
        return
    try:
        with start_worker(celery_app, perform_ping_check=False, pool="solo", shutdown_timeout=30):
            tasks.escalate_incidents.delay()
            deadline = time.monotonic() + 30
            while not Incident.objects.filter(escalation_level=1).exists():
                assert time.monotonic() < deadline, "the worker did not escalate in 30 s"
                time.sleep(0.1)
    finally:
        # The worker thread's database connection must not outlive the test database.
        connections.close_all()


def _second_company_instructor(world):
    """Another approved company of the same campus, with its own instructor."""
    other = companies.create_company(
        actor=world.alice, campus=world.campus_a1,
        data={"legal_name": "Plásticos de Occidente S.A. de C.V.", "rfc": make_rfc(31),
              "sector": "industry", "size": "small", "address": "Calle 8, Zapopan",
              "contact_name": "Rubén Lara", "contact_email": "rh@plasticos.mx"},
    )  # fmt: skip
    stranger = _person("instructor_otra", world.campus_a1, Role.COMPANY_INSTRUCTOR, "Ana", "Solís")
    companies.add_instructor(actor=world.alice, company=other, instructor=stranger)
    return stranger


def _sees_none_of_it(page, placement: Placement):
    entry = LogbookEntry.objects.get(placement=placement)
    visit = placement.visits.get()
    incident = Incident.objects.get(placement=placement)
    urls = (
        reverse("dual:company", args=[placement.company_id]),
        reverse("dual:agreement_file", args=[placement.agreement_id]),
        reverse("dual:placement", args=[placement.pk]),
        reverse("dual:record_pdf", args=[placement.pk]),
        reverse("dual:logbook_entry", args=[entry.pk]),
        reverse("dual:logbook_file", args=[entry.files.first().pk]),
        reverse("dual:visit", args=[visit.pk]),
        reverse("dual:incident", args=[incident.pk]),
    )
    for url in urls:
        assert page.goto(url).status == 404, url
    # The browser logs each refusal; those, and nothing else, are expected here.
    refused = [p for p in page.problems if "status of 404" in p]
    assert len(refused) == len(urls), page.problems
    page.problems[:] = [p for p in page.problems if p not in refused]
    for url in (reverse("dual:placements"), reverse("dual:incidents"), reverse("dual:visits")):
        page.goto(url)
        expect(page.locator("main")).not_to_contain_text(placement.student.get_full_name())
    page.goto(reverse("dual:review"))
    expect(page.get_by_text("No tienes bitácoras por revisar.")).to_be_visible()
    screenshot(page, "dual-09-other-instructor-sees-nothing")


def _logbook_review(pages, photo, placement):
    """Written from a phone, returned with a comment, rewritten, accepted."""
    student, instructor = pages["student"], pages["instructor"]
    name = placement.student.get_full_name()
    _student_writes_the_logbook(student, photo, "Cambié filtros y revisé niveles de aceite")
    screenshot(student, "dual-04-student-logbook")
    _instructor_reviews(instructor, name, accept=False, comment="Agrega qué prensas")
    student.reload()
    expect(student.get_by_text("Agrega qué prensas")).to_be_visible()
    _student_writes_the_logbook(student, None, "Cambié filtros de las prensas 2 y 3")
    _instructor_reviews(instructor, name, accept=True)
    screenshot(instructor, "dual-05-instructor-accepted")
    entry = LogbookEntry.objects.get(placement=placement)
    assert entry.status == "accepted" and entry.files.count() == 1


def _visit_opens_an_incident_that_escalates(tutor, placement, world, today):
    _tutor_records_a_visit(tutor, placement.student.get_full_name(), today)
    incident = Incident.objects.get(placement=placement)
    assert incident.kind == "safety" and incident.opened_by_visit is not None
    mail.outbox.clear()
    _escalate_with_a_real_worker()
    incident.refresh_from_db()
    assert incident.escalation_level == 1
    assert any(world.alice.email in m.to for m in mail.outbox)
    tutor.goto(reverse("dual:incident", args=[incident.pk]))
    expect(tutor.get_by_text("Escalada al plantel")).to_be_visible()
    screenshot(tutor, "dual-07-incident-escalated")


def _campus_sees_it_all(page):
    page.goto(reverse("dual:notices"))
    expect(page.get_by_text(re.compile("escalada al plantel"))).to_be_visible()
    page.goto(reverse("dual:dashboard"))
    for figure, value in (("students", "1"), ("companies", "2"), ("visits", "1 / 1"),
                          ("incidents", "1"), ("escalated", "1")):  # fmt: skip
        expect(page.locator(f"[data-figure={figure}]")).to_have_text(value)
    expect(page.locator("svg.dual-chart").first).to_be_visible()
    screenshot(page, "dual-08-campus-dashboard")
    assert not page.problems, f"browser errors: {page.problems}"


def test_dual_from_company_registration_to_the_campus_dashboard(
    phone, browser, live_server, world, tmp_path
):
    build_course(world.designer, institution=world.national, name="Mantenimiento industrial")
    people = {
        "student": world.student_a1,
        "instructor": _person("instructor_jorge", world.campus_a1, Role.COMPANY_INSTRUCTOR,
                              "Jorge", "Ibarra"),
        "tutor": _person("tutora_teresa", world.campus_a1, Role.DUAL_TUTOR, "Teresa", "Gómez"),
        "stranger": _second_company_instructor(world),
    }  # fmt: skip
    document, photo = _files(tmp_path)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday())  # this week's Monday
    end = start + datetime.timedelta(weeks=24)

    _register_company(phone, world, make_rfc(17))
    company = Company.objects.get(legal_name=COMPANY)
    assert company.status == "pending" and company.self_registered
    _sign_in(phone, world.alice, TOTPDevice.objects.create(user=world.alice, confirmed=True))
    _campus_sets_up_the_company(phone, world, people, document, start, end)
    _campus_places_the_student(phone, people, start, end)
    placement = Placement.objects.get(company=company)
    assert placement.status == "active" and placement.stations.count() == 1

    pages = {key: steps.open_phone(browser, live_server.url) for key in people}
    try:
        for key, user in people.items():
            _sign_in(pages[key], user)
        _logbook_review(pages, photo, placement)
        _visit_opens_an_incident_that_escalates(pages["tutor"], placement, world, today)
        _sees_none_of_it(pages["stranger"], placement)
        for page in pages.values():
            assert not page.problems, f"browser errors: {page.problems}"
            axe.finish(page)
    finally:
        for page in pages.values():
            page.context.close()
    _campus_sees_it_all(phone)
