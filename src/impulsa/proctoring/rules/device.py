from django.utils.translation import gettext as _

from impulsa.proctoring.rules.base import AccessRule


class OneDevice(AccessRule):
    """An attempt answers from the device that started it; another device is refused
    until a proctor moves the attempt to it."""

    needs_session = True

    def refuse_request(self, entry):
        attempt = entry.attempt
        if attempt is not None and attempt.device and attempt.device != entry.client.device:
            return _(
                "Tu examen está abierto en otro dispositivo. Si cambiaste de equipo, "
                "pide a quien supervisa que lo pase a este."
            )
        return None
