"""Reads for the authoring pages, every one narrowed to the courses the user may
author (authorable_courses): anything else answers 404."""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from impulsa.core import uploads
from impulsa.learning.models import (
    Activity,
    ActivityVariant,
    Attachment,
    Course,
    CourseVersion,
    Lesson,
    Program,
    Skill,
    Unit,
)
from impulsa.org.api import Capability, institution_ids


def authorable_courses(user) -> QuerySet[Course]:
    """Courses the user may edit: those owned by a node they reach as an author."""
    return Course.objects.filter(
        institution_id__in=institution_ids(user, Capability.AUTHOR_CONTENT)
    ).select_related("published")


def course(user, course_id) -> Course:
    return get_object_or_404(authorable_courses(user), pk=course_id)


def _of_authorable(queryset: QuerySet, user, lookup: str) -> QuerySet:
    return queryset.filter(**{f"{lookup}__in": authorable_courses(user).values("pk")})


def unit(user, unit_id) -> Unit:
    units = _of_authorable(Unit.objects.select_related("course"), user, "course")
    return get_object_or_404(units, pk=unit_id)


def lesson(user, lesson_id) -> Lesson:
    lessons = _of_authorable(Lesson.objects.select_related("unit__course"), user, "unit__course")
    return get_object_or_404(lessons, pk=lesson_id)


def activity(user, activity_id) -> Activity:
    activities = _of_authorable(
        Activity.objects.select_related("lesson__unit__course"), user, "lesson__unit__course"
    )
    return get_object_or_404(activities, pk=activity_id)


def skill(user, skill_id) -> Skill:
    skills = _of_authorable(Skill.objects.select_related("course"), user, "course")
    return get_object_or_404(skills, pk=skill_id)


def attachment(user, attachment_id) -> Attachment:
    attachments = _of_authorable(
        Attachment.objects.select_related("activity__lesson__unit__course"),
        user,
        "activity__lesson__unit__course",
    )
    return get_object_or_404(attachments, pk=attachment_id)


def variant(user, variant_id) -> ActivityVariant:
    variants = _of_authorable(
        ActivityVariant.objects.select_related("activity__lesson__unit__course"),
        user,
        "activity__lesson__unit__course",
    )
    return get_object_or_404(variants, pk=variant_id)


# How designers think of the programs: leveling first, then remedial, then dual.
PROGRAM_ORDER = (Program.PROPEDEUTICO, Program.ASESORIAS, Program.DUAL)


def course_list(user, *, program: str = "", query: str = "") -> QuerySet[Course]:
    courses = authorable_courses(user).select_related("institution")
    if program:
        courses = courses.filter(program=program)
    if query:
        courses = courses.filter(Q(name__icontains=query) | Q(code__icontains=query))
    rank = Case(
        *(When(program=value, then=Value(i)) for i, value in enumerate(PROGRAM_ORDER)),
        default=Value(len(PROGRAM_ORDER)),
    )
    return courses.order_by(rank, "semester", "number", "name", "pk")


def course_tree(course: Course) -> list[Unit]:
    """Units -> lessons -> activities (with skills and counts) in four queries,
    however large the course."""
    activities = (
        Activity.objects.order_by("position", "id")
        .annotate(
            item_count=Count("activity_items", distinct=True),
            variant_count=Count("variants", distinct=True),
        )
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("position", "id")))
    )
    lessons = Lesson.objects.order_by("position", "id").prefetch_related(
        Prefetch("activities", queryset=activities)
    )
    return list(
        course.units.order_by("position", "id").prefetch_related(
            Prefetch("lessons", queryset=lessons)
        )
    )


def course_skills(course: Course) -> list[Skill]:
    return list(
        course.skills.order_by("position", "id").prefetch_related(
            Prefetch("requires", queryset=Skill.objects.order_by("position", "id"))
        )
    )


def prerequisite_order(skills: list[Skill]) -> list[Skill]:
    """The skills with every prerequisite before the skills that need it, otherwise
    in their own order (Kahn's algorithm, always taking the earliest ready skill).
    Skills caught in a cycle (the services refuse them) go last, in their order."""
    by_pk = {s.pk: s for s in skills}
    waiting = {s.pk: {r.pk for r in s.requires.all() if r.pk in by_pk} for s in skills}
    ordered: list[Skill] = []
    placed: set[int] = set()
    while True:
        ready = next((s for s in skills if s.pk not in placed and waiting[s.pk] <= placed), None)
        if ready is None:
            break
        ordered.append(ready)
        placed.add(ready.pk)
    return ordered + [s for s in skills if s.pk not in placed]


def activity_items(activity: Activity) -> list:
    """The practice's or quiz's items in order, current version loaded. Read
    through the reverse relation: learning does not import assessment."""
    return list(activity.activity_items.select_related("item__current").order_by("position", "id"))


def attachments(activity: Activity) -> list[Attachment]:
    """The page's files; `is_image` marks those a page can show with `![](url)`
    (the raster images the download view sends inline)."""
    found = list(activity.attachments.order_by("id"))
    for attachment in found:
        file_type = uploads.type_of(attachment.file.name)
        attachment.is_image = bool(file_type and file_type.inline)
    return found


def versions(course: Course) -> list[CourseVersion]:
    return list(course.versions.select_related("published_by").order_by("-number"))
