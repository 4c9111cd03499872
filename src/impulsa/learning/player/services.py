"""What a student does on a page besides answering: opening an activity, finishing a
reading, time spent with the page visible. Each is a learning event.

The student is the only actor here (the views reach only the student's own
enrollments); page views and time beats are not worth a disk flush each, see
events.record(durable=False).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.learning.content.kinds import CONTENT
from impulsa.learning.events import services as events
from impulsa.learning.models import (
    ActivityProgress,
    Enrollment,
    ProgressStatus,
    PublishedActivity,
    Verb,
)


def _record(enrollment, verb, activity: PublishedActivity, result=None, durable=True) -> None:
    events.record(
        enrollment=enrollment,
        verb=verb,
        object_type="activity",
        object_id=str(activity.key),
        activity_key=activity.key,
        result=result,
        durable=durable,
    )


def opened(*, enrollment: Enrollment, activity: PublishedActivity) -> None:
    _record(enrollment, Verb.EXPERIENCED, activity, durable=False)


@transaction.atomic
def finished_reading(*, enrollment: Enrollment, activity: PublishedActivity) -> bool:
    """A content page counts as done, once; False if it already was."""
    if activity.kind != CONTENT:
        raise DomainError(_("Solo una lectura se marca como terminada."))
    # Two quick clicks take turns: the second sees the first one's completion.
    list(Enrollment.objects.select_for_update().filter(pk=enrollment.pk).values_list("pk"))
    already = ActivityProgress.objects.filter(
        enrollment=enrollment, activity_key=activity.key, status=ProgressStatus.COMPLETED
    ).exists()
    if not already:
        _record(enrollment, Verb.COMPLETED, activity)
    return not already


def spent(*, enrollment: Enrollment, activity: PublishedActivity, seconds: int) -> None:
    """Seconds the page was visible (events/services.py caps a single beat)."""
    if seconds > 0:
        _record(enrollment, Verb.SPENT_TIME, activity, {"seconds": seconds}, durable=False)
