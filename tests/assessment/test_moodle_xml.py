"""Moodle XML import and export, including hostile files."""

import pytest
from hypothesis import HealthCheck, given, settings

from impulsa.assessment.formats.common import ItemFileInvalid, ParsedItem
from impulsa.assessment.formats.moodle_xml import export_moodle_xml, parse_moodle_xml
from impulsa.assessment.itemtypes import validate_body
from tests.assessment.strategies import items

CARRIED = ("type", "name", "stem", "stem_format", "body", "general_feedback", "hints", "tags")

BANK = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Mate</text></category></question>
  <question type="multichoice">
    <name><text>Capital</text></name>
    <questiontext format="html"><text><![CDATA[<p>¿Capital de México?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>Es CDMX.</text></generalfeedback>
    <single>true</single><shuffleanswers>0</shuffleanswers>
    <answer fraction="100"><text>CDMX</text><feedback><text>Bien</text></feedback></answer>
    <answer fraction="-50"><text>GDL</text></answer>
    <hint format="html"><text>Piensa en el centro.</text></hint>
    <tags><tag><text>skill:geo</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Primos</text></name>
    <questiontext format="moodle_auto_format"><text>Elige 2 &lt; x</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>2</text></answer>
    <answer fraction="50"><text>3</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Sol</text></name>
    <questiontext format="markdown"><text>El sol es una **estrella**.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Sí</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>No</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>Fórmula</text></name>
    <questiontext><text>Fórmula del agua</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>H2O</text></answer>
    <answer fraction="50"><text>H*O</text></answer>
  </question>
  <question type="numerical">
    <name><text>Largo</text></name>
    <questiontext><text>¿Cuánto mide?</text></questiontext>
    <answer fraction="100"><text>3.5</text><tolerance>0.1</tolerance></answer>
    <answer fraction="0"><text>*</text><feedback><text>Revisa</text></feedback></answer>
    <units>
      <unit><multiplier>1</multiplier><unit_name>cm</unit_name></unit>
      <unit><multiplier>10</multiplier><unit_name>mm</unit_name></unit>
    </units>
    <unitgradingtype>1</unitgradingtype>
  </question>
  <question type="matching">
    <name><text>Animales</text></name>
    <questiontext><text>Relaciona</text></questiontext>
    <subquestion><text>perro</text><answer><text>guau</text></answer></subquestion>
    <subquestion><text>gato</text><answer><text>miau</text></answer></subquestion>
    <subquestion><text></text><answer><text>muu</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Pasos</text></name>
    <questiontext><text>Ordena</text></questiontext>
    <answer fraction="1"><text>uno</text></answer>
    <answer fraction="2"><text>dos</text></answer>
    <answer fraction="3"><text>tres</text></answer>
  </question>
  <question type="cloze">
    <name><text>Huecos</text></name>
    <questiontext format="html"><text><![CDATA[Agua {2:SHORTANSWER:=H2O#bien~%50%HHO} hierve a {1:NM:=100:1} y es {:MCS:=líquida~sólida}.]]></text></questiontext>
  </question>
</quiz>
""".encode()


def by_name(parsed):
    return {item.name: item for item in parsed}


def test_every_supported_type_is_read():
    parsed = by_name(parse_moodle_xml(BANK))
    assert list(parsed) == [
        "Capital",
        "Primos",
        "Sol",
        "Fórmula",
        "Largo",
        "Animales",
        "Pasos",
        "Huecos",
    ]
    capital = parsed["Capital"]
    assert (capital.type, capital.stem, capital.stem_format) == (
        "single_choice",
        "<p>¿Capital de México?</p>",
        "html",
    )
    assert capital.body["choices"][1]["fraction"] == "0"  # a radio-button penalty scores like 0
    assert capital.body["shuffle"] is False
    assert (capital.general_feedback, capital.hints, capital.tags) == (
        "Es CDMX.",
        ["Piensa en el centro."],
        ["skill:geo"],
    )
    assert capital.line == 4
    assert parsed["Primos"].type == "multiple_choice"
    assert parsed["Primos"].stem == "Elige 2 &lt; x"
    assert parsed["Sol"].body == {"answer": True, "feedback_true": "Sí", "feedback_false": "No"}
    assert parsed["Sol"].stem_format == "markdown"
    assert parsed["Fórmula"].body["case_sensitive"] is True
    assert parsed["Fórmula"].body["answers"][1]["text"] == "H.*O"
    largo = parsed["Largo"].body
    assert len(largo["answers"]) == 1 and largo["unit_required"] is True
    assert largo["units"][1] == {"unit": "mm", "multiplier": "10"}
    assert parsed["Animales"].body["distractors"] == ["muu"]
    assert parsed["Pasos"].body == {"items": ["uno", "dos", "tres"]}
    cloze = parsed["Huecos"].body
    assert cloze["text"] == "Agua {1} hierve a {2} y es {3}."
    assert [(g["type"], g["weight"]) for g in cloze["gaps"]] == [
        ("short_answer", 2),
        ("numeric", 1),
        ("single_choice", 1),
    ]
    assert cloze["gaps"][0]["body"]["answers"][1]["fraction"] == "0.5"
    assert cloze["gaps"][2]["body"]["shuffle"] is True


def test_unsupported_types_are_reported_by_name_and_line_and_nothing_is_imported():
    data = b"""<quiz>
<question type="truefalse"><name><text>Bien</text></name><questiontext><text>x</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
<question type="description"><name><text>Ensayo</text></name><questiontext><text>Escribe</text></questiontext></question>
<question type="cloze"><name><text>Multi</text></name><questiontext><text>a {1:MULTIRESPONSE:=x~y}</text></questiontext></question>
<question type="shortanswer"><name><text>Sin</text></name><questiontext><text>y</text></questiontext></question>
</quiz>"""
    with pytest.raises(ItemFileInvalid) as invalid:
        parse_moodle_xml(data)
    assert [(p.name, p.line, p.reason) for p in invalid.value.problems] == [
        ("Ensayo", 4, "El tipo de pregunta «description» no se admite."),
        ("Multi", 5, "El hueco de tipo MULTIRESPONSE no se admite."),
        ("Sin", 6, "La lista de respuestas necesita al menos 1."),
    ]


def test_malformed_xml_is_one_problem_with_its_line():
    with pytest.raises(ItemFileInvalid) as invalid:
        parse_moodle_xml(b"<quiz>\n<question type='truefalse'>\n</quiz>")
    (problem,) = invalid.value.problems
    assert problem.line == 3 and problem.reason.startswith("El XML está mal formado")


def test_external_entities_are_refused_and_never_read(tmp_path):
    secret = tmp_path / "secreto.txt"
    secret.write_text("CONTRASEÑA")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<quiz><question type='truefalse'><name><text>&xxe;</text></name></question></quiz>"
    ).encode()
    with pytest.raises(ItemFileInvalid) as invalid:
        parse_moodle_xml(data)
    assert "CONTRASEÑA" not in str(invalid.value)
    assert "DOCTYPE" in str(invalid.value) or "mal formado" in str(invalid.value)


def test_billion_laughs_is_refused():
    entities = "".join(f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    data = f'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY l0 "ja">{entities}]><quiz>&l9;</quiz>'.encode()
    with pytest.raises(ItemFileInvalid):
        parse_moodle_xml(data)


def test_a_file_that_is_not_a_quiz_is_refused():
    with pytest.raises(ItemFileInvalid, match="falta <quiz>"):
        parse_moodle_xml(b"<html><body/></html>")


def test_export_skips_regex_short_answers_and_keeps_the_rest():
    regex = ParsedItem(
        "short_answer",
        "Regex",
        "x",
        "markdown",
        validate_body(
            "short_answer", {"answers": [{"text": "a|b", "regex": True}], "accent_sensitive": True}
        ),
    )
    wildcard = ParsedItem(
        "short_answer",
        "Comodín",
        "x",
        "markdown",
        validate_body(
            "short_answer", {"answers": [{"text": "a.*b", "regex": True}], "accent_sensitive": True}
        ),
    )
    result = export_moodle_xml([regex, wildcard])
    assert [(p.name, p.reason) for p in result.skipped] == [
        ("Regex", "Moodle no admite expresiones regulares en las respuestas.")
    ]
    (back,) = parse_moodle_xml(result.content)
    assert back.body["answers"][0]["text"] == "a.*b" and back.body["answers"][0]["regex"]


def test_reading_the_bank_exporting_and_reading_again_changes_nothing():
    first = parse_moodle_xml(BANK)
    result = export_moodle_xml(first)
    assert result.skipped == []
    again = parse_moodle_xml(result.content)
    assert [[getattr(i, f) for f in CARRIED] for i in again] == [
        [getattr(i, f) for f in CARRIED] for i in first
    ]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(items(carrier="xml"))
def test_export_then_import_gives_back_every_field_xml_carries(item):
    result = export_moodle_xml([item])
    assert result.skipped == []
    (back,) = parse_moodle_xml(result.content)
    assert {f: getattr(back, f) for f in CARRIED} == {f: getattr(item, f) for f in CARRIED}
