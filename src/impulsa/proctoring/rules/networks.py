import ipaddress

from django.utils.translation import gettext as _

from impulsa.proctoring.rules.base import AccessRule


def parse_networks(text: str) -> list:
    """The session's allowed networks, one address or CIDR range per line."""
    return [
        ipaddress.ip_network(line.strip(), strict=False)
        for line in text.splitlines()
        if line.strip()
    ]


class AllowedNetworks(AccessRule):
    """Only from the campus's networks, at the start and on every request."""

    needs_session = True

    def _refuse(self, entry):
        networks = parse_networks(entry.session.allowed_networks)
        if not networks:
            return None
        try:
            address = ipaddress.ip_address(entry.client.ip or "")
        except ValueError:
            address = None
        if address is None or not any(address in net for net in networks):
            return _(
                "Este examen solo se presenta desde la red del plantel "
                "(tu dirección es %(ip)s). Pide ayuda a quien lo supervisa."
            ) % {"ip": entry.client.ip or "?"}
        return None

    refuse_start = _refuse
    refuse_request = _refuse
