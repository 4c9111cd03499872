"""What other apps may use from learning (OEP-49)."""

from impulsa.learning import (
    activity_kinds,
    catalog,
    enrollments,
    events,
    markdown,
    published,
    publishing,
    selectors,
    services,
)
from impulsa.learning.activity_kinds import ActivityKindHandler, PlayerContext
from impulsa.learning.models import (
    Activity,
    ActivityKind,
    ActivityProgress,
    Course,
    CourseVersion,
    Enrollment,
    EnrollmentStatus,
    LearningEvent,
    Program,
    ProgressStatus,
    PublishedActivity,
    Skill,
    Verb,
)
from impulsa.learning.progress import grade_percent
from impulsa.learning.services import course_of, ensure_author

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityKindHandler",
    "ActivityProgress",
    "Course",
    "CourseVersion",
    "Enrollment",
    "EnrollmentStatus",
    "LearningEvent",
    "PlayerContext",
    "Program",
    "ProgressStatus",
    "PublishedActivity",
    "Skill",
    "Verb",
    "activity_kinds",
    "catalog",
    "course_of",
    "enrollments",
    "ensure_author",
    "events",
    "grade_percent",
    "markdown",
    "published",
    "publishing",
    "selectors",
    "services",
]
