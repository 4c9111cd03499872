"""Quiz, exam and diagnostic activities: publishing freezes their form (fixed items,
pools and the draw rule) and their policy; the player shows where to take them."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from impulsa.assessment.api import placed_item_versions, pool_candidates, render_activity_items
from impulsa.learning.api import ActivityKindHandler, PlayerContext
from impulsa.proctoring.kind_codes import DIAGNOSTIC, EXAM, QUIZ
from impulsa.proctoring.policy import QUIZ_DEFAULT, Policy
from impulsa.proctoring.taking.selectors import quiz_attempts, sessions_for_student


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


def _questions(frozen: dict) -> int:
    return len(frozen.get("item_versions", [])) + sum(p["count"] for p in frozen.get("pools", []))


class _AttemptKind(ActivityKindHandler):
    holds_items = True
    graded = True

    def problems(self, activity) -> list[str]:
        fixed, pools = placed_item_versions(activity), _pools(activity)
        if not fixed and not pools:
            return [_("La actividad «%(title)s» no tiene reactivos.") % {"title": activity.title}]
        return [f"«{activity.title}»: {p}" for p in drawable(fixed, pools)]

    # The policy of a new activity of this kind, until its designer sets one.
    default_policy = Policy()

    def freeze(self, activity) -> dict:
        policy = Policy.of_draft(activity, default=self.default_policy)
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
                "questions": _questions(frozen),
                "sessions": []
                if context.preview
                else sessions_for_student(context.enrollment, context.activity.key),
            },
            request=context.request,
        )


class QuizKind(_AttemptKind):
    """Formative: a few tries, each with its grade at once; the keys only when no try
    remains, so a better grade on the next try is not an answer key replayed."""

    kind = QUIZ
    label = _l("Cuestionario")
    default_policy = QUIZ_DEFAULT

    def author_links(self, activity) -> list[tuple[str, str]]:
        return [(_("Configurar cuestionario"), reverse("exam_setup:edit", args=[activity.pk]))]

    def render(self, context: PlayerContext) -> str:
        frozen = context.activity.frozen
        policy = Policy.from_json(frozen["policy"]) if "policy" in frozen else QUIZ_DEFAULT
        attempts = (
            [] if context.preview else quiz_attempts(context.enrollment, context.activity.key)
        )
        closed = [a for a in attempts if not a.is_open]
        card = render_to_string(
            "proctoring/quiz_card.html",
            {
                "ctx": context,
                "policy": policy,
                "questions": _questions(frozen),
                "open": next((a for a in attempts if a.is_open), None),
                "closed": closed,
                "left": max(0, policy.max_attempts - len(closed)),
            },
            request=context.request,
        )
        # A designer previewing sees the questions themselves, read-only.
        return card + render_activity_items(context) if context.preview else card


class ExamKind(_AttemptKind):
    kind = EXAM
    label = _l("Examen")


class DiagnosticKind(_AttemptKind):
    kind = DIAGNOSTIC
    label = _l("Diagnóstico")
