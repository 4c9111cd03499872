"""Practice activities in the student's player, and the items of other apps' attempts
(quizzes, exams).

Each item is its own small form (htmx posts it; without JavaScript it is a plain
POST and a redirect back). What each type shows, and the field names it reads
back, come from its folder (itemtypes/<code>/display.py and answer.html). Choices
are shuffled for display, stably per enrollment and item.

Modes of an item: "practice" (feedback at once), "exam" (a quiz's or an exam's
attempt: saved silently by the exam page's script, to the URL its owner gives),
"review" (a finished attempt: read-only, with feedback), "result" (a finished
attempt whose keys stay hidden: read-only, the student's answers only) and
"preview" (a designer looking: read-only, nothing saved).
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse

from impulsa.assessment import itemtypes
from impulsa.assessment.answering import published_versions_cache
from impulsa.assessment.answering.services import PRACTICE_ATTEMPT, item_version_ids
from impulsa.assessment.grading.services import graded_outcome
from impulsa.assessment.itemtypes.display import inline
from impulsa.assessment.models import Answer, GradingState, ItemVersion
from impulsa.learning.api import (
    PlayerContext,
    ProgressStatus,
    grade_percent,
    render_markdown,
)

# Modes; a practice item plays in the mode named like its kind (kind_codes).
PRACTICE, REVIEW, PREVIEW = "practice", "review", "preview"
EXAM, RESULT = "exam", "result"


def item_seed(enrollment, version: ItemVersion) -> str:
    """Display orders are stable per student and item: a reload shows the same page."""
    return f"{enrollment.pk if enrollment is not None else 'preview'}:{version.item_id}"


def read_form(version: ItemVersion, data, seed: str):
    """The posted form as the type's from_form reads it (tokens turned back into indices)."""
    return itemtypes.TYPES[version.type].read_form(version.body, data, seed)


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
    def grader_comment(self) -> str:
        """What the person who graded the answer wrote to the student: shown wherever
        the student reads their answer back (a comment is theirs, not a key)."""
        answer = self.answer
        if self.mode in (PREVIEW, EXAM) or answer is None:
            return ""
        return answer.grader_comment if answer.grading_state == GradingState.GRADED else ""

    @property
    def uid(self) -> str:
        return f"i{self.version.pk}"

    @property
    def editable(self) -> bool:
        return self.mode in (PRACTICE, EXAM)

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer.response is not None

    @property
    def template(self) -> str:
        return itemtypes.TYPES[self.version.type].answer_template

    @property
    def stem(self) -> str:
        return render_markdown(self.version.stem, self.version.stem_format)

    @property
    def general_feedback(self) -> str:
        return render_markdown(self.version.general_feedback, self.version.stem_format)

    @property
    def more_hints(self) -> bool:
        return self.mode == PRACTICE and len(self.hints) < len(self.version.hints)

    @property
    def percent(self) -> int | None:
        return None if self.outcome is None else grade_percent(self.outcome.fraction)


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
    fields = itemtypes.TYPES[version.type].answer_fields(
        version.body, response, seed, version.stem_format
    )
    view = ItemView(version, number, mode, answer, fields)
    if view.editable and mode != EXAM:
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
        view.outcome = (
            outcome
            or graded_outcome(answer)
            or itemtypes.score(version.type, version.body, response)
        )
        view.feedback = [inline(text, version.stem_format) for text in view.outcome.feedback]
    return view


def render_item_update(request, view: ItemView) -> str:
    """What htmx swaps after a practice answer or a hint: the item's form, and the
    contents of its live region out of band. The region itself stays on the page,
    so a screen reader announces the new feedback wherever focus is."""
    return render_to_string("assessment/player/item_update.html", {"item": view}, request=request)


def render_activity(context: PlayerContext) -> str:
    activity, enrollment, request = context.activity, context.enrollment, context.request
    ids = item_version_ids(activity)
    if context.preview:  # a draft's versions may still change
        versions = ItemVersion.objects.select_related("item").in_bulk(ids)
    else:
        versions = published_versions_cache.versions(ids)
    shown: dict[int, Answer] = {}
    if not context.preview:
        shown = {
            a.item_version_id: a
            for a in Answer.objects.filter(
                enrollment=enrollment, activity_key=activity.key, attempt=PRACTICE_ATTEMPT
            )
        }
    mode = PREVIEW if context.preview else PRACTICE
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
            "mode": mode,
            "answered": answered,
            "completed": context.progress is not None
            and context.progress.status == ProgressStatus.COMPLETED,
        },
        request=request,
    )


def render_attempt_items(
    request, *, enrollment, activity, attempt: int, version_ids, mode: str, save_url
) -> str:
    """The items of another app's attempt (an exam's form, in its order): editable in
    EXAM mode, posting to `save_url(version_id)`; read-only in REVIEW or RESULT."""
    versions = published_versions_cache.versions(version_ids)
    saved = {
        a.item_version_id: a
        for a in Answer.objects.filter(
            enrollment=enrollment, activity_key=activity.key, attempt=attempt
        )
    }
    items = []
    for number, pk in enumerate((pk for pk in version_ids if pk in versions), 1):
        view = item_view(
            versions[pk],
            number=number,
            mode=mode,
            enrollment=enrollment,
            activity=activity,
            answer=saved.get(pk),
        )
        if mode == EXAM:
            view.save_url = save_url(pk)
        items.append(view)
    return render_to_string(
        "assessment/player/attempt_items.html", {"items": items, "mode": mode}, request=request
    )
