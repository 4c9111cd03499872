"""Practice and quiz activities in the student's player.

Each item is its own small form (htmx posts it; without JavaScript it is a plain
POST and a redirect back). Field names are those `itemtypes.response_from_form`
reads. Choices are shuffled for display, stably per enrollment and item, while
the values posted stay the original indices.

Modes of an item: "practice" (feedback at once), "quiz" (saved silently),
"review" (a finished quiz attempt: read-only, with feedback) and "preview" (a
designer looking: read-only, nothing saved).
"""

import random
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.urls import reverse

from impulsa.assessment import itemtypes
from impulsa.assessment.answering import published_versions_cache
from impulsa.assessment.answering.services import item_version_ids, open_attempt
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.learning.api import (
    ActivityKind,
    PlayerContext,
    ProgressStatus,
    grade_percent,
    markdown,
)

GAP_MARKER = re.compile(r"\{(\d+)\}")
_QUANTUM = Decimal("0.0001")
PRACTICE, QUIZ, REVIEW, PREVIEW = "practice", "quiz", "review", "preview"


def inline(text: str, text_format: str = "markdown") -> str:
    """A short piece (a choice, a feedback) without its paragraph. Every text of an
    item follows its `stem_format` (Markdown, or HTML from a Moodle import)."""
    html = markdown.render(text, text_format).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _label(html: str, text: str, text_format: str) -> str:
    """The plain-text accessible name of a control whose visible label holds maths
    ("" when the label's own text is enough)."""
    return markdown.plain(text, text_format) if markdown.has_math(html) else ""


def _order(count: int, shuffle: bool, seed: str) -> list[int]:
    indices = list(range(count))
    if shuffle:
        # A display order, not a secret: it only has to be the same on every reload.
        random.Random(seed).shuffle(indices)  # noqa: S311
    return indices


def item_seed(enrollment, version: ItemVersion) -> str:
    """Display orders are stable per student and item: a reload shows the same page."""
    return f"{enrollment.pk if enrollment is not None else 'preview'}:{version.item_id}"


def _mask(count: int, seed: str) -> list[int]:
    """Form values of matching options and ordering entries are tokens, not indices:
    an ordering's original indices are its right order, and matching's option i
    belongs to left i, so plain indices would spell the answer out in the page
    source. Token k stands for original index mask[k]."""
    return _order(count, True, f"{seed}:mask")


def _mask_size(version: ItemVersion) -> int:
    if version.type == "ordering":
        return len(version.body["items"])
    return len(itemtypes.right_options(version.body))


def token_for(version: ItemVersion, seed: str, original: int) -> int:
    return _mask(_mask_size(version), seed).index(original)


def unmask_form(version: ItemVersion, data, seed: str):
    """The posted form with tokens turned back into original indices (a token that is
    not one stays as it is, and the item type then refuses it)."""
    if version.type not in ("matching", "ordering"):
        return data
    mask = _mask(_mask_size(version), seed)

    def original(token: str) -> str:
        token = token.strip()
        return str(mask[int(token)]) if token.isdigit() and int(token) < len(mask) else token

    data = data.copy()
    if version.type == "ordering":
        tokens = [t for t in data.get("order", "").split(",") if t.strip()]
        data["order"] = ",".join(original(t) for t in tokens)
    else:
        for index in range(len(version.body["pairs"])):
            key = f"match-{index}"
            if data.get(key):
                data[key] = original(data[key])
    return data


@dataclass
class ItemView:
    version: ItemVersion
    number: int
    mode: str
    answer: Answer | None
    fields: dict
    save_url: str = ""
    hint_url: str = ""
    outcome: itemtypes.Outcome | None = None
    feedback: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def dom_id(self) -> str:
        return f"item-{self.version.pk}"

    @property
    def uid(self) -> str:
        return f"i{self.version.pk}"

    @property
    def editable(self) -> bool:
        return self.mode in (PRACTICE, QUIZ)

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer.response is not None

    @property
    def template(self) -> str:
        return f"assessment/player/items/{self.version.type}.html"

    @property
    def stem(self) -> str:
        return markdown.render(self.version.stem, self.version.stem_format)

    @property
    def general_feedback(self) -> str:
        return markdown.render(self.version.general_feedback, self.version.stem_format)

    @property
    def more_hints(self) -> bool:
        return self.mode == PRACTICE and len(self.hints) < len(self.version.hints)

    @property
    def percent(self) -> int | None:
        return None if self.outcome is None else grade_percent(self.outcome.fraction)


def _choices(body, chosen, seed, fmt: str) -> list[dict]:
    chosen = set(chosen if isinstance(chosen, list) else [chosen])
    views = []
    for i in _order(len(body["choices"]), body.get("shuffle", False), seed):
        text = body["choices"][i]["text"]
        html = inline(text, fmt)
        views.append(
            {"value": i, "html": html, "label": _label(html, text, fmt), "checked": i in chosen}
        )
    return views


def _select(options: list[str], selected, seed: str, shuffle: bool, mask=None) -> list[dict]:
    """Options of a <select>: `options` must be plain text (see `markdown.plain`)."""
    return [
        {"value": mask.index(i) if mask else i, "text": options[i], "selected": i == selected}
        for i in _order(len(options), shuffle, seed)
    ]


def _cloze(body, response, seed, fmt: str) -> list[dict]:
    """The rendered text cut at its gap markers: [{"html", "gap"}], gap None at the end."""
    response = response or [None] * len(body["gaps"])
    html = markdown.render(body["text"], fmt)
    segments, start = [], 0
    for match in GAP_MARKER.finditer(html):
        number = int(match.group(1))
        gap = body["gaps"][number - 1]
        value = response[number - 1]
        options = []
        if gap["type"] == "single_choice":
            texts = [markdown.plain(choice["text"], fmt) for choice in gap["body"]["choices"]]
            shuffle = gap["body"].get("shuffle", False)
            options = _select(texts, value, f"{seed}:{number}", shuffle)
        gap_view = {"number": number, "type": gap["type"], "value": value, "options": options}
        segments.append({"html": html[start : match.start()], "gap": gap_view})
        start = match.end()
    segments.append({"html": html[start:], "gap": None})
    return segments


def _matching_rows(body, response, seed: str, fmt: str) -> list[dict]:
    # Options are text: a <select> cannot show MathML, so "$16$" is shown as "16".
    options = [markdown.plain(text, fmt) for text in itemtypes.right_options(body)]
    mask = _mask(len(options), seed)
    response = response or [None] * len(body["pairs"])
    rows = []
    for i, pair in enumerate(body["pairs"]):
        left = inline(pair["left"], fmt)
        rows.append(
            {
                "index": i,
                "left": left,
                "label": _label(left, pair["left"], fmt),
                "options": _select(options, response[i], seed, shuffle=True, mask=mask),
            }
        )
    return rows


def _fields(version: ItemVersion, response, seed: str) -> dict:
    body, kind, fmt = version.body, version.type, version.stem_format
    if kind in ("single_choice", "multiple_choice"):
        return {"choices": _choices(body, response, seed, fmt)}
    if kind == "true_false":
        return {"value": None if response is None else ("true" if response else "false")}
    if kind in ("numeric", "short_answer"):
        return {"value": response or ""}
    if kind == "matching":
        return {"rows": _matching_rows(body, response, seed, fmt)}
    if kind == "ordering":
        shown = response or _order(len(body["items"]), True, seed)
        if not response and shown == sorted(shown):  # never start from the answer
            shown = shown[1:] + shown[:1]
        mask = _mask(len(body["items"]), seed)
        return {
            "items": [
                {
                    "value": mask.index(i),
                    "html": inline(body["items"][i], fmt),
                    "text": markdown.plain(body["items"][i], fmt),
                }
                for i in shown
            ],
            "shown": ",".join(str(mask.index(i)) for i in shown),
        }
    if kind == "cloze":
        return {"segments": _cloze(body, response, seed, fmt)}
    return {}


def item_view(
    version: ItemVersion,
    *,
    number: int,
    mode: str,
    enrollment,
    activity,
    answer: Answer | None,
    outcome: itemtypes.Outcome | None = None,
) -> ItemView:
    """`outcome` is the score just computed when the answer was saved: a response is
    scored once per request (a regex answer's scoring is the costly part)."""
    response = answer.response if answer is not None else None
    seed = item_seed(enrollment, version)
    view = ItemView(version, number, mode, answer, _fields(version, response, seed))
    if view.editable:
        kwargs = {
            "enrollment_id": enrollment.pk,
            "activity_key": activity.key,
            "item_version_id": version.pk,
        }
        view.save_url = reverse("answers:save", kwargs=kwargs)
        view.hint_url = reverse("answers:hint", kwargs=kwargs)
    if mode == PRACTICE and answer is not None:
        view.hints = [inline(t, version.stem_format) for t in version.hints[: answer.hints_seen]]
    if mode == REVIEW or (mode == PRACTICE and view.answered):
        view.outcome = outcome or itemtypes.score(version.type, version.body, response)
        view.feedback = [inline(text, version.stem_format) for text in view.outcome.feedback]
    return view


def render_item_update(request, view: ItemView) -> str:
    """What htmx swaps after a practice answer or a hint: the item's form, and the
    contents of its live region out of band. The region itself stays on the page,
    so a screen reader announces the new feedback wherever focus is."""
    return render_to_string("assessment/player/item_update.html", {"item": view}, request=request)


def _mean(answers: list[Answer], count: int) -> Decimal:
    total = sum((a.fraction for a in answers if a.response is not None), Decimal(0))
    return (total / count).quantize(_QUANTUM, rounding=ROUND_HALF_UP) if count else Decimal(0)


def render_activity(context: PlayerContext) -> str:
    activity, enrollment, request = context.activity, context.enrollment, context.request
    ids = item_version_ids(activity)
    if context.preview:  # a draft's versions may still change
        versions = ItemVersion.objects.select_related("item").in_bulk(ids)
    else:
        versions = published_versions_cache.versions(ids)
    is_quiz = activity.kind == ActivityKind.QUIZ
    attempt = open_attempt(activity, context.progress)
    answers: dict[int, dict[int, Answer]] = {}
    if not context.preview:
        for answer in Answer.objects.filter(
            enrollment=enrollment, activity_key=activity.key, attempt__in=[attempt, attempt - 1]
        ):
            answers.setdefault(answer.attempt, {})[answer.item_version_id] = answer
    reviewing = (
        is_quiz
        and attempt > 1
        and not answers.get(attempt)
        and request.GET.get("intento") != "nuevo"
    )
    if context.preview:
        mode, shown = PREVIEW, {}
    elif reviewing:
        mode, shown = REVIEW, answers.get(attempt - 1, {})
    else:
        mode, shown = (QUIZ if is_quiz else PRACTICE), answers.get(attempt, {})
    items = [
        item_view(
            versions[pk],
            number=number,
            mode=mode,
            enrollment=enrollment,
            activity=activity,
            answer=shown.get(pk),
        )
        for number, pk in enumerate((pk for pk in ids if pk in versions), 1)
    ]
    answered = sum(1 for item in items if item.answered)
    return render_to_string(
        "assessment/player/activity.html",
        {
            "ctx": context,
            "items": items,
            "is_quiz": is_quiz,
            "mode": mode,
            "answered": answered,
            "completed": context.progress is not None
            and context.progress.status == ProgressStatus.COMPLETED,
            "attempt": attempt - 1 if reviewing else attempt,
            "attempt_score": grade_percent(_mean(list(shown.values()), len(items)))
            if reviewing
            else None,
            "best_score": grade_percent(context.progress.score) if context.progress else None,
        },
        request=request,
    )
