"""Exam and diagnostic activities: publishing freezes their form (fixed items, pools
and the draw rule) and their policy; the player shows where to take them."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from impulsa.assessment.api import placed_item_versions, pool_candidates
from impulsa.learning.api import ActivityKindHandler, PlayerContext
from impulsa.proctoring.policy import Policy
from impulsa.proctoring.taking.selectors import sessions_for_student

EXAM = "exam"
DIAGNOSTIC = "diagnostic"
ATTEMPT_KINDS = (EXAM, DIAGNOSTIC)


def _pools(activity) -> list[dict]:
    course_id = activity.lesson.unit.course_id
    return [
        {
            "candidates": pool_candidates(
                course_id,
                skill_id=draw.skill_id,
                difficulty_min=draw.difficulty_min,
                difficulty_max=draw.difficulty_max,
            ),
            "count": draw.count,
            "skill": draw.skill.name if draw.skill_id else "",
        }
        for draw in activity.pool_draws.select_related("skill")
    ]


def drawable(fixed: list[int], pools: list[dict]) -> list[str]:
    """Reasons (Spanish) a form cannot be drawn for every student: a pool with fewer
    distinct items than it draws, once the fixed items and earlier pools took theirs."""
    problems, taken = [], set(fixed)
    for number, pool in enumerate(pools, 1):
        free = [pk for pk in pool["candidates"] if pk not in taken]
        if len(free) < pool["count"]:
            problems.append(
                _("El grupo de preguntas %(n)s pide %(count)s y solo hay %(free)s que le quedan.")
                % {"n": number, "count": pool["count"], "free": len(free)}
            )
        taken.update(free[: pool["count"]])
    return problems


class _AttemptKind(ActivityKindHandler):
    holds_items = True
    graded = True

    def problems(self, activity) -> list[str]:
        fixed, pools = placed_item_versions(activity), _pools(activity)
        if not fixed and not pools:
            return [
                _("El examen «%(title)s» no tiene preguntas ni grupos de preguntas.")
                % {"title": activity.title}
            ]
        return [f"«{activity.title}»: {p}" for p in drawable(fixed, pools)]

    def freeze(self, activity) -> dict:
        policy = Policy.of_draft(activity)
        return {
            "item_versions": placed_item_versions(activity),
            "pools": [
                {"candidates": p["candidates"], "count": p["count"]} for p in _pools(activity)
            ],
            "policy": policy.as_json(),
        }

    def author_links(self, activity) -> list[tuple[str, str]]:
        return [(_("Configurar examen"), reverse("exam_setup:edit", args=[activity.pk]))]

    def render(self, context: PlayerContext) -> str:
        frozen = context.activity.frozen
        return render_to_string(
            "proctoring/player_card.html",
            {
                "ctx": context,
                "policy": Policy.from_json(frozen.get("policy", {})),
                "questions": len(frozen.get("item_versions", []))
                + sum(p["count"] for p in frozen.get("pools", [])),
                "sessions": []
                if context.preview
                else sessions_for_student(context.enrollment, context.activity.key),
            },
            request=context.request,
        )


class ExamKind(_AttemptKind):
    kind = EXAM
    label = _l("Examen")


class DiagnosticKind(_AttemptKind):
    kind = DIAGNOSTIC
    label = _l("Diagnóstico")
