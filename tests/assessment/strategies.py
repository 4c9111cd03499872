"""Hypothesis strategies for valid items of every type (reused by other test modules).

`items(carrier=...)` restricts what is generated to what a file format carries, for the
round-trip tests: "gift", "xml" or None (anything valid).
"""

import re
from decimal import Decimal

from hypothesis import strategies as st

from impulsa.assessment.formats.common import ParsedItem
from impulsa.assessment.itemtypes import TYPES, right_options, validate_body
from impulsa.assessment.itemtypes.essay.scoring import global_rubric
from impulsa.assessment.itemtypes.normalize import normalize_answer

# GIFT's special characters, accents, a backslash and newlines, so escaping is proven.
ALPHABET = "abcxyzABXYZ019 áéñüÁÑ¿?.,;!()$%*\\\n-~=#{}:"
PLAIN_ALPHABET = "abcxyzABXYZ019 áéñüÁÑ¿?.,;!()$%-"
TAG_ALPHABET = "abcxyz019:-_áñ "
ALL_TYPES = tuple(TYPES)
# Types the machine scores (an essay waits for a person).
AUTO_TYPES = tuple(t for t in TYPES if t != "essay")
BOOLEANS = st.booleans()
WEIGHTS = st.integers(1, 4)


def texts(alphabet: str = ALPHABET, *, min_size: int = 1, max_size: int = 16):
    """Stripped texts (every format trims), non-empty when min_size >= 1."""
    stripped = st.text(alphabet, min_size=min_size, max_size=max_size).map(str.strip)
    return stripped.filter(bool) if min_size else stripped


def distinct_texts(alphabet: str = ALPHABET, *, min_size: int = 2, max_size: int = 5):
    return st.lists(texts(alphabet), min_size=min_size, max_size=max_size, unique=True)


feedbacks = texts(min_size=0)
decimals = st.decimals(
    min_value=-1000, max_value=1000, places=3, allow_nan=False, allow_infinity=False
)
tolerances = st.decimals(min_value=0, max_value=10, places=3)
PARTIALS = ("0", "0.5", "0.25", "0.1")
UNSIMPLIFIED = st.sampled_from(("1", "0.5", "0"))
POSITIVE_SPLITS = (("1",), ("0.5", "0.5"), ("0.25", "0.75"), ("0.3333333",) * 3, ("0.2",) * 5)


@st.composite
def single_choice_bodies(draw, *, shuffle=BOOLEANS):
    labels = draw(distinct_texts())
    fractions = [draw(st.sampled_from(PARTIALS)) for _label in labels]
    fractions[draw(st.integers(0, len(labels) - 1))] = "1"
    feedback = [draw(feedbacks) for _label in labels]
    return {
        "choices": [
            {"text": t, "fraction": f, "feedback": fb}
            for t, f, fb in zip(labels, fractions, feedback, strict=True)
        ],
        "shuffle": draw(shuffle),
    }


@st.composite
def multiple_choice_bodies(draw, *, shuffle=BOOLEANS):
    positives = list(draw(st.sampled_from(POSITIVE_SPLITS)))
    negatives = draw(st.lists(st.sampled_from(("0", "-0.5", "-1", "-0.3333333")), max_size=3))
    fractions = draw(st.permutations(positives + negatives))
    if len(fractions) < 2:
        fractions.append("0")
    labels = draw(distinct_texts(min_size=len(fractions), max_size=len(fractions)))
    return {
        "choices": [
            {"text": t, "fraction": f, "feedback": draw(feedbacks)}
            for t, f in zip(labels, fractions, strict=True)
        ],
        "shuffle": draw(shuffle),
    }


@st.composite
def true_false_bodies(draw):
    return {
        "answer": draw(st.booleans()),
        "feedback_true": draw(feedbacks),
        "feedback_false": draw(feedbacks),
    }


@st.composite
def numeric_bodies(draw, *, with_units=BOOLEANS, convert=BOOLEANS, unsimplified=UNSIMPLIFIED):
    count = draw(st.integers(1, 3))
    answers = [
        {
            "value": str(draw(decimals)),
            "tolerance": str(draw(tolerances)),
            "fraction": "1" if index == 0 else draw(st.sampled_from(PARTIALS)),
            "feedback": draw(feedbacks),
        }
        for index in range(count)
    ]
    units = []
    if draw(with_units):
        names = draw(
            st.lists(
                st.sampled_from(["cm", "mm", "m", "km", "kg", "g"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        units = [
            {
                "unit": name,
                "multiplier": "1" if index == 0 else draw(st.sampled_from(["10", "0.01", "1000"])),
            }
            for index, name in enumerate(names)
        ]
    required = bool(units) and draw(st.booleans())
    return {
        "answers": answers,
        "units": units,
        "unit_required": required,
        "convert_units": bool(units) and draw(convert),
        "unsimplified_credit": draw(unsimplified),
    }


@st.composite
def short_answer_bodies(
    draw, *, case_sensitive=BOOLEANS, regex=BOOLEANS, accent_sensitive=BOOLEANS, variants=BOOLEANS
):
    # Labels distinct even without accents and case: answers that compare equal with
    # different credit are refused.
    labels = draw(
        st.lists(
            texts(ALPHABET.replace("\\", "")),
            min_size=2,
            max_size=3,
            unique_by=normalize_answer,
        )
    )
    answers = []
    for index, label in enumerate(labels):
        is_regex = index > 0 and draw(regex)
        answers.append(
            {
                # A wildcard-like regex: what Moodle's "*" turns into.
                "text": f"{re.escape(label)}.*" if is_regex else label,
                "fraction": "1" if index == 0 else draw(st.sampled_from(PARTIALS)),
                "feedback": draw(feedbacks),
                "regex": is_regex,
            }
        )
    body = {"answers": answers, "case_sensitive": draw(case_sensitive)}
    if draw(accent_sensitive):
        body["accent_sensitive"] = True
    body["accept_variants"] = draw(variants)
    return body


@st.composite
def matching_bodies(draw, *, distractors=True):
    lefts = draw(distinct_texts(max_size=4))
    rights = [draw(texts()) for _left in lefts]
    extra = []
    if distractors:
        extra = [d for d in draw(distinct_texts(min_size=0, max_size=2)) if d not in rights]
    return {
        "pairs": [{"left": a, "right": b} for a, b in zip(lefts, rights, strict=True)],
        "distractors": extra,
    }


@st.composite
def ordering_bodies(draw):
    return {"items": draw(distinct_texts(max_size=6))}


GAP_BODIES = {
    "single_choice": single_choice_bodies,
    "short_answer": short_answer_bodies,
    "numeric": numeric_bodies,
}


@st.composite
def cloze_bodies(
    draw, *, gap_types=tuple(GAP_BODIES), max_gaps=3, gap_options=None, weights=WEIGHTS
):
    count = draw(st.integers(1, max_gaps))
    gaps = []
    parts = [draw(texts(PLAIN_ALPHABET, min_size=0))]
    for number in range(1, count + 1):
        gap_type = draw(st.sampled_from(gap_types))
        options = (gap_options or {}).get(gap_type, {})
        gaps.append(
            {
                "type": gap_type,
                "body": draw(GAP_BODIES[gap_type](**options)),
                "weight": draw(weights),
            }
        )
        parts.append(f" {{{number}}} ")
        parts.append(draw(texts(PLAIN_ALPHABET)))
    return {"text": "".join(parts).strip(), "gaps": gaps}


POINTS = ("0", "0.5", "1", "2", "2.5", "4", "10")


@st.composite
def essay_bodies(draw, *, rubric_carried=True):
    """GIFT carries no rubric, model answer nor word limits (`rubric_carried=False`)."""
    if not rubric_carried:
        return {"rubric": global_rubric(Decimal(1)), "model_answer": ""}
    rubric = [
        {
            "name": draw(texts()),
            # Distinct points, at least two: one of them is above 0.
            "levels": [
                {"label": draw(texts()), "points": points}
                for points in draw(
                    st.lists(st.sampled_from(POINTS), min_size=2, max_size=6, unique=True)
                )
            ],
        }
        for _criterion in range(draw(st.integers(1, 3)))
    ]
    body = {"rubric": rubric, "model_answer": draw(feedbacks)}
    body["min_words"] = draw(st.none() | st.integers(1, 100))
    body["max_words"] = draw(st.none() | st.integers(100, 5000))
    return body


BODIES = {
    "single_choice": single_choice_bodies,
    "multiple_choice": multiple_choice_bodies,
    "true_false": true_false_bodies,
    "numeric": numeric_bodies,
    "short_answer": short_answer_bodies,
    "matching": matching_bodies,
    "ordering": ordering_bodies,
    "cloze": cloze_bodies,
    "essay": essay_bodies,
}

# What each format carries (the options passed to the body strategies).
GIFT_SHORT_ANSWER = {
    "case_sensitive": st.just(False),
    "accent_sensitive": st.just(False),
    "variants": st.just(True),
}
GIFT_OPTIONS = {
    "essay": {"rubric_carried": False},
    "single_choice": {"shuffle": st.just(True)},
    "multiple_choice": {"shuffle": st.just(True)},
    "numeric": {"with_units": st.just(False), "unsimplified": st.just("1")},
    "short_answer": GIFT_SHORT_ANSWER,
    "matching": {"distractors": False},
    "cloze": {
        "gap_types": ("single_choice", "short_answer"),
        "max_gaps": 1,
        "weights": st.just(1),
        "gap_options": {
            "single_choice": {"shuffle": st.just(True)},
            "short_answer": GIFT_SHORT_ANSWER,
        },
    },
}
# Moodle always compares accents, so what comes back from Moodle XML counts them.
XML_OPTIONS = {
    "short_answer": {"accent_sensitive": st.just(True)},
    "cloze": {
        "gap_options": {
            "numeric": {"with_units": st.just(False), "unsimplified": st.just("1")},
            "short_answer": {"accent_sensitive": st.just(True), "variants": st.just(True)},
        }
    },
}


@st.composite
def bodies(draw, item_type: str, carrier: str | None = None):
    options = {"gift": GIFT_OPTIONS, "xml": XML_OPTIONS}.get(carrier, {}).get(item_type, {})
    return validate_body(item_type, draw(BODIES[item_type](**options)))


@st.composite
def items(draw, types=ALL_TYPES, carrier: str | None = None):
    if carrier == "gift":
        types = tuple(t for t in types if t != "ordering")
    item_type = draw(st.sampled_from(types))
    body = draw(bodies(item_type, carrier))
    tags = draw(st.lists(texts(TAG_ALPHABET), max_size=3, unique=True))
    return ParsedItem(
        type=item_type,
        name=draw(texts()),
        stem="" if item_type == "cloze" else draw(texts()),
        stem_format=draw(st.sampled_from(["markdown", "html"])),
        body=body,
        general_feedback=draw(feedbacks),
        hints=[] if carrier == "gift" else draw(st.lists(texts(), max_size=2)),
        tags=tags,
    )


def key_response(item_type: str, body: dict):
    """The keyed right answer: it must score 1."""
    if item_type == "single_choice":
        return next(i for i, c in enumerate(body["choices"]) if Decimal(c["fraction"]) == 1)
    if item_type == "multiple_choice":
        return [i for i, c in enumerate(body["choices"]) if Decimal(c["fraction"]) > 0]
    if item_type == "true_false":
        return body["answer"]
    if item_type == "numeric":
        best = next(a for a in body["answers"] if Decimal(a["fraction"]) == 1)
        unit = f" {body['units'][0]['unit']}" if body["unit_required"] else ""
        return best["value"] + unit
    if item_type == "short_answer":
        return next(a["text"] for a in body["answers"] if a["fraction"] == "1" and not a["regex"])
    if item_type == "matching":
        options = right_options(body)
        return [options.index(pair["right"]) for pair in body["pairs"]]
    if item_type == "ordering":
        return list(range(len(body["items"])))
    return [key_response(gap["type"], gap["body"]) for gap in body["gaps"]]


@st.composite
def responses(draw, item_type: str, body: dict):
    """Any well-formed response (right or wrong, possibly unanswered parts)."""
    if item_type == "single_choice":
        return draw(st.integers(0, len(body["choices"]) - 1))
    if item_type == "multiple_choice":
        return draw(st.lists(st.integers(0, len(body["choices"]) - 1), unique=True))
    if item_type == "true_false":
        return draw(st.booleans())
    if item_type == "numeric":
        unit = draw(st.sampled_from(["", *(u["unit"] for u in body["units"]), "zz"]))
        return f"{draw(decimals)} {unit}".strip().replace(".", draw(st.sampled_from([".", ","])))
    if item_type == "short_answer":
        return draw(
            st.one_of(texts(min_size=0), st.sampled_from([a["text"] for a in body["answers"]]))
        )
    if item_type == "matching":
        size = len(right_options(body))
        return draw(
            st.lists(
                st.none() | st.integers(0, size - 1),
                min_size=len(body["pairs"]),
                max_size=len(body["pairs"]),
            )
        )
    if item_type == "ordering":
        return draw(st.permutations(range(len(body["items"]))))
    if item_type == "essay":
        return draw(texts(min_size=0, max_size=200))
    return [draw(st.none() | responses(gap["type"], gap["body"])) for gap in body["gaps"]]
