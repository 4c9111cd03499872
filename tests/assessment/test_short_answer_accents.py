"""Whether accents count in a short answer is a per-item setting: scoring, answers that
would merge, the builder, Moodle XML and GIFT."""

import unicodedata

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.bank.transfer import ImportRefused, as_parsed, import_items
from impulsa.assessment.formats.common import ParsedItem
from impulsa.assessment.formats.gift import export_gift, parse_gift
from impulsa.assessment.formats.moodle_xml import export_moodle_xml, parse_moodle_xml
from impulsa.assessment.itemtypes import score, validate_body
from impulsa.assessment.itemtypes.normalize import strip_accents
from impulsa.assessment.models import Item
from impulsa.core.errors import DomainError
from tests.learning_builders import build_course

PERU = {"answers": [{"text": "Perú"}]}


def test_by_default_accents_do_not_count_as_before():
    body = validate_body("short_answer", PERU)
    assert body == {
        "answers": [{"text": "Perú", "fraction": "1", "feedback": "", "regex": False}],
        "case_sensitive": False,
    }  # an old body is unchanged: editing it makes no new version
    assert score("short_answer", body, "peru").correct


def test_when_accents_count_only_the_accented_spelling_is_right():
    body = validate_body("short_answer", {**PERU, "accent_sensitive": True})
    assert body["accent_sensitive"] is True
    assert score("short_answer", body, "  perú ").correct  # case still does not count
    assert not score("short_answer", body, "Peru").correct
    assert score("short_answer", body, unicodedata.normalize("NFD", "Perú")).correct


def test_regex_answers_follow_the_setting():
    body = validate_body(
        "short_answer",
        {"answers": [{"text": "cami[oó]n|camión.*", "regex": True}], "accent_sensitive": True},
    )
    assert score("short_answer", body, "camión grande").correct
    strict = validate_body(
        "short_answer", {"answers": [{"text": "camión", "regex": True}], "accent_sensitive": True}
    )
    assert not score("short_answer", strict, "camion").correct


ACCENTED = st.text("aeiouáéíóúAÉÍÓÚbcñ ", min_size=1, max_size=12).filter(
    lambda t: t.strip() and strip_accents(t) != t
)


@given(ACCENTED)
def test_with_accents_counting_dropping_them_is_wrong_and_keeping_them_right(word):
    body = validate_body("short_answer", {"answers": [{"text": word}], "accent_sensitive": True})
    assert score("short_answer", body, word.upper()).correct
    assert not score("short_answer", body, strip_accents(word)).correct


def test_answers_that_merge_with_different_credit_are_refused():
    merged = {"answers": [{"text": "Perú", "fraction": "1"}, {"text": "peru", "fraction": "0"}]}
    with pytest.raises(DomainError, match=r"respuestas 1 y 2 .*crédito distinto"):
        validate_body("short_answer", merged)
    validate_body("short_answer", {**merged, "accent_sensitive": True})  # distinct now


def test_answers_that_merge_with_the_same_credit_are_harmless():
    validate_body("short_answer", {"answers": [{"text": "Perú"}, {"text": "PERU"}]})


def test_a_case_only_difference_merges_unless_case_counts():
    body = {"answers": [{"text": "H2O"}, {"text": "h2o", "fraction": "0.5"}]}
    with pytest.raises(DomainError, match="sin contar mayúsculas"):
        validate_body("short_answer", {**body, "accent_sensitive": True})
    validate_body("short_answer", {**body, "case_sensitive": True})


SHORT_XML = """<quiz><question type="shortanswer"><name><text>País</text></name>
<questiontext><text>¿Dónde está Lima?</text></questiontext><usecase>{usecase}</usecase>
{answers}</question></quiz>"""


def _xml(usecase="0", answers='<answer fraction="100"><text>Perú</text></answer>') -> bytes:
    return SHORT_XML.format(usecase=usecase, answers=answers).encode()


def test_moodle_short_answers_count_accents_and_honour_usecase():
    (item,) = parse_moodle_xml(_xml("0"))
    assert item.body["accent_sensitive"] is True and item.body["case_sensitive"] is False
    assert not score("short_answer", item.body, "Peru").correct
    assert score("short_answer", item.body, "perú").correct
    (strict,) = parse_moodle_xml(_xml("1"))
    assert strict.body["case_sensitive"] is True
    assert not score("short_answer", strict.body, "perú").correct


def test_moodle_cloze_short_gaps_count_accents():
    data = b"""<quiz><question type="cloze"><name><text>Hueco</text></name>
<questiontext><text>Lima es de {1:SHORTANSWER:=Per\xc3\xba}.</text></questiontext></question></quiz>"""
    (item,) = parse_moodle_xml(data)
    assert item.body["gaps"][0]["body"]["accent_sensitive"] is True


def test_a_moodle_file_whose_answers_merge_is_refused_in_spanish(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    answers = (
        '<answer fraction="100"><text>Perú</text></answer>'
        '<answer fraction="0"><text>PERÚ</text></answer>'
    )
    with pytest.raises(ImportRefused) as refused:
        import_items(
            actor=world.designer, course=built.course, filename="p.xml", data=_xml("0", answers)
        )
    assert "crédito distinto" in refused.value.problems[0].reason


def test_moodle_export_writes_the_setting_back_and_says_moodle_always_counts_accents():
    counted = as_parsed_body({**PERU, "accent_sensitive": True, "case_sensitive": True})
    ignored = as_parsed_body(PERU)
    result = export_moodle_xml([counted, ignored])
    assert b"<usecase>1</usecase>" in result.content
    assert [p.name for p in result.skipped] == ["ignorados"]
    assert "Moodle siempre distingue los acentos" in result.skipped[0].reason
    back = parse_moodle_xml(result.content)
    assert [b.body for b in back] == [counted.body, ignored.body]  # our own element


def as_parsed_body(body):
    name = "contados" if body.get("accent_sensitive") else "ignorados"
    return ParsedItem(
        "short_answer", name, "¿Dónde?", "markdown", validate_body("short_answer", body)
    )


def test_gift_keeps_todays_default_and_reports_what_it_cannot_carry():
    (item,) = parse_gift("::País:: ¿Dónde está Lima? {=Perú}")
    assert "accent_sensitive" not in item.body
    result = export_gift([as_parsed_body({**PERU, "accent_sensitive": True})])
    assert "acentos" in result.skipped[0].reason


def _builder_post(course, accents: bool, answers):
    data = {
        "name": "Ortografía",
        "stem": "¿Dónde está Lima?",
        "answers-TOTAL_FORMS": str(len(answers)),
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "1000",
    }
    for n, (text, credit) in enumerate(answers):
        data.update({f"answers-{n}-text": text, f"answers-{n}-credit": credit})
    if accents:
        data["body-accent_sensitive"] = "on"
    url = reverse("itembank:item_create", kwargs={"course_id": course.pk})
    return f"{url}?tipo=short_answer", data


def test_the_builder_offers_the_setting_and_saves_it(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    client = login(world.designer)
    url, data = _builder_post(built.course, True, [("Perú", "100"), ("Peru", "0")])
    page = client.get(url).content.decode()
    assert "Distinguir acentos" in page and "«Perú» será correcta" in page

    response = client.post(url, data)

    assert response.status_code == 302
    body = Item.objects.get(versions__name="Ortografía").current.body
    assert body["accent_sensitive"] is True
    assert as_parsed(Item.objects.get(versions__name="Ortografía")).body == body


def test_the_builder_says_when_answers_merge(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    url, data = _builder_post(built.course, False, [("Perú", "100"), ("Peru", "0")])

    response = login(world.designer).post(url, data)

    assert response.status_code == 200
    assert "Las respuestas 1 y 2 son la misma" in response.content.decode()
    assert not Item.objects.filter(versions__name="Ortografía").exists()


def test_the_cloze_builder_sets_accents_for_its_short_gaps(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    url = reverse("itembank:item_create", kwargs={"course_id": built.course.pk})
    data = {
        "name": "Huecos",
        "stem": "Completa.",
        "body-text": "Lima está en {1}.",
        "body-gaps": "SA:=Perú",
        "body-accent_sensitive": "on",
    }

    response = login(world.designer).post(f"{url}?tipo=cloze", data)

    assert response.status_code == 302
    gap = Item.objects.get(versions__name="Huecos").current.body["gaps"][0]
    assert gap["body"]["accent_sensitive"] is True
