"""The virtual assistant: answers by Spanish full-text search over the knowledge base
(accents and case folded), cites the article, and hands the conversation to a person
as a ticket. Its top-1 accuracy on the held-out questions is held at the goal."""

import csv
from pathlib import Path

import pytest
from django.urls import reverse

from impulsa.helpdesk.assistant import search
from impulsa.helpdesk.assistant.articles import ARTICLES
from impulsa.helpdesk.assistant.services import load_knowledge_base
from impulsa.helpdesk.models import Ticket
from tests.helpdesk.builders import agent_at, category

pytestmark = pytest.mark.django_db
QUESTIONS = Path(__file__).parent / "data" / "assistant_questions.tsv"
GOAL = 0.80


@pytest.fixture
def knowledge_base():
    load_knowledge_base()


def _rows():
    with QUESTIONS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_knowledge_base_and_the_question_set_are_big_enough_and_agree():
    slugs = {slug for slug, *_rest in ARTICLES}
    assert len(slugs) == len(ARTICLES) >= 30
    rows = _rows()
    assert len(rows) >= 60
    assert {r["article"] for r in rows} <= slugs


def test_top_1_accuracy_on_the_held_out_questions_reaches_the_goal(knowledge_base):
    rows = _rows()
    hits = sum(
        [a.slug for a in search.search(r["question"], limit=1)] == [r["article"]] for r in rows
    )
    assert hits / len(rows) >= GOAL, f"top-1 {hits}/{len(rows)}"


def test_accents_and_capitals_do_not_matter(knowledge_base):
    plain = search.search("olvide mi contrasena", limit=1)
    accented = search.search("OLVIDÉ MI CONTRASEÑA", limit=1)
    assert plain == accented and plain[0].slug == "recuperar-contrasena"


def test_a_question_without_words_finds_nothing(knowledge_base):
    assert search.search("¿¿?? !!") == []
    assert search.search("x" * 10_000) == []  # bounded: one long "word" matches nothing


def test_the_assistant_cites_the_article_and_hands_the_conversation_to_a_person(
    login, world, knowledge_base
):
    category("Otro")
    agent = agent_at("soporte_jal", world.state_a)
    client = login(world.student_a1)
    client.post(reverse("helpdesk:assistant"), {"question": "se fue el internet en el examen"})
    page = client.get(reverse("helpdesk:assistant")).content.decode()
    assert "Se cerró mi examen o se fue el internet" in page
    assert f"{reverse('helpdesk:guides')}#examen-se-cerro" in page
    response = client.post(reverse("helpdesk:hand_off"))
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and ticket.assigned_to == agent
    assert ticket.requester == world.student_a1 and ticket.institution == world.campus_a1
    body = ticket.messages.get().body
    assert "Tú: se fue el internet en el examen" in body
    assert "Se cerró mi examen o se fue el internet" in body
    assert "se fue el internet" not in client.get(reverse("helpdesk:assistant")).content.decode()
