"""Reads of the grading queue, each narrowed by the access rule.

Who grades: whoever holds GRADE_ANSWERS (teachers, and the campus, state and national
admins above them); directors read but never grade. Its own capability, so a campus
can one day let a grader grade without letting them enroll. Answers are scoped by the
campus of their enrollment, as learning's enrollment pages scope enrollments.
"""

import uuid

from django.db.models import QuerySet
from django.utils.crypto import salted_hmac

from impulsa.assessment.models import Answer, GradingState
from impulsa.learning.api import Activity
from impulsa.org.api import Capability, has_anywhere, reachable_groups, scope

GRADE = Capability.GRADE_ANSWERS
ESSAY = "essay"


def can_grade(user) -> bool:
    return has_anywhere(user, GRADE)


def gradable_answers(user) -> QuerySet[Answer]:
    """Open answers of the students the user grades (any state)."""
    return scope(
        Answer.objects.filter(item_version__type=ESSAY, response__isnull=False),
        user,
        GRADE,
        via="enrollment__campus",
    )


def pending_answers(
    user, *, activity_key: uuid.UUID | None = None, group_id: int | None = None
) -> QuerySet[Answer]:
    """The queue: answers waiting for a person, oldest saved first."""
    rows = gradable_answers(user).filter(grading_state=GradingState.PENDING)
    if activity_key is not None:
        rows = rows.filter(activity_key=activity_key)
    if group_id is not None:
        rows = rows.filter(enrollment__student__student_profile__group_id=group_id)
    return rows.order_by("updated_at", "id")


def queue_rows(user, **filters) -> QuerySet[Answer]:
    """`pending_answers` with what the queue's table shows loaded alongside."""
    return (
        pending_answers(user, **filters)
        .select_related("item_version", "enrollment__student", "enrollment__course")
        .only(
            "updated_at",
            "activity_key",
            "attempt",
            "item_version__name",
            "enrollment__student__first_name",
            "enrollment__student__last_name",
            "enrollment__student__second_last_name",
            "enrollment__course__name",
        )
    )


def answer_to_grade(user, answer_id: int) -> Answer | None:
    """One open answer the user grades, with what its page shows (None: not theirs)."""
    return (
        gradable_answers(user)
        .select_related("item_version", "enrollment__student", "enrollment__course", "graded_by")
        .filter(pk=answer_id)
        .first()
    )


def activity_titles(keys) -> dict[uuid.UUID, str]:
    """Titles of activities (quizzes, exams) by key; the draft's title, as teachers know it."""
    return dict(Activity.objects.filter(key__in=set(keys)).values_list("key", "title"))


def activity_choices(user) -> list[tuple[str, str]]:
    """The activities that have answers waiting, by title."""
    keys = pending_answers(user).order_by().values_list("activity_key", flat=True).distinct()
    titles = activity_titles(keys)
    return sorted(((str(key), title) for key, title in titles.items()), key=lambda c: c[1])


def group_choices(user) -> list[tuple[str, str]]:
    """The groups (reachable by the user) of students with answers waiting."""
    ids = (
        pending_answers(user)
        .order_by()
        .values_list("enrollment__student__student_profile__group_id", flat=True)
        .distinct()
    )
    groups = reachable_groups(user, GRADE).filter(pk__in=ids).order_by("campus__name", "name")
    return [(str(g.pk), f"{g.name} · {g.campus.short_name or g.campus.name}") for g in groups]


def anonymous_code(answer_id: int) -> str:
    """A stable code per answer that says nothing about the student (keyed by the
    site's secret, so it cannot be turned back into the answer's id either)."""
    digest = salted_hmac("impulsa.grading.anonymous", str(answer_id)).hexdigest()
    return f"R-{digest[:6].upper()}"
