"""Content pages: the variants are rendered at publish time; the player shows the
variant the student chose (text first), files and video links."""

from django.template.loader import render_to_string

from impulsa.learning.content.kinds import ActivityKindHandler, PlayerContext
from impulsa.learning.models import ActivityKind, VariantKind

VARIANT_ORDER = [VariantKind.TEXT, VariantKind.WORKED_EXAMPLE, VariantKind.VIDEO]


class ContentKind(ActivityKindHandler):
    kind = ActivityKind.CONTENT

    def render(self, context: PlayerContext) -> str:
        variants = sorted(context.activity.variants, key=lambda v: VARIANT_ORDER.index(v["kind"]))
        chosen = context.request.GET.get("variante")
        current = next(
            (v for v in variants if v["kind"] == chosen), variants[0] if variants else None
        )
        return render_to_string(
            "learning/player/content.html",
            {"ctx": context, "variants": variants, "current": current},
            request=context.request,
        )
