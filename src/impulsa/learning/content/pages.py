"""Content pages: the variants are rendered at publish time; the player shows the
variant the student chose (text first), files and video links."""

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from impulsa.learning.content.kinds import CONTENT, ActivityKindHandler, PlayerContext
from impulsa.learning.models import VariantKind

VARIANT_ORDER = [VariantKind.TEXT, VariantKind.WORKED_EXAMPLE, VariantKind.VIDEO]

# The reading of a published activity (variant tabs, text, video link, files) never
# changes, so each process keeps its HTML per (activity, variant, language); only
# the "done reading" part depends on the student. Far more than the content pages
# of every published course; a bound all the same.
_READINGS_LIMIT = 5_000
_readings: dict[tuple, str] = {}


def _reading(activity, variants: list, current: dict | None) -> str:
    return render_to_string(  # safe HTML: content.html shows it as it is
        "learning/player/content_reading.html",
        {"activity": activity, "variants": variants, "current": current},
    )


def _remembered_reading(activity, variants: list, current: dict | None) -> str:
    key = (activity.pk, current["kind"] if current else None, get_language())
    found = _readings.get(key)
    if found is None:
        if len(_readings) >= _READINGS_LIMIT:
            _readings.clear()
        found = _readings[key] = _reading(activity, variants, current)
    return found


def forget() -> None:
    """Tests that roll back what they published call this between cases."""
    _readings.clear()


class ContentKind(ActivityKindHandler):
    kind = CONTENT
    label = _("Contenido")

    def render(self, context: PlayerContext) -> str:
        variants = sorted(context.activity.variants, key=lambda v: VARIANT_ORDER.index(v["kind"]))
        chosen = context.request.GET.get("variante")
        current = next(
            (v for v in variants if v["kind"] == chosen), variants[0] if variants else None
        )
        if context.preview:  # a designer's preview: the draft may still change
            reading = _reading(context.activity, variants, current)
        else:
            reading = _remembered_reading(context.activity, variants, current)
        return render_to_string(
            "learning/player/content.html",
            {"ctx": context, "reading": reading},
            request=context.request,
        )
