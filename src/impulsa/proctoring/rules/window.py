from django.utils.translation import gettext as _

from impulsa.proctoring.rules.base import AccessRule, when


class OpenWindow(AccessRule):
    """A session opens and closes; no attempt outlives the close."""

    needs_session = True

    def refuse_start(self, entry):
        session = entry.session
        if entry.now < session.opens_at:
            return _("El examen abre el %(when)s.") % {"when": when(session.opens_at)}
        if entry.now >= session.closes_at:
            return _("El examen cerró el %(when)s.") % {"when": when(session.closes_at)}
        return None

    def deadline(self, entry, started):
        return entry.session.closes_at
