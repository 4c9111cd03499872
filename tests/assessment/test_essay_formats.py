"""Essays in Moodle XML and GIFT: Moodle's meaning kept (defaultgrade is the maximum,
graderinfo the model answer, the word limits), what we cannot honour reported, our
rubric carried back whole, and GIFT's `{}`."""

import copy

import pytest
from lxml import etree

from impulsa.assessment.bank import transfer
from impulsa.assessment.formats.common import ItemFileInvalid, ParsedItem
from impulsa.assessment.formats.gift import export_gift, parse_gift
from impulsa.assessment.formats.moodle_xml import export_moodle_xml, parse_moodle_xml
from impulsa.assessment.itemtypes import validate_body
from tests.learning_builders import ESSAY_BODY, build_course

MOODLE_ESSAY = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="essay">
    <name><text>Fotosíntesis</text></name>
    <questiontext format="html"><text><![CDATA[<p>Explica la fotosíntesis.</p>]]></text></questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <defaultgrade>10.0000000</defaultgrade>
    <penalty>0.0000000</penalty>
    <hidden>0</hidden>
    <responseformat>editor</responseformat>
    <responserequired>1</responserequired>
    <responsefieldlines>20</responsefieldlines>
    <minwordlimit>50</minwordlimit>
    <maxwordlimit></maxwordlimit>
    <attachments>1</attachments>
    <attachmentsrequired>0</attachmentsrequired>
    <graderinfo format="html"><text><![CDATA[<p>Luz, agua y CO<sub>2</sub>.</p>]]></text></graderinfo>
    <responsetemplate format="html"><text>Empieza aquí</text></responsetemplate>
  </question>
</quiz>
""".encode()


def _essay(body=None, **fields):
    values = {"type": "essay", "name": "Ensayo", "stem": "Explica.", "stem_format": "html"}
    values.update(fields)
    return ParsedItem(body=validate_body("essay", body or copy.deepcopy(ESSAY_BODY)), **values)


def test_a_moodle_essay_keeps_moodle_s_meaning():
    (item,) = parse_moodle_xml(MOODLE_ESSAY)

    assert item.type == "essay"
    (criterion,) = item.body["rubric"]
    assert criterion["name"] == "Calificación global"
    assert [level["points"] for level in criterion["levels"]] == ["0", "2.5", "5", "7.5", "10"]
    assert item.body["model_answer"] == "<p>Luz, agua y CO<sub>2</sub>.</p>"
    assert item.body["min_words"] == 50 and "max_words" not in item.body
    (note,) = item.notes
    assert note.startswith("Se ignoró el formato de respuesta «editor»")
    assert "el alto del cuadro (20 renglones)" in note
    assert "los archivos adjuntos" in note and "la plantilla de respuesta" in note


def test_an_essay_worth_nothing_is_refused_with_its_line():
    data = MOODLE_ESSAY.replace(b"10.0000000", b"0")
    with pytest.raises(ItemFileInvalid) as invalid:
        parse_moodle_xml(data)
    (problem,) = invalid.value.problems
    assert problem.line == 3
    assert problem.reason == "La calificación de un ensayo debe estar entre 0 y 1000 (es 0)."


def test_export_writes_the_maximum_as_defaultgrade_and_the_model_answer_as_graderinfo():
    result = export_moodle_xml([_essay()])
    assert result.skipped == []
    question = etree.fromstring(result.content).find("question")
    assert question.get("type") == "essay"
    assert question.findtext("defaultgrade") == "4"
    assert question.findtext("graderinfo/text") == ESSAY_BODY["model_answer"]
    assert question.findtext("minwordlimit") == "5"
    assert question.findtext("responseformat") == "plain"
    (back,) = parse_moodle_xml(result.content)
    assert back.body == validate_body("essay", ESSAY_BODY)
    assert back.notes == []


def test_gift_braces_alone_are_an_essay_worth_one_point():
    (item,) = parse_gift("::Opinión::¿Qué opinas de las fracciones? {}\n")
    assert item.type == "essay"
    assert item.body["rubric"][0]["levels"][-1] == {"label": "Completa", "points": "1"}
    result = export_gift([item])
    assert result.skipped == []
    assert result.content == "::Opinión::[markdown]¿Qué opinas de las fracciones? {}\n"


def test_gift_export_says_what_an_essay_loses():
    result = export_gift([_essay()])
    reasons = [problem.reason for problem in result.skipped]
    assert reasons == [
        "GIFT no guarda la rúbrica: al importarla tendrá un solo criterio, «Calificación "
        "global», de 0 a 1 punto.",
        "GIFT no guarda la respuesta modelo; se omitió.",
        "GIFT no guarda los límites de palabras; se omitieron.",
    ]
    assert result.content.endswith("Explica. {}\n")


def test_importing_a_moodle_essay_reports_what_was_ignored(world):
    built = build_course(world.designer, institution=world.national, publish=False)
    report = transfer.import_items(
        actor=world.designer, course=built.course, filename="ensayo.xml", data=MOODLE_ESSAY
    )
    (item,) = report.items
    assert item.current.type == "essay"
    (warning,) = report.warnings
    assert warning.name == "Fotosíntesis" and warning.reason.startswith("Se ignoró")
