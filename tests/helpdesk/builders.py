"""A campus's help-desk picture, built through the services as its people would: a
support agent, a student's ticket with a screenshot, the agent's reply, an internal
note with a file, a closed and rated ticket and a canned response. Shared by the
help-desk tests and the access walk's victims."""

import datetime
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from impulsa.helpdesk.announcements import services as announcements
from impulsa.helpdesk.models import Category, TicketFile
from impulsa.helpdesk.tickets import services
from impulsa.org.roles import Role
from tests.factories import MembershipFactory, UserFactory


def png(name="captura.png"):
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def agent_at(username, institution):
    user = UserFactory(username=username)
    MembershipFactory(user=user, institution=institution, role=Role.SUPPORT_AGENT)
    return user


def category(name="Acceso y contraseña"):
    """A category of the national list (a migration seeds it; a transactional test
    before this one may have flushed it)."""
    return Category.objects.get_or_create(name=name)[0]


def open_ticket(student, campus, *, subject="No puedo entrar", files=()):
    return services.open_ticket(
        actor=student, institution=campus, category=category(), priority="normal",
        subject=subject, body="Me dice que mi contraseña es incorrecta.", files=files,
    )  # fmt: skip


@dataclass
class HelpdeskWorld:
    agent: object
    ticket: object
    closed: object
    public_file: object
    note_file: object
    canned: object


def maintenance(admin, institution, *, title="Actualización del servidor", days=6):
    starts = timezone.now() + datetime.timedelta(days=days)
    return announcements.publish_maintenance(
        actor=admin, institution=institution, title=title,
        body="La plataforma no estará disponible durante la actualización.",
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=4),
    )  # fmt: skip


def build_helpdesk(campus, student, *, admin, label: str) -> HelpdeskWorld:
    agent = agent_at(f"soporte{label}", campus)
    ticket = open_ticket(student, campus, subject=f"No puedo entrar {label}", files=[png()])
    services.reply(actor=agent, ticket=ticket, body="Prueba recuperar tu contraseña.")
    note = services.reply(
        actor=agent, ticket=ticket, body="Revisar su correo.", internal=True,
        files=[SimpleUploadedFile("notas.txt", b"correo rebotado\n")],
    )  # fmt: skip
    closed = open_ticket(student, campus, subject=f"Video sin sonido {label}")
    services.close_ticket(actor=agent, ticket=closed)
    services.rate_ticket(actor=student, ticket=closed, rating=4, comment="Bien atendido.")
    canned = services.create_canned_response(
        actor=agent, institution=campus, title=f"Saludo {label}", body="Hola, con gusto te ayudo."
    )
    maintenance(admin, campus, title=f"Mantenimiento del plantel {label}")
    return HelpdeskWorld(
        agent=agent,
        ticket=ticket,
        closed=closed,
        public_file=TicketFile.objects.get(message__ticket=ticket, message__internal=False),
        note_file=note.files.get(),
        canned=canned,
    )


def ids_of(world: HelpdeskWorld) -> dict[str, int]:
    return {
        "ticket_id": world.ticket.pk,
        "ticket_file_id": world.note_file.pk,
        "canned_id": world.canned.pk,
    }
