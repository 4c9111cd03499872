"""What other apps may use from learning (OEP-49), each by name.

Models: only for reading (queries, foreign keys, types). Assessment's items hang
off `Activity` and `Skill`, its answers off `Enrollment` and `PublishedActivity`,
its bank lives in a `Course`, and it reads `ActivityProgress` beside its answers:
so those stay importable. Every write into learning goes through a function below
(`note_draft_changes`, `lock_enrollment_status`, `record_event`, the authoring and
enrollment services), never through these models.
"""

from impulsa.learning.authoring.selectors import authorable_courses
from impulsa.learning.authoring.services import (
    course_of,
    create_activity,
    create_lesson,
    create_skill,
    create_unit,
    ensure_author,
    note_draft_changes,
    set_prerequisites,
    update_course,
)
from impulsa.learning.catalog.services import load as load_catalog
from impulsa.learning.content.kinds import ActivityKindHandler, PlayerContext
from impulsa.learning.content.kinds import kinds_where as activity_kinds_where
from impulsa.learning.content.kinds import register as register_activity_kind
from impulsa.learning.content.markdown import has_math
from impulsa.learning.content.markdown import plain as markdown_plain
from impulsa.learning.content.markdown import render as render_markdown
from impulsa.learning.content.services import save_variant
from impulsa.learning.enrollment.services import (
    BulkResult,
    enroll_by_service,
    enroll_many,
    sync_version,
)
from impulsa.learning.events.progress import grade_percent
from impulsa.learning.events.services import lock_enrollment_status, lock_enrollment_with_progress
from impulsa.learning.events.services import record as record_event
from impulsa.learning.models import (
    Activity,
    ActivityProgress,
    Course,
    Enrollment,
    EnrollmentStatus,
    ProgressStatus,
    PublishedActivity,
    Skill,
    Verb,
)
from impulsa.learning.player.selectors import my_enrollment, my_enrollments
from impulsa.learning.publishing.services import publish as publish_course
from impulsa.learning.publishing.version_cache import activity as published_activity

__all__ = [
    "Activity",
    "ActivityKindHandler",
    "ActivityProgress",
    "BulkResult",
    "Course",
    "Enrollment",
    "EnrollmentStatus",
    "PlayerContext",
    "ProgressStatus",
    "PublishedActivity",
    "Skill",
    "Verb",
    "activity_kinds_where",
    "authorable_courses",
    "course_of",
    "create_activity",
    "create_lesson",
    "create_skill",
    "create_unit",
    "enroll_by_service",
    "enroll_many",
    "ensure_author",
    "grade_percent",
    "has_math",
    "load_catalog",
    "lock_enrollment_status",
    "lock_enrollment_with_progress",
    "markdown_plain",
    "my_enrollment",
    "my_enrollments",
    "note_draft_changes",
    "publish_course",
    "published_activity",
    "record_event",
    "register_activity_kind",
    "render_markdown",
    "save_variant",
    "set_prerequisites",
    "sync_version",
    "update_course",
]
