from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from impulsa.proctoring.rules.base import AccessRule, when


class AttemptsAllowed(AccessRule):
    """So many tries (plus a student's extra ones), with a wait between them."""

    def refuse_start(self, entry):
        allowed = entry.policy.max_attempts
        if entry.accommodation is not None:
            allowed += entry.accommodation.extra_attempts
        if len(entry.past) >= allowed:
            return ngettext(
                "Ya usaste tu intento.",
                "Ya usaste los %(count)s intentos.",
                allowed,
            ) % {"count": allowed}
        cooldown = entry.policy.cooldown_minutes
        if cooldown and entry.past and entry.past[0].submitted_at:
            ready = entry.past[0].submitted_at + timedelta(minutes=cooldown)
            if entry.now < ready:
                return _("Podrás intentarlo de nuevo el %(when)s.") % {"when": when(ready)}
        return None
