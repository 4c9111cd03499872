"""Checks and conversions shared by the item types' validators and response coercion."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError

# Exponents beyond this are typing accidents, and would make Decimal strings huge.
MAX_EXPONENT = 30


def to_decimal(value, what: str) -> Decimal:
    """A finite Decimal from a Decimal string (or int/Decimal/float); `what` names the field."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise DomainError(_("%(what)s debe ser un número.") % {"what": what})
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise DomainError(_("%(what)s no es un número válido.") % {"what": what}) from None
    if not number.is_finite() or (number and abs(number.adjusted()) > MAX_EXPONENT):
        raise DomainError(_("%(what)s no es un número válido.") % {"what": what})
    return number


def canonical(number: Decimal) -> str:
    """The one spelling of a Decimal that we store: "0.5", "-1", "10", never "1E+1" or "0.50"."""
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


def decimal_field(value, what: str, *, low=None) -> str:
    number = to_decimal(value, what)
    if low is not None and number < low:
        raise DomainError(
            _("%(what)s no puede ser menor que %(low)s.") % {"what": what, "low": low}
        )
    return canonical(number)


def fraction_field(value, what: str, *, low: int = 0) -> str:
    """A credit as a Decimal string in [low, 1]; the message speaks in percent, like teachers do."""
    number = to_decimal(value, what)
    if not Decimal(low) <= number <= 1:
        raise DomainError(
            _("%(what)s debe valer entre %(low)s %% y 100 %%.") % {"what": what, "low": low * 100}
        )
    return canonical(number)


def text_field(value, what: str, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(what)s debe ser texto.") % {"what": what})
    value = value.strip()
    if required and not value:
        raise DomainError(_("%(what)s no tiene texto.") % {"what": what})
    return value


def flag_field(body: dict, key: str, default: bool, what: str) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise DomainError(_("%(what)s debe ser verdadero o falso.") % {"what": what})
    return value


def list_field(body: dict, key: str, what: str, *, minimum: int = 0) -> list:
    value = body.get(key, [])
    if not isinstance(value, list):
        raise DomainError(_("%(what)s debe ser una lista.") % {"what": what})
    if len(value) < minimum:
        raise DomainError(_("%(what)s necesita al menos %(n)s.") % {"what": what, "n": minimum})
    return value


def dict_entry(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise DomainError(_("%(what)s no es válida.") % {"what": what})
    return value


def invalid_response(detail: str) -> DomainError:
    return DomainError(_("Respuesta no válida: %(detail)s") % {"detail": detail})


def index_value(value, size: int) -> int:
    """An index into a list of `size` (an int or a string of digits, as forms send it)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_response(_("se esperaba el número de una opción."))
    if not 0 <= value < size:
        raise invalid_response(_("la opción %(n)s no existe.") % {"n": value + 1})
    return value


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
