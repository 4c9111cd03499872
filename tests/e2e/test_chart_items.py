"""A graph item on a phone: the chart is drawn (named, with its data one tap away),
and a numeric answer typed as a student writes it (a fraction, another unit of
the same family) is scored as a teacher would."""

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

STEM = """La gráfica muestra cómo llegan a la escuela los 40 alumnos del grupo:

```grafica barras Cómo llegan a la escuela
| Medio | Alumnos |
|---|---|
| Camión | 18 |
| Caminando | 10 |
| Auto | 8 |
| Bicicleta | 4 |
```

¿Qué fracción del grupo llega en auto?"""


def _practice(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    chart = items.create_item(
        actor=world.designer, course=built.course, type="numeric", name="Fracción en auto",
        stem=STEM, body={
            "answers": [{"value": "0.2", "tolerance": "0", "fraction": "1", "feedback": "8 de 40."}],
            "units": [], "unit_required": False,
        },
    )  # fmt: skip
    items.set_activity_items(
        actor=world.designer, activity=built.practice, items=[chart, built.items["numeric"]]
    )
    publishing.publish(actor=world.designer, course=built.course)
    built.course.refresh_from_db()
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    kwargs = {"enrollment_id": enrollment.pk, "activity_key": activity.key}
    return reverse("player:activity", kwargs=kwargs)


def test_a_student_reads_a_bar_chart_and_answers_as_they_write(phone, world):
    url = _practice(world)
    steps.sign_in(phone, world.student_a1)
    phone.goto(url)
    question = steps.item(phone, "llega en auto")
    chart = question.get_by_role("img", name=re.compile("Cómo llegan a la escuela"))
    expect(chart).to_be_visible()
    assert question.locator("svg rect").count() == 4
    question.get_by_text("Ver los datos de la gráfica").click()
    expect(question.get_by_role("row", name=re.compile("Auto 8"))).to_be_visible()
    screenshot(phone, "player-chart-360")
    assert "{#" not in phone.content()  # no template syntax leaks into the page

    # 8/40 is 1/5: the unsimplified fraction earns the credit, with a note.
    question.get_by_label(re.compile("^Tu respuesta")).fill("8/40")
    steps.check(phone, "llega en auto")
    feedback = steps.feedback(phone, "llega en auto")
    expect(feedback).to_contain_text("¡Correcto!")
    expect(feedback).to_contain_text("se puede simplificar: 1/5")

    # The square's side item declares cm and mm: 120 mm is its 12 cm.
    square = "perímetro del cuadrado"
    steps.item(phone, square).get_by_label(re.compile("^Tu respuesta")).fill("120 mm")
    steps.check(phone, square)
    expect(steps.feedback(phone, square)).to_contain_text("¡Correcto!")
    assert phone.problems == []
