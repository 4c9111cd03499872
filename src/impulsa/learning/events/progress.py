"""Summaries of a student's progress: pure functions of a version's outline and the
enrollment's ActivityProgress rows (no queries here).

Only activities present in the outline count, so an activity removed by a newer
version stops counting and one added simply appears unfinished.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from impulsa.learning.content.kinds import kinds_where
from impulsa.learning.models import ProgressStatus


def grade_percent(score: Decimal | None) -> int | None:
    """A grade (a fraction 0..1) as the whole percent every page shows, halves up.

    The one rounding rule for grades: the attempt's result, the best grade and a
    skill's quiz mean all go through it, so one score never reads 93 % on one line
    and 94 % on the next."""
    if score is None:
        return None
    return int((Decimal(score) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ActivityState:
    key: str
    kind: str
    title: str
    skills: list
    unit_key: str
    lesson_key: str
    lesson_title: str
    completed: bool
    score: Decimal | None


@dataclass(frozen=True)
class Tally:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class LessonSummary:
    key: str
    title: str
    summary: str
    activities: list[ActivityState]


@dataclass(frozen=True)
class UnitSummary:
    key: str
    title: str
    tally: Tally
    lessons: list[LessonSummary]


@dataclass(frozen=True)
class SkillSummary:
    code: str
    name: str
    tally: Tally
    quiz_score: Decimal | None  # mean best score of its scored quizzes

    @property
    def quiz_percent(self) -> int | None:
        return grade_percent(self.quiz_score)


@dataclass(frozen=True)
class CourseProgress:
    tally: Tally
    units: list[UnitSummary]
    skills: list[SkillSummary]
    activities: list[ActivityState] = field(repr=False)

    def resume_key(self, last_activity_key) -> str | None:
        """Where "continue" leads: the last activity touched if it is unfinished,
        else the next unfinished one after it (wrapping to the start)."""
        last = str(last_activity_key) if last_activity_key else None
        keys = [state.key for state in self.activities]
        start = keys.index(last) if last in keys else -1
        if start >= 0 and not self.activities[start].completed:
            return last
        ordered = self.activities[start + 1 :] + self.activities[: start + 1]
        return next((state.key for state in ordered if not state.completed), None)

    def next_unfinished(self, count: int = 3) -> list[ActivityState]:
        return [state for state in self.activities if not state.completed][:count]


def _by_key(rows) -> dict[str, object]:
    return {str(row.activity_key): row for row in rows}


def activity_order(outline: dict) -> list[dict]:
    """Activity headers in course order, each with its unit and lesson keys."""
    return [
        {**activity, "unit_key": unit["key"], "lesson_key": lesson["key"], "lesson": lesson}
        for unit in outline.get("units", [])
        for lesson in unit["lessons"]
        for activity in lesson["activities"]
    ]


def completed_count(outline: dict, completed_keys) -> Tally:
    """How many of the outline's activities are among `completed_keys` (strings)."""
    keys = [activity["key"] for activity in activity_order(outline)]
    completed = set(completed_keys)
    return Tally(sum(1 for key in keys if key in completed), len(keys))


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def summarize(outline: dict, progress_rows) -> CourseProgress:
    rows = _by_key(progress_rows)
    states = []
    for header in activity_order(outline):
        row = rows.get(header["key"])
        states.append(
            ActivityState(
                key=header["key"],
                kind=header["kind"],
                title=header["title"],
                skills=header.get("skills", []),
                unit_key=header["unit_key"],
                lesson_key=header["lesson_key"],
                lesson_title=header["lesson"]["title"],
                completed=row is not None and row.status == ProgressStatus.COMPLETED,
                score=row.score if row is not None else None,
            )
        )
    by_lesson: dict[str, list[ActivityState]] = {}
    for state in states:
        by_lesson.setdefault(state.lesson_key, []).append(state)
    units = []
    for unit in outline.get("units", []):
        lessons = [
            LessonSummary(
                lesson["key"],
                lesson["title"],
                lesson.get("summary", ""),
                by_lesson.get(lesson["key"], []),
            )
            for lesson in unit["lessons"]
        ]
        in_unit = [state for lesson in lessons for state in lesson.activities]
        tally = Tally(sum(1 for s in in_unit if s.completed), len(in_unit))
        units.append(UnitSummary(unit["key"], unit["title"], tally, lessons))
    skills = []
    graded = kinds_where("graded")
    for skill in outline.get("skills", []):
        tagged = [state for state in states if skill["code"] in state.skills]
        quiz_scores = [s.score for s in tagged if s.kind in graded and s.score is not None]
        skills.append(
            SkillSummary(
                skill["code"],
                skill["name"],
                Tally(sum(1 for s in tagged if s.completed), len(tagged)),
                _mean(quiz_scores),
            )
        )
    tally = Tally(sum(1 for s in states if s.completed), len(states))
    return CourseProgress(tally, units, skills, states)
