"""A designer sets how a draft exam is given: its policy and its pool draws. The
published version keeps what publishing froze; these change the next one."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.learning.api import Activity, Skill, ensure_author, note_draft_changes
from impulsa.proctoring.kind_codes import ATTEMPT_KINDS
from impulsa.proctoring.models import ExamPolicy, PoolDraw, ReviewPolicy

MAX_DRAWS = 20
MAX_PER_DRAW = 100


def _ensure_exam(actor, activity: Activity):
    if activity.kind not in ATTEMPT_KINDS:
        raise DomainError(_("Esta actividad no es un examen."))
    course = activity.lesson.unit.course
    ensure_author(actor, course)
    return course


@transaction.atomic
def set_policy(
    *,
    actor,
    activity: Activity,
    time_limit_minutes: int | None,
    max_attempts: int,
    cooldown_minutes: int,
    passing_grade: Decimal,
    review: str,
    shuffle_items: bool,
    shuffle_choices: bool,
) -> ExamPolicy:
    _ensure_exam(actor, activity)
    if time_limit_minutes is not None and not 1 <= time_limit_minutes <= 600:
        raise DomainError(_("El tiempo límite va de 1 a 600 minutos."), field="time_limit_minutes")
    if not 1 <= max_attempts <= 20:
        raise DomainError(_("Los intentos van de 1 a 20."), field="max_attempts")
    if not 0 <= cooldown_minutes <= 10080:
        raise DomainError(_("La espera va de 0 a 10080 minutos."), field="cooldown_minutes")
    if not Decimal(0) <= passing_grade <= Decimal(10):
        raise DomainError(_("La calificación aprobatoria va de 0 a 10."), field="passing_grade")
    if review not in ReviewPolicy.values:
        raise DomainError(_("Elige cuándo ven sus resultados."), field="review")
    policy, _created = ExamPolicy.objects.update_or_create(
        activity=activity,
        defaults={
            "time_limit_minutes": time_limit_minutes,
            "max_attempts": max_attempts,
            "cooldown_minutes": cooldown_minutes,
            "passing_grade": passing_grade,
            "review": review,
            "shuffle_items": shuffle_items,
            "shuffle_choices": shuffle_choices,
        },
    )
    note_draft_changes(activity_ids=[activity.pk])
    return policy


@transaction.atomic
def add_draw(
    *,
    actor,
    activity: Activity,
    count: int,
    skill: Skill | None = None,
    difficulty_min: Decimal | None = None,
    difficulty_max: Decimal | None = None,
) -> PoolDraw:
    course = _ensure_exam(actor, activity)
    if skill is not None and skill.course_id != course.pk:
        raise DomainError(_("La habilidad debe ser del mismo curso."), field="skill")
    if not 1 <= count <= MAX_PER_DRAW:
        raise DomainError(_("Cada grupo saca de 1 a 100 preguntas."), field="count")
    if (
        difficulty_min is not None
        and difficulty_max is not None
        and difficulty_min > difficulty_max
    ):
        raise DomainError(_("La dificultad mínima pasa de la máxima."), field="difficulty_min")
    if activity.pool_draws.count() >= MAX_DRAWS:
        raise DomainError(_("Un examen tiene hasta 20 grupos de preguntas."))
    draw = PoolDraw.objects.create(
        activity=activity,
        position=activity.pool_draws.count(),
        skill=skill,
        difficulty_min=difficulty_min,
        difficulty_max=difficulty_max,
        count=count,
    )
    note_draft_changes(activity_ids=[activity.pk])
    return draw


@transaction.atomic
def remove_draw(*, actor, draw: PoolDraw) -> None:
    _ensure_exam(actor, draw.activity)
    activity_id = draw.activity_id
    draw.delete()
    note_draft_changes(activity_ids=[activity_id])
