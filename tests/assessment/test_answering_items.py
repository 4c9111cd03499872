"""Answering practice items through HTTP: every item type right and wrong, feedback,
events, hints, completion, resume, and display details (shuffle, ordering)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse

from impulsa.assessment.answering.player import PREVIEW, item_seed, item_view
from impulsa.assessment.itemtypes import TYPES
from impulsa.assessment.itemtypes.display import mask
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.learning.models import ActivityProgress, LearningEvent, PublishedActivity, Verb
from tests.learning_builders import build_course, enroll

HTMX = {"HTTP_HX_REQUEST": "true"}

# type -> (right form data, wrong form data, feedback shown for the wrong one)
ANSWERS = {
    "single_choice": ({"choice": "0"}, {"choice": "1"}, "No se suman denominadores."),
    "multiple_choice": ({"choice": ["0", "1"]}, {"choice": ["2"]}, "4 = 2 × 2."),
    "true_false": ({"answer": "true"}, {"answer": "false"}, "0 = 2 × 0."),
    "numeric": ({"answer": "120 mm"}, {"answer": "9"}, None),
    "short_answer": ({"answer": "  PRODUCTO "}, {"answer": "suma"}, None),
    "matching": ({"match-0": "0", "match-1": "1"}, {"match-0": "2", "match-1": "0"}, None),
    "ordering": ({"order": "0,1,2,3"}, {"order": "3,2,1,0"}, None),
    "cloze": (
        {"gap-1-answer": "5", "gap-2-answer": "veinte"},
        {"gap-1-answer": "4", "gap-2-answer": "diez"},
        None,
    ),
}


def token_for(version, seed, original):
    """The token the page shows for an original index of a matching or ordering item."""
    return mask(TYPES[version.type].mask_size(version.body), seed).index(original)


@dataclass
class Practice:
    enrollment: object
    activity: PublishedActivity
    versions: dict  # type -> ItemVersion

    def save_url(self, item_type, action="save"):
        return reverse(
            f"answers:{action}",
            kwargs={
                "enrollment_id": self.enrollment.pk,
                "activity_key": self.activity.key,
                "item_version_id": self.versions[item_type].pk,
            },
        )

    def form(self, item_type, which):
        """ANSWERS' form data, with matching and ordering indices turned into the
        tokens the page uses for them (the page never shows original indices)."""
        data = ANSWERS[item_type][which]
        if item_type not in ("matching", "ordering"):
            return data
        version = self.versions[item_type]
        seed = item_seed(self.enrollment, version)

        def token(index):
            return str(token_for(version, seed, int(index)))

        if item_type == "ordering":
            return {"order": ",".join(token(i) for i in data["order"].split(","))}
        return {key: token(value) for key, value in data.items()}

    @property
    def page_url(self):
        return reverse(
            "player:activity",
            kwargs={"enrollment_id": self.enrollment.pk, "activity_key": self.activity.key},
        )


@pytest.fixture
def practice(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    versions = ItemVersion.objects.in_bulk(activity.frozen["item_versions"])
    return Practice(enrollment, activity, {v.type: v for v in versions.values()})


def _answered(enrollment):
    return list(LearningEvent.objects.filter(enrollment=enrollment, verb=Verb.ANSWERED))


@pytest.mark.parametrize("item_type", list(ANSWERS))
def test_practice_item_right_then_wrong_shows_feedback_and_records_events(
    world, practice, login, item_type
):
    right, wrong = practice.form(item_type, 0), practice.form(item_type, 1)
    wrong_feedback = ANSWERS[item_type][2]
    client = login(world.student_a1)
    response = client.post(practice.save_url(item_type), right, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "¡Correcto!" in html and "Solución explicada." in html
    # The feedback fills the item's live region (out of band); the region stays put.
    assert f'id="i{practice.versions[item_type].pk}-feedback" hx-swap-oob="innerHTML"' in html
    assert 'aria-live="polite"' not in html
    answer = Answer.objects.get(
        enrollment=practice.enrollment, item_version=practice.versions[item_type]
    )
    assert answer.fraction == Decimal(1) and answer.attempt == 1

    html = client.post(practice.save_url(item_type), wrong, **HTMX).content.decode()
    assert "Incorrecto." in html and "¡Correcto!" not in html
    if wrong_feedback:
        assert wrong_feedback in html
    answer.refresh_from_db()
    assert answer.fraction == Decimal(0)
    first, second = _answered(practice.enrollment)
    assert first.result["score"] == "1.0000" and first.result["success"] is True
    assert second.result["score"] == "0.0000" and second.result["success"] is False
    assert second.object_id == f"item:{practice.versions[item_type].item.key}"
    assert second.activity_key == practice.activity.key
    assert second.result["response"] == answer.response


def test_partial_credit_is_shown_as_partially_correct(world, practice, login):
    client = login(world.student_a1)
    html = client.post(practice.save_url("multiple_choice"), {"choice": ["0"]}, **HTMX)
    assert "Parcialmente correcto (50 %)." in html.content.decode()


def test_practice_completes_when_every_item_is_answered(world, practice, login):
    client = login(world.student_a1)
    types = list(ANSWERS)
    for item_type in types[:-1]:
        client.post(practice.save_url(item_type), practice.form(item_type, 0), **HTMX)
    client.post(practice.save_url(types[0]), practice.form(types[0], 1), **HTMX)  # one now wrong
    assert not LearningEvent.objects.filter(verb=Verb.COMPLETED).exists()
    html = client.post(
        practice.save_url(types[-1]), practice.form(types[-1], 0), **HTMX
    ).content.decode()
    assert "Práctica terminada" in html and 'hx-swap-oob="true"' in html
    (completed,) = LearningEvent.objects.filter(enrollment=practice.enrollment, verb=Verb.COMPLETED)
    assert completed.result["score"] == "0.8750"  # 7 of 8 right
    progress = ActivityProgress.objects.get(
        enrollment=practice.enrollment, activity_key=practice.activity.key
    )
    assert progress.status == "completed" and progress.score == Decimal("0.875")
    client.post(practice.save_url(types[0]), practice.form(types[0], 0), **HTMX)
    assert LearningEvent.objects.filter(verb=Verb.COMPLETED).count() == 1


def test_a_practice_answer_runs_a_bounded_number_of_queries(
    world, practice, login, django_assert_max_num_queries
):
    """The cache versions, the enrollment, its lock with the activity's progress, the
    answer with the attempt's other credits, the event with its progress, and the
    transaction's start and end (here a savepoint and its release)."""
    client = login(world.student_a1)
    url, right = practice.save_url("single_choice"), practice.form("single_choice", 0)
    client.post(url, right, **HTMX)
    with django_assert_max_num_queries(7):
        response = client.post(url, right, **HTMX)
    assert "Correcto" in response.content.decode()


def test_answer_without_javascript_redirects_back_and_resume_shows_it(world, practice, login):
    client = login(world.student_a1)
    response = client.post(practice.save_url("short_answer"), {"answer": "producto"})
    assert response.status_code == 302
    assert (
        response["Location"] == f"{practice.page_url}#item-{practice.versions['short_answer'].pk}"
    )
    page = client.get(practice.page_url).content.decode()
    assert 'value="producto"' in page
    assert "¡Correcto!" in page
    assert "Has respondido 1 de 8 preguntas." in page


def test_blank_answer_is_refused_with_a_message(world, practice, login):
    client = login(world.student_a1)
    html = client.post(practice.save_url("numeric"), {"answer": "  "}, **HTMX).content.decode()
    # The refusal goes into the item's live region like any feedback.
    region = f'id="i{practice.versions["numeric"].pk}-feedback" hx-swap-oob="innerHTML">'
    assert region in html and "antes de enviarla" in html.split(region)[1]
    assert not Answer.objects.exists() and not _answered(practice.enrollment)


def test_hints_are_revealed_one_by_one_and_counted(world, practice, login):
    client = login(world.student_a1)
    url = practice.save_url("numeric", "hint")
    first = client.post(url, **HTMX).content.decode()
    assert "Primera pista." in first and "Segunda pista." not in first
    second = client.post(url, **HTMX).content.decode()
    assert "Segunda pista." in second and ">Pista</button>" not in second
    refused = client.post(url, **HTMX).content.decode()
    assert "Ya viste todas las pistas" in refused
    answer = Answer.objects.get(item_version=practice.versions["numeric"])
    assert answer.hints_seen == 2 and answer.response is None
    hints = LearningEvent.objects.filter(verb=Verb.REQUESTED_HINT).order_by("id")
    assert [e.result["hint"] for e in hints] == [1, 2]
    # a hint alone is not an answer: the item still counts as unanswered
    assert "Has respondido 0 de 8" in client.get(practice.page_url).content.decode()
    client.post(practice.save_url("numeric"), {"answer": "12"}, **HTMX)
    answer.refresh_from_db()
    assert answer.hints_seen == 2 and answer.fraction == 1


def test_ordering_without_javascript_takes_positions_in_the_list_shown(world, practice, login):
    client = login(world.student_a1)
    version = practice.versions["ordering"]
    page = client.get(practice.page_url).content.decode()
    shown = page.split(f'id="item-{version.pk}"')[1].split('name="shown" value="')[1].split('"')[0]
    seed = item_seed(practice.enrollment, version)
    original = {token_for(version, seed, i): i for i in range(4)}
    indices = [original[int(token)] for token in shown.split(",")]
    assert indices != sorted(indices)  # never starts in the right order
    positions = ",".join(str(indices.index(i) + 1) for i in range(len(indices)))
    client.post(
        practice.save_url("ordering"), {"order": shown, "shown": shown, "positions": positions}
    )
    answer = Answer.objects.get(item_version=version)
    assert answer.response == [0, 1, 2, 3] and answer.fraction == 1
    response = client.post(
        practice.save_url("ordering"), {"order": shown, "shown": shown, "positions": "1,1,2,3"}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.response == [0, 1, 2, 3]


def test_item_not_in_the_activity_is_404(world, practice, login):
    client = login(world.student_a1)
    url = reverse(
        "answers:save",
        kwargs={
            "enrollment_id": practice.enrollment.pk,
            "activity_key": practice.activity.key,
            "item_version_id": max(v.pk for v in practice.versions.values()) + 100,
        },
    )
    assert client.post(url, {"answer": "1"}).status_code == 404


def test_items_render_accessible_fields_with_the_names_the_scorer_reads(world, practice, login):
    page = login(world.student_a1).get(practice.page_url).content.decode()
    assert page.count("<fieldset") == 8 and page.count("<legend") == 8
    for name in ('name="choice"', 'name="answer"', 'name="match-0"', 'name="order"',
                 'name="gap-1-answer"', 'name="gap-2-answer"'):  # fmt: skip
        assert name in page
    assert 'aria-label="Hueco 1"' in page


def _shuffled(body, seed_owner):
    version = ItemVersion(pk=99, item_id=7, type="single_choice", stem="¿?", body=body)
    view = item_view(
        version, number=1, mode=PREVIEW, enrollment=seed_owner, activity=None, answer=None
    )
    return [choice["value"] for choice in view.fields["choices"]]


def test_shuffled_choices_are_stable_per_enrollment_and_keep_original_values():
    choices = [
        {"text": f"opción {i}", "fraction": "1" if i == 0 else "0", "feedback": ""}
        for i in range(8)
    ]
    body = {"choices": choices, "shuffle": True}

    @dataclass
    class Owner:
        pk: int

    first = _shuffled(body, Owner(1))
    assert first == _shuffled(body, Owner(1))
    assert sorted(first) == list(range(8)) and first != list(range(8))
    assert any(_shuffled(body, Owner(n)) != first for n in range(2, 6))
    assert _shuffled({**body, "shuffle": False}, Owner(1)) == list(range(8))


def test_items_imported_as_html_render_their_html_not_its_tags(world):
    from impulsa.assessment.bank import services as items
    from impulsa.learning.authoring import services as authoring

    course = authoring.create_course(actor=world.designer, institution=world.national, name="X")
    gap = {"answers": [{"text": "5", "fraction": "1"}], "case_sensitive": False}
    item = items.create_item(
        actor=world.designer, course=course, type="cloze", name="Mitad", stem="",
        stem_format="html", general_feedback="<p>Divide <b>entre 2</b>.</p>",
        body={"text": "<p>La mitad de 10 es {1}.</p>", "gaps": [
            {"type": "short_answer", "body": gap, "weight": 1}]},
    )  # fmt: skip
    view = item_view(
        item.current, number=1, mode=PREVIEW, enrollment=None, activity=None, answer=None
    )
    text = "".join(segment["html"] for segment in view.fields["segments"])
    assert "<p>La mitad de 10 es " in text and "&lt;p&gt;" not in text
    assert "<b>entre 2</b>" in view.general_feedback
