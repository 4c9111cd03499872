"""Publishing: freeze a course's draft into a numbered version students can take.

A version is immutable. Progress is keyed by the stable keys of units, lessons and
activities, so a student moved to a newer version keeps everything they did; an
activity removed from the course simply stops counting.
"""

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from impulsa.audit.api import record
from impulsa.core.errors import DomainError
from impulsa.learning.authoring.services import ensure_author
from impulsa.learning.content import kinds as activity_kinds
from impulsa.learning.content import markdown
from impulsa.learning.content.kinds import CONTENT
from impulsa.learning.content.pages import VARIANT_ORDER
from impulsa.learning.models import (
    Activity,
    Course,
    CourseVersion,
    Lesson,
    PublishedActivity,
    Unit,
)


def _draft(course: Course) -> list[Unit]:
    activities = Activity.objects.order_by("position", "id").prefetch_related(
        "skills", "variants", "attachments"
    )
    lessons = Lesson.objects.order_by("position", "id").prefetch_related(
        Prefetch("activities", queryset=activities)
    )
    return list(
        course.units.order_by("position", "id").prefetch_related(
            Prefetch("lessons", queryset=lessons)
        )
    )


def problems(course: Course, units: list[Unit] | None = None) -> list[str]:
    """Why the draft cannot be published yet (empty list: it can)."""
    units = _draft(course) if units is None else units
    found = []
    if not any(lesson.activities.all() for unit in units for lesson in unit.lessons.all()):
        found.append(_("El curso no tiene actividades."))
    for unit in units:
        if not unit.lessons.all():
            found.append(_("La unidad «%(title)s» no tiene lecciones.") % {"title": unit.title})
        for lesson in unit.lessons.all():
            if not lesson.activities.all():
                found.append(
                    _("La lección «%(title)s» no tiene actividades.") % {"title": lesson.title}
                )
            for activity in lesson.activities.all():
                if activity.kind == CONTENT and not activity.variants.all():
                    found.append(
                        _("La página «%(title)s» no tiene contenido.") % {"title": activity.title}
                    )
                found.extend(activity_kinds.handler_for(activity.kind).problems(activity))
    return found


def _variants(activity: Activity) -> list[dict]:
    return [
        {"kind": v.kind, "html": markdown.render(v.body), "video_url": v.video_url}
        for v in sorted(activity.variants.all(), key=lambda v: VARIANT_ORDER.index(v.kind))
    ]


def _attachments(activity: Activity) -> list[dict]:
    """The version keeps each file's storage name: the draft row may go, the file stays
    downloadable by this version's students (content/selectors.py)."""
    return [
        {"id": a.pk, "name": a.file.name, "title": a.title, "size": a.size}
        for a in activity.attachments.all()
    ]


def snapshot(activity: Activity, lesson_key) -> PublishedActivity:
    """What students will see of a draft activity (unsaved; publish() adds the version,
    the designer's preview shows it as it is)."""
    return PublishedActivity(
        key=activity.key,
        lesson_key=lesson_key,
        kind=activity.kind,
        title=activity.title,
        variants=_variants(activity),
        attachments=_attachments(activity),
        frozen=activity_kinds.handler_for(activity.kind).freeze(activity),
        skill_codes=[s.code for s in activity.skills.all()],
    )


def outline(course: Course, units: list[Unit]) -> dict:
    skills = course.skills.order_by("position", "id").prefetch_related("requires")
    return {
        "skills": [
            {"code": s.code, "name": s.name, "requires": [r.code for r in s.requires.all()]}
            for s in skills
        ],
        "units": [
            {
                "key": str(unit.key),
                "title": unit.title,
                "lessons": [
                    {
                        "key": str(lesson.key),
                        "title": lesson.title,
                        "summary": lesson.summary,
                        "activities": [
                            {
                                "key": str(a.key),
                                "kind": a.kind,
                                "title": a.title,
                                "skills": [s.code for s in a.skills.all()],
                            }
                            for a in lesson.activities.all()
                        ],
                    }
                    for lesson in unit.lessons.all()
                ],
            }
            for unit in units
        ],
    }


@transaction.atomic
def publish(*, actor, course: Course) -> CourseVersion:
    ensure_author(actor, course)
    course = Course.objects.select_for_update().get(pk=course.pk)
    units = _draft(course)
    found = problems(course, units)
    if found:
        raise DomainError(
            _("No se puede publicar todavía: %(problems)s") % {"problems": " ".join(found)}
        )
    number = (course.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = CourseVersion.objects.create(
        course=course, number=number, outline=outline(course, units), published_by=actor
    )
    published = [
        snapshot(activity, lesson.key)
        for unit in units
        for lesson in unit.lessons.all()
        for activity in lesson.activities.all()
    ]
    for activity in published:
        activity.version = version
    PublishedActivity.objects.bulk_create(published)
    course.published = version
    course.has_draft_changes = False
    course.save(update_fields=["published", "has_draft_changes", "updated_at"])
    record(actor=actor, instance=course, event="course_published", version=number)
    return version
