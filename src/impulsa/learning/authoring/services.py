"""Every write to a course's draft: the course itself, skills and their
prerequisites, units, lessons, activities and their order (a content page's
variants and files: content/services.py).

Each service checks the actor may author the course first, runs in a transaction,
raises DomainError in Spanish, and marks the course as having unpublished changes.
Students never see these rows directly: see publishing/services.py.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from impulsa.audit.api import record
from impulsa.core.errors import DomainError
from impulsa.learning.content import kinds as activity_kinds
from impulsa.learning.models import (
    Activity,
    Course,
    Lesson,
    Program,
    Skill,
    Unit,
)
from impulsa.org.api import Capability, Institution, ensure


def ensure_author(actor, course: Course) -> None:
    ensure(actor, Capability.AUTHOR_CONTENT, course.institution)


def touch(course: Course) -> None:
    """The course has unpublished changes now (the editor and publish page say so)."""
    Course.objects.filter(pk=course.pk).update(has_draft_changes=True)
    course.has_draft_changes = True


@transaction.atomic(savepoint=False)
def note_draft_changes(*, activity_ids=(), course_id=None) -> None:
    """For apps whose content a course's draft uses (assessment's items): the courses
    owning `activity_ids` (ids, or a query of them), and the course `course_id`, have
    unpublished changes. The caller has already checked who may change that content."""
    Course.objects.filter(units__lessons__activities__in=activity_ids).update(
        has_draft_changes=True
    )
    if course_id is not None:
        Course.objects.filter(pk=course_id).update(has_draft_changes=True)


def clean_title(value: str, field: str = "title") -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(_("Escribe un título."), field=field)
    if len(value) > 200:
        raise DomainError(_("El título admite hasta 200 caracteres."), field=field)
    return value


def _next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


# --- Courses ----------------------------------------------------------------------------


@transaction.atomic
def create_course(*, actor, institution: Institution, name: str, description: str = "") -> Course:
    """A designer's own course (for dual students); catalog courses come from catalog/."""
    ensure(actor, Capability.AUTHOR_CONTENT, institution)
    course = Course.objects.create(
        program=Program.DUAL,
        institution=institution,
        code=f"tmp-{slugify(name)[:30]}",
        name=clean_title(name, "name"),
        description=description.strip(),
        has_draft_changes=True,
    )
    course.code = f"dual-{course.pk}"
    course.save(update_fields=["code"])
    record(actor=actor, instance=course, event="course_created")
    return course


@transaction.atomic
def update_course(*, actor, course: Course, name: str, description: str) -> Course:
    ensure_author(actor, course)
    if course.program != Program.DUAL and name.strip() != course.name:
        raise DomainError(
            _("El nombre de un curso del catálogo oficial no se cambia."), field="name"
        )
    course.name = clean_title(name, "name")
    course.description = description.strip()
    course.has_draft_changes = True
    course.save(update_fields=["name", "description", "has_draft_changes", "updated_at"])
    return course


# --- Skills -----------------------------------------------------------------------------


def _check_acyclic(skill: Skill, requires: list[Skill]) -> None:
    """Refuse prerequisites that would lead back to `skill` (depth-first search)."""
    edges: dict[int, set[int]] = {}
    for source, target in Skill.requires.through.objects.filter(
        from_skill__course_id=skill.course_id
    ).values_list("from_skill_id", "to_skill_id"):
        edges.setdefault(source, set()).add(target)
    edges[skill.pk] = {r.pk for r in requires}
    names = dict(Skill.objects.filter(course_id=skill.course_id).values_list("pk", "name"))
    stack = [(r.pk, [skill.pk, r.pk]) for r in requires]
    while stack:
        node, trail = stack.pop()
        if node == skill.pk:
            chain = " → ".join(names.get(pk, skill.name) for pk in trail)
            raise DomainError(
                _("Esa relación crearía un ciclo de requisitos: %(chain)s.") % {"chain": chain},
                field="requires",
            )
        stack.extend((nxt, [*trail, nxt]) for nxt in edges.get(node, ()) if nxt not in trail[1:])


def _skill_fields(course: Course, code: str, name: str, exclude_pk=None) -> tuple[str, str]:
    code = slugify(code or name)[:60]
    if not code:
        raise DomainError(_("Escribe una clave para la habilidad."), field="code")
    clash = Skill.objects.filter(course=course, code=code).exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(
            _("Ya hay una habilidad con la clave «%(code)s».") % {"code": code}, field="code"
        )
    return code, clean_title(name, "name")


@transaction.atomic
def create_skill(
    *, actor, course: Course, name: str, code: str = "", description: str = "", requires=()
) -> Skill:
    ensure_author(actor, course)
    code, name = _skill_fields(course, code, name)
    skill = Skill.objects.create(
        course=course,
        code=code,
        name=name,
        description=description.strip(),
        position=_next_position(course.skills.all()),
    )
    set_prerequisites(actor=actor, skill=skill, requires=requires)
    return skill


@transaction.atomic
def update_skill(
    *, actor, skill: Skill, name: str, code: str, description: str = "", requires=()
) -> Skill:
    ensure_author(actor, skill.course)
    skill.code, skill.name = _skill_fields(skill.course, code, name, exclude_pk=skill.pk)
    skill.description = description.strip()
    skill.save()
    set_prerequisites(actor=actor, skill=skill, requires=requires)
    return skill


@transaction.atomic
def set_prerequisites(*, actor, skill: Skill, requires) -> None:
    ensure_author(actor, skill.course)
    requires = list(requires)
    if any(r.course_id != skill.course_id for r in requires):
        raise DomainError(
            _("Un requisito debe ser una habilidad del mismo curso."), field="requires"
        )
    if any(r.pk == skill.pk for r in requires):
        raise DomainError(_("Una habilidad no puede ser requisito de sí misma."), field="requires")
    _check_acyclic(skill, requires)
    skill.requires.set(requires)
    touch(skill.course)


@transaction.atomic
def delete_skill(*, actor, skill: Skill) -> None:
    ensure_author(actor, skill.course)
    touch(skill.course)
    skill.delete()


# --- Units, lessons, activities ---------------------------------------------------------


@transaction.atomic
def create_unit(*, actor, course: Course, title: str) -> Unit:
    ensure_author(actor, course)
    unit = Unit.objects.create(
        course=course, title=clean_title(title), position=_next_position(course.units.all())
    )
    touch(course)
    return unit


@transaction.atomic
def create_lesson(*, actor, unit: Unit, title: str, summary: str = "") -> Lesson:
    ensure_author(actor, unit.course)
    lesson = Lesson.objects.create(
        unit=unit,
        title=clean_title(title),
        summary=summary.strip()[:300],
        position=_next_position(unit.lessons.all()),
    )
    touch(unit.course)
    return lesson


@transaction.atomic
def create_activity(*, actor, lesson: Lesson, kind: str, title: str, skills=()) -> Activity:
    course = lesson.unit.course
    ensure_author(actor, course)
    if kind not in dict(activity_kinds.choices()):
        raise DomainError(_("Elige un tipo de actividad."), field="kind")
    activity = Activity.objects.create(
        lesson=lesson,
        kind=kind,
        title=clean_title(title),
        position=_next_position(lesson.activities.all()),
    )
    _set_skills(activity, course, skills)
    touch(course)
    return activity


def _set_skills(activity: Activity, course: Course, skills) -> None:
    skills = list(skills)
    if any(s.course_id != course.pk for s in skills):
        raise DomainError(_("Las habilidades deben ser del mismo curso."), field="skills")
    activity.skills.set(skills)


@transaction.atomic
def rename(*, actor, node, title: str, summary: str | None = None):
    """Retitle a unit, lesson or activity (and a lesson's summary)."""
    course = course_of(node)
    ensure_author(actor, course)
    node.title = clean_title(title)
    fields = ["title"]
    if summary is not None and isinstance(node, Lesson):
        node.summary = summary.strip()[:300]
        fields.append("summary")
    node.save(update_fields=fields)
    touch(course)
    return node


@transaction.atomic
def update_activity(*, actor, activity: Activity, title: str, skills=()) -> Activity:
    course = course_of(activity)
    ensure_author(actor, course)
    activity.title = clean_title(title)
    activity.save(update_fields=["title"])
    _set_skills(activity, course, skills)
    touch(course)
    return activity


@transaction.atomic
def delete_node(*, actor, node) -> None:
    """Delete a unit, lesson or activity from the draft. Published versions keep
    theirs, and students' events about it stay."""
    course = course_of(node)
    ensure_author(actor, course)
    node.delete()
    touch(course)


def course_of(node) -> Course:
    if isinstance(node, Unit):
        return node.course
    if isinstance(node, Lesson):
        return node.unit.course
    if isinstance(node, Activity):
        return node.lesson.unit.course
    raise TypeError(node)


def _siblings(node):
    if isinstance(node, Unit):
        return Unit.objects.filter(course_id=node.course_id)
    if isinstance(node, Lesson):
        return Lesson.objects.filter(unit_id=node.unit_id)
    return Activity.objects.filter(lesson_id=node.lesson_id)


@transaction.atomic
def reorder(*, actor, parent, keys: list) -> None:
    """Put the children of `parent` (course -> units, unit -> lessons, lesson ->
    activities) in the order of `keys`, which must name each child exactly once."""
    if isinstance(parent, Course):
        course, children = parent, Unit.objects.filter(course=parent)
    elif isinstance(parent, Unit):
        course, children = parent.course, Lesson.objects.filter(unit=parent)
    else:
        course, children = course_of(parent), Activity.objects.filter(lesson=parent)
    ensure_author(actor, course)
    rows = {str(child.key): child for child in children.select_for_update()}
    keys = [str(k) for k in keys]
    if sorted(keys) != sorted(rows):
        raise DomainError(
            _("El orden enviado no coincide con el contenido actual; recarga la página.")
        )
    for position, key in enumerate(keys, start=1):
        rows[key].position = position
    children.model.objects.bulk_update(rows.values(), ["position"])
    touch(course)


@transaction.atomic
def move(*, actor, node, offset: int) -> None:
    """Move a unit, lesson or activity `offset` places up (-1) or down (+1): the
    keyboard alternative to dragging."""
    siblings = list(_siblings(node).order_by("position", "id"))
    keys = [s.key for s in siblings]
    index = keys.index(node.key)
    target = max(0, min(len(keys) - 1, index + offset))
    keys.insert(target, keys.pop(index))
    parent = {Unit: "course", Lesson: "unit", Activity: "lesson"}[type(node)]
    reorder(actor=actor, parent=getattr(node, parent), keys=keys)
