"""Items with maths in a phone-sized Chromium, as a keyboard and screen-reader user
meets them: controls named by the maths' plain text, ordering moves that cannot
happen are disabled (and stay right after each move), and feedback arrives in the
item's one live region while focus stays on the button the student pressed."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from impulsa.assessment.bank import services as items
from impulsa.learning.models import PublishedActivity
from impulsa.learning.publishing import services as publishing
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.learning_builders import build_course, enroll

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SINGLE = "¿Cuánto es"
ORDERING = "Ordena de menor a mayor."
MATCHING = "Relaciona cada potencia"


def _practice_with_maths(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    matching = items.create_item(
        actor=world.designer, course=built.course, type="matching", name="Potencias",
        stem=MATCHING, body={
            "pairs": [{"left": "$4^2$", "right": "$16$"}, {"left": "$2^3$", "right": "$8$"}],
            "distractors": ["$\\sqrt{2}$"],
        },
    )  # fmt: skip
    items.set_activity_items(
        actor=world.designer, activity=built.practice, items=[*built.items.values(), matching]
    )
    publishing.publish(actor=world.designer, course=built.course)
    built.course.refresh_from_db()
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    kwargs = {"enrollment_id": enrollment.pk, "activity_key": activity.key}
    return reverse("player:activity", kwargs=kwargs)


def _check_move_buttons(entries):
    count = entries.count()
    for index in range(count):
        up = entries.nth(index).get_by_role("button", name="Subir")
        down = entries.nth(index).get_by_role("button", name="Bajar")
        (expect(up).to_be_disabled if index == 0 else expect(up).to_be_enabled)()
        (expect(down).to_be_disabled if index == count - 1 else expect(down).to_be_enabled)()


def _ordering(page):
    entries = steps.item(page, ORDERING).locator("[data-order-list] > li")
    _check_move_buttons(entries)
    first = entries.first.get_attribute("data-value")
    moving = steps.item(page, ORDERING).locator(f"[data-order-list] > li[data-value='{first}']")
    for _ in range(entries.count() - 1):  # the first entry goes down to the bottom
        moving.get_by_role("button", name="Bajar").click()
        _check_move_buttons(entries)
    expect(entries.last).to_have_attribute("data-value", first)
    # Its «Bajar» is disabled now: focus moved to its «Subir», not to the page.
    expect(entries.last.get_by_role("button", name="Subir")).to_be_focused()
    status = steps.feedback(page, ORDERING).locator("[data-order-status]")
    expect(status).to_have_text(re.compile(r": posición 4 de 4$"))


def _answer_with_maths_labels(page):
    single = steps.item(page, SINGLE)
    # The radio is named by the plain text of $\frac{3}{4}$.
    single.get_by_role("radio", name="3/4", exact=True).check()
    region = steps.feedback(page, SINGLE)
    region.evaluate("node => { node.dataset.kept = 'yes'; }")
    single.get_by_role("button", name="Comprobar").click()
    expect(region).to_contain_text("¡Correcto!")
    expect(region).to_have_attribute("data-kept", "yes")  # the same region, not a new one
    expect(steps.item(page, SINGLE).get_by_role("button", name="Comprobar")).to_be_focused()

    matching = steps.item(page, MATCHING)
    select = matching.get_by_role("combobox", name="4²", exact=True)
    options = select.locator("option").all_inner_texts()
    assert sorted(options[1:]) == ["16", "8", "√2"] and not any("$" in o for o in options)
    select.select_option(label="16")
    matching.get_by_role("combobox", name="2³", exact=True).select_option(label="8")
    matching.get_by_role("button", name="Comprobar").click()
    expect(steps.feedback(page, MATCHING)).to_contain_text("¡Correcto!")


def test_student_answers_maths_items_by_keyboard_and_hears_the_feedback(phone, world):
    url = _practice_with_maths(world)
    steps.sign_in(phone, world.student_a1)
    phone.goto(url)
    _ordering(phone)
    _answer_with_maths_labels(phone)
    screenshot(phone, "player-maths-360")
    phone.set_viewport_size({"width": 1280, "height": 900})
    screenshot(phone, "player-maths-1280")
    assert phone.problems == []
