"""Writes of the knowledge base and the hand-off to a person."""

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Value
from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.helpdesk.assistant.fold import fold
from impulsa.helpdesk.models import Article, Category, Priority
from impulsa.helpdesk.tickets.selectors import requester_institutions
from impulsa.helpdesk.tickets.services import open_ticket

MAX_TURNS = 10


@transaction.atomic
def save_article(*, slug: str, title: str, body: str, keywords: str = "") -> Article:
    """Create or update an article and its search vector (articles are the platform's
    own help, shipped with it: loaded by the demo and by `load_knowledge_base`)."""
    article, _created = Article.objects.update_or_create(
        slug=slug, defaults={"title": title, "body": body, "keywords": keywords}
    )
    Article.objects.filter(pk=article.pk).update(
        search_vector=SearchVector(Value(fold(title)), weight="A", config="spanish")
        + SearchVector(Value(fold(keywords)), weight="B", config="spanish")
        + SearchVector(Value(fold(body)), weight="C", config="spanish")
    )
    return article


def load_knowledge_base() -> int:
    from impulsa.helpdesk.assistant.articles import ARTICLES

    for slug, title, keywords, body in ARTICLES:
        save_article(slug=slug, title=title, keywords=keywords, body=body)
    return len(ARTICLES)


def transcript(turns) -> str:
    lines = []
    for question, title in turns[-MAX_TURNS:]:
        lines.append(_("Tú: %(q)s") % {"q": question})
        lines.append(_("Asistente: te sugerí «%(t)s».") % {"t": title} if title else
                     _("Asistente: no encontré un artículo."))  # fmt: skip
    return "\n".join(lines)


def hand_off(*, actor, turns):
    """«Hablar con una persona»: a ticket with the conversation so far, for the agents
    of the user's campus and state."""
    institutions = requester_institutions(actor)
    if not institutions:
        raise DomainError(_("Tu cuenta no pertenece a ningún plantel; pide ayuda a tu escuela."))
    first = turns[0][0] if turns else _("Quiero hablar con una persona")
    body = (
        _("Conversación con el asistente virtual:")
        + "\n\n"
        + (transcript(turns) or _("(sin preguntas)"))
    )
    category = Category.objects.filter(name="Otro").first() or Category.objects.first()
    return open_ticket(
        actor=actor, institution=institutions[0], category=category, priority=Priority.NORMAL,
        subject=first[:150], body=body,
    )  # fmt: skip
