"""The player's items for every student: maths has a plain-text form wherever markup
cannot go (select options, accessible names), each item has one live region that
answers fill, ordering's impossible moves are disabled, and a grade reads the
same everywhere."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from impulsa.assessment.answering.player import PREVIEW, item_view
from impulsa.assessment.bank import services as items
from impulsa.assessment.models import ItemVersion
from impulsa.learning.api import grade_percent
from impulsa.learning.authoring import services as authoring
from impulsa.learning.models import PublishedActivity
from tests.learning_builders import build_course, enroll

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def built(world):
    built = build_course(world.designer, institution=world.national)
    built.enrollment = enroll(world.alice, world.student_a1, built.course)
    return built


def _activity(built, activity):
    return PublishedActivity.objects.get(version=built.enrollment.version, key=activity.key)


def _page_url(built, activity):
    kwargs = {"enrollment_id": built.enrollment.pk, "activity_key": activity.key}
    return reverse("player:activity", kwargs=kwargs)


def _save_url(built, activity, version, action="save"):
    kwargs = {
        "enrollment_id": built.enrollment.pk,
        "activity_key": activity.key,
        "item_version_id": version.pk,
    }
    return reverse(f"answers:{action}", kwargs=kwargs)


def _versions(built, activity):
    frozen = _activity(built, activity).frozen["item_versions"]
    return {v.type: v for v in ItemVersion.objects.in_bulk(frozen).values()}


def _preview(world, item_type: str, body: dict) -> str:
    course = authoring.create_course(actor=world.designer, institution=world.national, name="M")
    item = items.create_item(
        actor=world.designer, course=course, type=item_type, name="Mates", stem="¿?", body=body
    )
    view = item_view(
        item.current, number=1, mode=PREVIEW, enrollment=None, activity=None, answer=None
    )
    return render_to_string("assessment/player/item.html", {"item": view})


# --- Maths as plain text -------------------------------------------------------------


def test_matching_selects_show_maths_as_text_and_name_a_maths_only_label(world):
    html = _preview(
        world,
        "matching",
        {
            "pairs": [
                {"left": "$4^2$", "right": "$16$"},
                {"left": "Tres cuartos", "right": "$\\frac{3}{4}$"},
            ],
            "distractors": ["$\\sqrt{2}$", "$2\\cdot 3$"],
        },
    )
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", html)
    assert sorted(options) == sorted(["16", "3/4", "√2", "2·3"] * 2)
    assert "$" not in "".join(options)
    # The first left side is only maths: its select is named by the plain text.
    assert re.search(r'<select [^>]*name="match-0"[^>]*aria-label="4²"', html)
    assert not re.search(r'<select [^>]*name="match-1"[^>]*aria-label=', html)


def test_cloze_choice_gaps_show_maths_as_text(world):
    choices = [{"text": "$\\frac{1}{2}$", "fraction": "1"}, {"text": "$x^2$", "fraction": "0"}]
    html = _preview(
        world,
        "cloze",
        {"text": "Vale {1}.", "gaps": [{"type": "single_choice", "body": {"choices": choices}}]},
    )
    assert ">1/2</option>" in html and ">x²</option>" in html and "$" not in html


def test_choices_labelled_only_by_maths_have_a_plain_text_name(world, built, login):
    page = login(world.student_a1).get(_page_url(built, built.practice)).content.decode()
    radios = re.findall(r'<input class="form-check-input" type="radio" name="choice"[^>]*>', page)
    assert [re.search(r'aria-label="([^"]*)"', r)[1] for r in radios] == ["3/4", "2/6", "1/8"]
    # The MathML itself carries the text too (stems, feedback, ordering entries).
    assert 'alttext="1/2" aria-label="1/2"' in page
    assert 'data-text="1/2"' in page  # what the ordering announcement reads
    # Plain-text choices keep their visible label as their name.
    boxes = re.findall(r'<input class="form-check-input" type="checkbox"[^>]*>', page)
    assert boxes and not any("aria-label" in box for box in boxes)


def test_feedback_with_maths_carries_its_plain_text(world, built, login):
    version = _versions(built, built.practice)["single_choice"]
    url = _save_url(built, built.practice, version)
    html = login(world.student_a1).post(url, {"choice": "0"}, **HTMX).content.decode()
    stem = html.split("¿Cuánto es")[1]
    assert 'aria-label="1/2+1/4"' in stem


# --- One live region per item ---------------------------------------------------------


def _sections(page: str) -> list[str]:
    return re.findall(r'<section class="card mb-3 player-item".*?</section>', page, re.DOTALL)


def test_each_item_has_exactly_one_live_region_in_the_page(world, built, login):
    activity = built.practice
    page = login(world.student_a1).get(_page_url(built, activity)).content.decode()
    sections = _sections(page)
    assert sections and len(sections) == len(_versions(built, activity))
    for section in sections:
        assert section.count('aria-live="polite"') == 1
        uid = re.search(r'id="(i\d+)-form"', section)[1]
        assert re.search(
            rf'id="{uid}-status" aria-live="polite">\s*<div id="{uid}-feedback">', section
        )
    assert page.count("aria-live") == len(sections)


def test_practice_answer_fills_the_items_live_region_without_replacing_it(world, built, login):
    version = _versions(built, built.practice)["true_false"]
    url = _save_url(built, built.practice, version)
    html = login(world.student_a1).post(url, {"answer": "false"}, **HTMX).content.decode()
    form, region = html.split(f'<div id="i{version.pk}-feedback" hx-swap-oob="innerHTML">')
    assert form.lstrip().startswith(f'<form method="post" id="i{version.pk}-form"')
    assert 'hx-target="this"' in form and "aria-live" not in html
    assert "Incorrecto." in region and "Incorrecto." not in form


def test_a_hint_keeps_the_form_and_its_focusable_ids(world, built, login):
    version = _versions(built, built.practice)["numeric"]
    url = _save_url(built, built.practice, version, "hint")
    html = login(world.student_a1).post(url, **HTMX).content.decode()
    assert "Primera pista." in html
    # htmx puts focus back on the control with the same id after the swap.
    assert f'id="i{version.pk}-hint"' in html and f'id="i{version.pk}-check"' in html


# --- Ordering -------------------------------------------------------------------------


def test_ordering_first_up_and_last_down_are_disabled(world, built, login):
    page = login(world.student_a1).get(_page_url(built, built.practice)).content.decode()
    entries = re.findall(r"<li class=\"list-group-item[^\"]*\" data-value.*?</li>", page, re.DOTALL)
    assert len(entries) == 4
    for position, entry in enumerate(entries):
        up, down = re.findall(r'<button type="button"[^>]*data-move="-?1"[^>]*>', entry)
        assert ("disabled" in up) == (position == 0)
        assert ("disabled" in down) == (position == len(entries) - 1)


# --- One rounding for grades ----------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "percent"),
    [
        (Decimal("0.6667"), 67),
        (Decimal("0.9375"), 94),
        (Decimal("0.9349"), 93),
        (Decimal("0.125"), 13),  # halves up, not to even
        (Decimal("0.0050"), 1),
        (Decimal(1), 100),
        (Decimal(0), 0),
        (None, None),
    ],
)
def test_grade_percent_rounds_halves_up(score, percent):
    assert grade_percent(score) == percent


def test_one_quiz_attempt_shows_the_same_grade_everywhere(world, built, login):
    """2 of 3 right is 0.6667: the result page, the quiz's card in the course and the
    course home all read it rounded half up (6.7 of 10, 67 %), never truncated."""
    client = login(world.student_a1)
    start = reverse(
        "exams:quiz_start",
        kwargs={"enrollment_id": built.enrollment.pk, "activity_key": built.quiz.key},
    )
    attempt_url = client.post(start)["Location"]
    attempt_id = int(attempt_url.rstrip("/").rsplit("/", 1)[1])
    versions = _versions(built, built.quiz)
    answers = {"single_choice": {"choice": "0"}, "true_false": {"answer": "true"}}
    answers["numeric"] = {"answer": "1"}
    for item_type, data in answers.items():
        save = reverse(
            "exams:save",
            kwargs={"attempt_id": attempt_id, "item_version_id": versions[item_type].pk},
        )
        assert client.post(save, data, HTTP_X_EXAM_AUTOSAVE="1").json()["saved"]
    page = client.post(reverse("exams:submit", args=[attempt_id]), follow=True).content.decode()

    assert "Calificación: 6.7 de 10" in page
    card = client.get(_page_url(built, built.quiz)).content.decode()
    assert "Intento 1</a>: 6.7 de 10" in card
    home = client.get(reverse("player:course", args=[built.enrollment.pk])).content.decode()
    assert "cuestionarios: 67 %" in home
    assert not re.search(r"\b66 %|\b6\.6 de", page + card + home)
