"""Reads of the item bank, narrowed to the courses the user may author."""

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from impulsa.assessment.models import ActivityItem, Item, ItemVersion
from impulsa.learning.api import Activity, Course, Skill, activity_kinds_where, authorable_courses


def bank_course(user, course_id) -> Course:
    """A course whose bank the user may edit (Course.DoesNotExist otherwise)."""
    return authorable_courses(user).get(pk=course_id)


def items(user) -> QuerySet[Item]:
    """Items of courses the user authors, current version and skills loaded."""
    return (
        Item.objects.filter(course__in=authorable_courses(user), current__isnull=False)
        .select_related("current", "course")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("position", "id")))
    )


def bank_items(
    user, course: Course, *, item_type: str = "", skill_id: int | None = None, text: str = ""
) -> QuerySet[Item]:
    """One course's bank with filters, each row annotated with `used_in` (activities)."""
    rows = items(user).filter(course=course)
    if item_type:
        rows = rows.filter(current__type=item_type)
    if skill_id:
        rows = rows.filter(skills__id=skill_id)
    if text:
        rows = rows.filter(Q(current__name__icontains=text) | Q(current__stem__icontains=text))
    return rows.annotate(used_in=Count("placements", distinct=True)).order_by("-pk")


def versions(item: Item) -> QuerySet[ItemVersion]:
    return item.versions.select_related("created_by").order_by("-number")


def item_activities(item: Item) -> QuerySet[Activity]:
    """Activities that use the item, for the builder's "usado en" list."""
    return Activity.objects.filter(activity_items__item=item).select_related("lesson__unit")


def course_skills(course: Course) -> QuerySet[Skill]:
    return Skill.objects.filter(course=course).order_by("position", "id")


def item_activity(user, activity_id) -> Activity:
    """A practice or quiz of a course the user authors (Activity.DoesNotExist otherwise)."""
    return Activity.objects.select_related("lesson__unit__course").get(
        pk=activity_id,
        kind__in=activity_kinds_where("holds_items"),
        lesson__unit__course__in=authorable_courses(user),
    )


def item_activities_of(course: Course) -> QuerySet[Activity]:
    """The course's practices and quizzes (targets for an import)."""
    return (
        Activity.objects.filter(
            lesson__unit__course=course, kind__in=activity_kinds_where("holds_items")
        )
        .select_related("lesson__unit")
        .order_by("lesson__unit__position", "lesson__position", "position", "id")
    )


def placed_items(activity: Activity) -> list[Item]:
    """The activity's items in order, current version and skills loaded."""
    placements = (
        ActivityItem.objects.filter(activity=activity)
        .select_related("item__current")
        .prefetch_related("item__skills")
        .order_by("position", "id")
    )
    return [placement.item for placement in placements]


def courses_with_item_counts(user):
    """The courses the user authors, each with `item_count`: those with items first,
    then by name. One subquery, so the page's query count does not grow."""
    counts = (
        Item.objects.filter(course=OuterRef("pk"), current__isnull=False)
        .order_by()
        .values("course")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        authorable_courses(user)
        .annotate(item_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0)))
        .order_by(Case(When(item_count=0, then=Value(1)), default=Value(0)), "name", "pk")
    )


def items_of(course: Course, types=()) -> list[Item]:
    """The course bank's items (of those types, if given), oldest first: for code that
    builds an activity from the bank as a designer would (the demo's exam)."""
    found = Item.objects.filter(course=course, current__isnull=False)
    if types:
        found = found.filter(current__type__in=types)
    return list(found.order_by("id"))
