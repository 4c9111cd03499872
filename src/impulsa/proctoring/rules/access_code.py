import hmac

from django.utils.translation import gettext as _

from impulsa.proctoring.rules.base import AccessRule


class AccessCode(AccessRule):
    """The code the proctor gives in the room, asked once, at the start."""

    needs_session = True

    def refuse_start(self, entry):
        expected = entry.session.access_code
        if not expected:
            return None
        given = entry.client.access_code.strip().upper()
        if not hmac.compare_digest(given.encode(), expected.upper().encode()):
            return _("El código de acceso no es correcto; pídeselo a quien supervisa el examen.")
        return None
