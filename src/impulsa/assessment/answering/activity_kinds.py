"""Practice activities: what they freeze at publish and how they play."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from impulsa.assessment.answering.kind_codes import PRACTICE
from impulsa.assessment.answering.player import render_activity
from impulsa.assessment.models import ActivityItem
from impulsa.learning.api import ActivityKindHandler, PlayerContext


class PracticeKind(ActivityKindHandler):
    kind = PRACTICE
    label = _l("Práctica")
    holds_items = True

    def problems(self, activity) -> list[str]:
        if not ActivityItem.objects.filter(activity=activity).exists():
            return [_("La actividad «%(title)s» no tiene reactivos.") % {"title": activity.title}]
        return []

    def freeze(self, activity) -> dict:
        """The item versions students will see, in order."""
        versions = ActivityItem.objects.filter(activity=activity).order_by("position", "id")
        return {"item_versions": list(versions.values_list("item__current_id", flat=True))}

    def render(self, context: PlayerContext) -> str:
        return render_activity(context)
