"""Writes to the item bank: items and their versions, and which items an activity uses.

Editing an item that a student has answered, or that a published course shows,
adds a version instead of changing the old one: answers keep pointing at what the
student saw, and published courses keep their frozen versions.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from impulsa.assessment import itemtypes
from impulsa.assessment.models import ActivityItem, Answer, Item, ItemVersion
from impulsa.core.errors import DomainError
from impulsa.learning.api import (
    Activity,
    Course,
    PublishedActivity,
    Skill,
    activity_kinds_where,
    course_of,
    ensure_author,
    note_draft_changes,
)

SKILL_TAG = "skill:"
VERSION_FIELDS = (
    "type",
    "name",
    "stem",
    "stem_format",
    "body",
    "general_feedback",
    "hints",
    "difficulty",
    "irt",
    "tags",
)


def _decimal(value, field: str, low: Decimal, high: Decimal) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise DomainError(_("Escribe un número."), field=field) from None
    if not (low <= number <= high) or not number.is_finite():
        raise DomainError(
            _("Debe estar entre %(low)s y %(high)s.") % {"low": low, "high": high}, field=field
        )
    return number


def clean_version(fields: dict) -> dict:
    """Validate and normalize the fields of an item version (raises DomainError)."""
    item_type = fields.get("type")
    if item_type not in itemtypes.TYPES:
        raise DomainError(_("Elige el tipo de reactivo."), field="type")
    name = (fields.get("name") or "").strip()
    if not name:
        raise DomainError(_("Escribe un nombre para el reactivo."), field="name")
    stem = (fields.get("stem") or "").strip()
    # A cloze's text (in its body) is the question; files carry no separate stem.
    if not stem and itemtypes.TYPES[item_type].needs_stem:
        raise DomainError(_("Escribe el enunciado."), field="stem")
    stem_format = fields.get("stem_format") or "markdown"
    if stem_format not in ("markdown", "html"):
        raise DomainError(_("Formato de enunciado desconocido."), field="stem")
    hints = [h.strip() for h in fields.get("hints") or [] if h and h.strip()]
    irt = fields.get("irt") or None
    if irt is not None:
        irt = {
            "a": str(_decimal(irt.get("a"), "irt", Decimal("0.01"), Decimal("5")) or "1"),
            "b": str(_decimal(irt.get("b"), "irt", Decimal("-6"), Decimal("6")) or "0"),
            "c": str(_decimal(irt.get("c"), "irt", Decimal("0"), Decimal("0.5")) or "0"),
        }
    return {
        "type": item_type,
        "name": name[:200],
        "stem": stem,
        "stem_format": stem_format,
        "body": itemtypes.validate_body(item_type, fields.get("body") or {}),
        "general_feedback": (fields.get("general_feedback") or "").strip(),
        "hints": hints,
        "difficulty": _decimal(fields.get("difficulty"), "difficulty", Decimal(-3), Decimal(3)),
        "irt": irt,
        "tags": sorted({t.strip() for t in fields.get("tags") or [] if t and t.strip()}),
    }


def _skills(course: Course, skills) -> list[Skill]:
    skills = list(skills)
    if any(s.course_id != course.pk for s in skills):
        raise DomainError(_("Las habilidades deben ser del mismo curso."), field="skills")
    return skills


@transaction.atomic
def create_item(*, actor, course: Course, skills=(), **fields) -> Item:
    ensure_author(actor, course)
    data = clean_version(fields)
    item = Item.objects.create(course=course)
    version = ItemVersion.objects.create(item=item, number=1, created_by=actor, **data)
    item.current = version
    item.save(update_fields=["current"])
    item.skills.set(_skills(course, skills))
    return item


def is_frozen(version: ItemVersion) -> bool:
    """Someone answered it, or a published course shows it: it must not change."""
    return (
        Answer.objects.filter(item_version=version).exists()
        or PublishedActivity.objects.filter(frozen__item_versions__contains=[version.pk]).exists()
    )


@transaction.atomic
def update_item(*, actor, item: Item, skills=None, **fields) -> ItemVersion:
    """Change an item; returns the version now current (new if the old one was frozen)."""
    ensure_author(actor, item.course)
    item = Item.objects.select_for_update(of=("self",)).select_related("current").get(pk=item.pk)
    data = clean_version(fields)
    current = item.current
    if skills is not None:
        item.skills.set(_skills(item.course, skills))
    if all(getattr(current, f) == data[f] for f in VERSION_FIELDS):
        return current
    if is_frozen(current):
        number = (item.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        current = ItemVersion.objects.create(item=item, number=number, created_by=actor, **data)
        item.current = current
        item.save(update_fields=["current"])
    else:
        for field, value in data.items():
            setattr(current, field, value)
        current.save()
    _mark_users_changed(item)
    return current


def _mark_users_changed(item: Item) -> None:
    """Courses using the item have unpublished changes now."""
    activities = Activity.objects.filter(activity_items__item=item)
    note_draft_changes(activity_ids=activities.values("pk"))


@transaction.atomic
def delete_item(*, actor, item: Item) -> None:
    """Only an item nobody has seen can go; otherwise remove it from activities."""
    ensure_author(actor, item.course)
    versions = list(item.versions.all())
    if any(is_frozen(v) for v in versions):
        raise DomainError(
            _(
                "Ese reactivo ya se respondió o está publicado: quítalo de las actividades en vez de borrarlo."
            )
        )
    _mark_users_changed(item)
    ActivityItem.objects.filter(item=item).delete()
    Item.objects.filter(pk=item.pk).update(current=None)
    item.delete()


def _ensure_items_activity(actor, activity: Activity) -> Course:
    course = course_of(activity)
    ensure_author(actor, course)
    if activity.kind not in activity_kinds_where("holds_items"):
        raise DomainError(_("Solo las prácticas y los cuestionarios llevan reactivos."))
    return course


@transaction.atomic
def set_activity_items(*, actor, activity: Activity, items) -> None:
    """The activity's items, in this order (an empty list clears it)."""
    course = _ensure_items_activity(actor, activity)
    items = list(items)
    if any(i.course_id != course.pk for i in items):
        raise DomainError(_("Los reactivos deben ser del banco de este curso."))
    if len({i.pk for i in items}) != len(items):
        raise DomainError(_("Un reactivo aparece dos veces."))
    ActivityItem.objects.filter(activity=activity).delete()
    ActivityItem.objects.bulk_create(
        ActivityItem(activity=activity, item=item, position=n) for n, item in enumerate(items, 1)
    )
    note_draft_changes(course_id=course.pk)


@transaction.atomic
def add_items(*, actor, activity: Activity, items) -> None:
    present = list(
        Item.objects.filter(placements__activity=activity).order_by("placements__position")
    )
    known = {i.pk for i in present}
    set_activity_items(
        actor=actor, activity=activity, items=present + [i for i in items if i.pk not in known]
    )


def skills_from_tags(course: Course, tags: list[str]) -> tuple[list[Skill], list[str]]:
    """Skills named by "skill:<code>" tags, and the codes the course lacks."""
    codes = [t[len(SKILL_TAG) :] for t in tags if t.startswith(SKILL_TAG)]
    found = {s.code: s for s in Skill.objects.filter(course=course, code__in=codes)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]
