"""Browser journey: a designer drags a unit to the top of the course editor."""

import pytest
from django.urls import reverse

from impulsa.learning.authoring import services
from impulsa.learning.models import Unit
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_designer_drags_a_unit_to_the_top(world, phone):
    course = services.create_course(
        actor=world.designer, institution=world.national, name="Robótica"
    )
    for title in ("Uno", "Dos", "Tres"):
        services.create_unit(actor=world.designer, course=course, title=title)
    phone.goto("/cuenta/entrar/")
    phone.fill("input[name=username]", world.designer.username)
    phone.fill("input[name=password]", PASSWORD)
    phone.click("button[type=submit]")
    # Playwright's mouse cannot drag to a row scrolled out of view: a tall window.
    phone.set_viewport_size({"width": 1280, "height": 2400})
    phone.goto(reverse("authoring:course_detail", kwargs={"course_id": course.pk}))
    tres = Unit.objects.get(title="Tres")
    phone.drag_and_drop(
        f"#unit-{tres.pk} .drag-handle",
        ".authoring-tree > li:first-child",
        target_position={"x": 50, "y": 5},
    )
    phone.locator("#reorder-status:not(:empty)").wait_for()
    assert (
        phone.locator("#reorder-status").text_content()
        == "«Tres» ahora está en la posición 1 de 3."
    )
    assert list(course.units.order_by("position").values_list("title", flat=True)) == [
        "Tres",
        "Uno",
        "Dos",
    ]
    screenshot(phone, "authoring-drag")
    assert phone.problems == []
