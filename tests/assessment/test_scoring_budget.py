"""Scoring short answers is bounded: one time budget per scoring call, a cap on regex
answers per item (at save and import), and one scoring per answer saved."""

import dataclasses

import pytest
from django.urls import reverse

from impulsa.assessment import itemtypes
from impulsa.assessment.bank import services
from impulsa.assessment.bank.transfer import ImportRefused, import_items
from impulsa.assessment.itemtypes import budget, score, validate_body
from impulsa.assessment.itemtypes.short_answer import scoring as short_answer
from impulsa.assessment.models import ItemVersion
from impulsa.core.errors import DomainError
from impulsa.learning.models import PublishedActivity
from tests.learning_builders import build_course, enroll

CATASTROPHIC = "(a|aa)+$"  # exponential backtracking on "aaa…b"
SLOW_RESPONSE = "a" * 40 + "b"


class CountingPattern:
    """Delegates to the compiled pattern and counts the matches attempted."""

    def __init__(self, pattern, counter):
        self.pattern, self.counter = pattern, counter

    def fullmatch(self, text, **kwargs):
        self.counter.append(kwargs.get("timeout"))
        return self.pattern.fullmatch(text, **kwargs)


@pytest.fixture
def attempts(monkeypatch):
    """Every regex match the scorer attempts, with the timeout it gave."""
    counter: list = []
    compile_pattern = short_answer.compile_pattern
    monkeypatch.setattr(
        short_answer,
        "compile_pattern",
        lambda *args, **kwargs: CountingPattern(compile_pattern(*args, **kwargs), counter),
    )
    return counter


def _legacy_body(patterns: int, *, plain_last: str | None = None) -> dict:
    """A body as an item saved before the cap could hold: no validation on the way."""
    answers = [
        {"text": CATASTROPHIC, "fraction": "1", "feedback": "", "regex": True}
        for _n in range(patterns)
    ]
    if plain_last:
        answers.append({"text": plain_last, "fraction": "0.5", "feedback": "Casi.", "regex": False})
    return {"answers": answers, "case_sensitive": False}


def test_catastrophic_patterns_share_one_budget_for_the_whole_call(attempts):
    outcome = score("short_answer", _legacy_body(50), SLOW_RESPONSE)

    assert outcome.fraction == 0
    # Each match may use MATCH_TIMEOUT_SECONDS and all of them the budget, so at most
    # budget / per-match (+1 for the last partial slice) matches ever start.
    most = int(budget.SCORING_BUDGET_SECONDS / short_answer.MATCH_TIMEOUT_SECONDS) + 1
    assert 1 <= len(attempts) <= most
    assert all(0 < t <= short_answer.MATCH_TIMEOUT_SECONDS for t in attempts)


def test_a_spent_budget_still_compares_the_plain_answers(attempts):
    outcome = score("short_answer", _legacy_body(30, plain_last=SLOW_RESPONSE), SLOW_RESPONSE)

    assert outcome.fraction == pytest.approx(0.5)
    assert outcome.feedback == ["Casi."]


def test_a_cloze_shares_one_budget_across_its_gaps(attempts):
    gap = {"type": "short_answer", "body": _legacy_body(8), "weight": 1}
    body = {"text": "{1} {2} {3} {4} {5}", "gaps": [gap] * 5}

    outcome = score("cloze", body, [SLOW_RESPONSE] * 5)

    assert outcome.fraction == 0
    most = int(budget.SCORING_BUDGET_SECONDS / short_answer.MATCH_TIMEOUT_SECONDS) + 1
    assert len(attempts) <= most


def test_scoring_tries_no_more_patterns_than_the_cap(attempts):
    fast = [{"text": "z+", "fraction": "1", "feedback": "", "regex": True}] * 25
    body = {"answers": fast, "case_sensitive": False}

    assert score("short_answer", body, "nada").fraction == 0
    assert len(attempts) == short_answer.MAX_REGEX_ANSWERS


def _regex_answers(count: int) -> list[dict]:
    return [{"text": f"respuesta{n}.*", "regex": True} for n in range(count)]


def test_saving_more_regex_answers_than_the_cap_is_refused_in_spanish():
    cap = short_answer.MAX_REGEX_ANSWERS
    validate_body("short_answer", {"answers": _regex_answers(cap)})
    with pytest.raises(DomainError, match=r"hasta 10 respuestas con expresión regular"):
        validate_body("short_answer", {"answers": _regex_answers(cap + 1)})


def test_a_cloze_counts_the_regex_answers_of_all_its_gaps():
    gap = {"type": "short_answer", "body": {"answers": _regex_answers(6)}}
    with pytest.raises(DomainError, match="tiene 12"):
        validate_body("cloze", {"text": "{1} y {2}", "gaps": [gap, gap]})


def test_the_builder_refuses_too_many_regex_answers(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    rows = _regex_answers(short_answer.MAX_REGEX_ANSWERS + 1)
    data = {
        "name": "Muchos patrones",
        "stem": "¿Qué?",
        "answers-TOTAL_FORMS": str(len(rows)),
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"answers-{n}-text": row["text"], f"answers-{n}-regex": "on"})
    url = reverse("itembank:item_create", kwargs={"course_id": built.course.pk})

    response = login(world.designer).post(f"{url}?tipo=short_answer", data)

    assert response.status_code == 200
    assert "hasta 10 respuestas con expresión regular" in response.content.decode()
    assert not ItemVersion.objects.filter(name="Muchos patrones").exists()


def test_a_moodle_file_with_too_many_wildcard_answers_is_refused(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    answers = "".join(f'<answer fraction="100"><text>r{n}*</text></answer>' for n in range(11))
    data = (
        '<quiz><question type="shortanswer"><name><text>Comodines</text></name>'
        f"<questiontext><text>x</text></questiontext>{answers}</question></quiz>"
    ).encode()

    with pytest.raises(ImportRefused) as refused:
        import_items(actor=world.designer, course=built.course, filename="q.xml", data=data)

    assert "hasta 10 respuestas con expresión regular" in refused.value.problems[0].reason


def test_a_gift_file_with_too_many_wildcard_answers_is_refused(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    answers = " ".join(f"=r{n}*" for n in range(11))
    data = f"::Comodines:: ¿Qué? {{{answers}}}".encode()

    with pytest.raises(ImportRefused) as refused:
        import_items(actor=world.designer, course=built.course, filename="q.gift", data=data)

    assert "hasta 10 respuestas con expresión regular" in refused.value.problems[0].reason


def test_saving_a_practice_answer_scores_it_once(world, login, monkeypatch):
    """Saving scored the answer, then the feedback fragment scored it again."""
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    version = ItemVersion.objects.get(pk__in=activity.frozen["item_versions"], type="short_answer")
    calls = []
    kind = itemtypes.TYPES["short_answer"]

    def counting(body, response):
        calls.append(response)
        return kind.score(body, response)

    monkeypatch.setitem(itemtypes.TYPES, "short_answer", dataclasses.replace(kind, score=counting))
    url = reverse(
        "answers:save",
        kwargs={
            "enrollment_id": enrollment.pk,
            "activity_key": activity.key,
            "item_version_id": version.pk,
        },
    )

    response = login(world.student_a1).post(
        url, {"answer": "respuesta única del alumno"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert calls == ["respuesta única del alumno"]


def test_services_refuse_too_many_regex_answers_for_an_existing_item(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    item = built.items["short_answer"]
    with pytest.raises(DomainError, match="expresión regular"):
        services.update_item(
            actor=world.designer,
            item=item,
            type="short_answer",
            name="Corta",
            stem="¿Qué?",
            body={"answers": _regex_answers(11)},
        )
