"""progress.py: pure summaries of an outline and progress rows."""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from impulsa.learning.events import progress


@dataclass
class Row:
    activity_key: str
    status: str
    score: Decimal | None = None


def _outline(kinds_per_lesson, skills=("a", "b")):
    lessons = []
    for number, kinds in enumerate(kinds_per_lesson):
        lessons.append(
            {
                "key": str(uuid.uuid4()),
                "title": f"Lección {number}",
                "summary": "",
                "activities": [
                    {
                        "key": str(uuid.uuid4()),
                        "kind": kind,
                        "title": f"Actividad {number}.{i}",
                        "skills": [skills[i % len(skills)]],
                    }
                    for i, kind in enumerate(kinds)
                ],
            }
        )
    return {
        "skills": [{"code": code, "name": code.upper(), "requires": []} for code in skills],
        "units": [{"key": str(uuid.uuid4()), "title": "Unidad", "lessons": lessons}],
    }


def _keys(outline):
    return [a["key"] for a in progress.activity_order(outline)]


def test_summary_counts_only_completed_activities_of_the_outline():
    outline = _outline([["content", "practice"], ["quiz"]])
    first, second, _third = _keys(outline)
    rows = [
        Row(first, "completed"),
        Row(second, "started"),
        Row(str(uuid.uuid4()), "completed"),  # an activity a newer version removed
    ]
    summary = progress.summarize(outline, rows)
    assert (summary.tally.done, summary.tally.total, summary.tally.percent) == (1, 3, 33)
    assert [u.tally.done for u in summary.units] == [1]
    assert [s.completed for s in summary.activities] == [True, False, False]


def test_skill_progress_is_completed_share_and_mean_best_quiz_score():
    outline = _outline([["quiz", "quiz", "quiz"]], skills=("a", "b"))
    q1, _q2, q3 = _keys(outline)  # skills a, b, a
    rows = [Row(q1, "completed", Decimal("0.5")), Row(q3, "completed", Decimal("1"))]
    skills = {s.code: s for s in progress.summarize(outline, rows).skills}
    assert (skills["a"].tally.done, skills["a"].tally.total) == (2, 2)
    assert skills["a"].quiz_score == Decimal("0.75")
    assert skills["a"].quiz_percent == 75
    assert skills["b"].quiz_score is None
    assert skills["b"].tally.percent == 0


def test_resume_goes_to_last_activity_while_it_is_unfinished():
    outline = _outline([["content", "practice", "quiz"]])
    first, second, _third = _keys(outline)
    summary = progress.summarize(outline, [Row(first, "completed")])
    assert summary.resume_key(second) == second


def test_resume_after_a_finished_activity_goes_to_the_next_unfinished_one():
    outline = _outline([["content", "practice"], ["quiz", "content"]])
    a, b, c, d = _keys(outline)
    summary = progress.summarize(outline, [Row(a, "completed"), Row(c, "completed")])
    assert summary.resume_key(c) == d
    assert summary.resume_key(d) == d
    assert summary.resume_key(None) == b
    assert [s.key for s in summary.next_unfinished(3)] == [b, d]


def test_resume_is_none_when_everything_is_done():
    outline = _outline([["content"]])
    (key,) = _keys(outline)
    assert progress.summarize(outline, [Row(key, "completed")]).resume_key(key) is None


@given(
    shape=st.lists(
        st.lists(st.sampled_from(["content", "practice", "quiz"]), min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    ),
    data=st.data(),
)
def test_resume_always_points_to_an_unfinished_activity_of_the_outline(shape, data):
    outline = _outline(shape)
    keys = _keys(outline)
    done = data.draw(st.sets(st.sampled_from(keys)))
    last = data.draw(st.one_of(st.none(), st.sampled_from(keys)))
    summary = progress.summarize(outline, [Row(k, "completed") for k in done])
    resume = summary.resume_key(last)
    if len(done) == len(keys):
        assert resume is None
    else:
        assert resume in keys and resume not in done
    assert summary.tally.done == len(done)
    assert 0 <= summary.tally.percent <= 100
