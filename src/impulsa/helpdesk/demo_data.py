"""Help-desk demo data for campus Guadalajara I: students' tickets in several states
(new, answered, waiting for the student, closed and rated) and the national office's
canned responses. Built through the services; run again, it leaves what exists."""

import datetime

from django.utils import timezone

from impulsa.accounts.api import StudentProfile, User
from impulsa.helpdesk.announcements import services as announcements
from impulsa.helpdesk.assistant.services import load_knowledge_base
from impulsa.helpdesk.models import Category, Ticket
from impulsa.helpdesk.tickets import services
from impulsa.org.api import Institution, Kind

CANNED = [
    (
        "Recuperar contraseña",
        "Entra a la página de inicio de sesión y elige «¿Olvidaste tu contraseña?». Escribe "
        "tu correo y abre el enlace que te llega (revisa también la carpeta de spam). El "
        "enlace vale por tres días.",
    ),
    (
        "Código de verificación en dos pasos",
        "Abre tu aplicación autenticadora (Google Authenticator, Microsoft Authenticator o "
        "similar) y escribe el código de 6 dígitos que aparece para Impulsa. Si cambiaste de "
        "teléfono, pide a tu administrador de plantel que restablezca tu segundo factor.",
    ),
    (
        "Pedir más datos",
        "Gracias por escribirnos. Para ayudarte necesitamos una captura de pantalla del "
        "error y la hora aproximada en que ocurrió. Adjúntala aquí mismo, por favor.",
    ),
]

TICKETS = [
    # category, priority, subject, body, agent reply, wait for the student, close and rate
    ("Acceso y contraseña", "high", "No me llega el correo para cambiar mi contraseña",
     "Pedí recuperar mi contraseña desde ayer y no me ha llegado nada a mi correo de Gmail.",
     None, False, None),
    ("Cursos y reproductor", "normal", "El video de la lección 3 no carga",
     "En el curso de Manejo de espacios y cantidades el video de la lección 3 se queda en "
     "negro. Ya probé desde mi celular y la computadora del plantel.",
     "Gracias por el aviso. ¿Nos puedes decir qué navegador usas y adjuntar una captura?",
     True, None),
    ("Exámenes", "urgent", "Se cerró mi examen antes de tiempo",
     "Estaba contestando el examen parcial y de repente me sacó. Me faltaban 20 minutos.",
     "Revisamos tu intento: tus respuestas quedaron guardadas y tu docente te dio 20 minutos "
     "extra. Ya puedes entrar de nuevo desde «Mis exámenes».", False, 5),
]  # fmt: skip


def seed_helpdesk() -> list[str]:
    articles = load_knowledge_base()  # the platform's own guides: updated on every run
    campus = Institution.objects.filter(code="14DPT0001A").first()
    agent = User.objects.filter(username="soporte.jalisco").first()
    national = Institution.objects.filter(kind=Kind.NATIONAL).first()
    support = User.objects.filter(username="soporte.nacional").first()
    if None in (campus, agent, national, support) or Ticket.objects.exists():
        return [f"mesa de ayuda: {articles} guías; ya había solicitudes (o falta el plantel)"]
    for title, body in CANNED:
        services.create_canned_response(actor=support, institution=national, title=title, body=body)
    students = [
        p.user for p in StudentProfile.objects.filter(campus=campus).select_related("user")[:3]
    ]
    for student, row in zip(students, TICKETS, strict=False):
        _ticket(student, campus, agent, *row)
    _announce(national)
    return [
        f"mesa de ayuda: {articles} guías, {len(students)} solicitudes, {len(CANNED)} "
        "respuestas predefinidas, un mantenimiento y un aviso"
    ]


def _announce(national) -> None:
    admin = User.objects.get(username="admin.nacional")
    # Saturday night a week ahead (at least 5 days' notice, as the service requires).
    today = timezone.localdate()
    saturday = today + datetime.timedelta(days=7 + (5 - today.weekday()) % 7)
    starts = timezone.make_aware(datetime.datetime.combine(saturday, datetime.time(22)))
    announcements.publish_maintenance(
        actor=admin, institution=national, title="Actualización de Impulsa",
        body="Instalaremos la nueva versión de la plataforma. Guarda tu avance antes de esa "
        "hora; los exámenes programados se movieron a otro día.",
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=6),
    )  # fmt: skip
    announcements.publish_announcement(
        actor=admin, institution=national, title="Encuesta de satisfacción del semestre",
        body="Cuéntanos cómo te fue con tus cursos en línea: la encuesta está en «Mis cursos».",
        roles=["student"], visible_until=timezone.now() + datetime.timedelta(days=20),
    )  # fmt: skip


def _ticket(student, campus, agent, category, priority, subject, body, answer, wait, rating):
    ticket = services.open_ticket(
        actor=student, institution=campus, category=Category.objects.get(name=category),
        priority=priority, subject=subject, body=body,
    )  # fmt: skip
    if answer:
        services.reply(actor=agent, ticket=ticket, body=answer, wait_for_user=wait)
    if rating:
        services.close_ticket(actor=agent, ticket=ticket)
        services.rate_ticket(actor=student, ticket=ticket, rating=rating,
                             comment="Muy rápido, gracias.")  # fmt: skip
