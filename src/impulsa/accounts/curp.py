"""CURP validation with a message that names what is wrong.

python-stdnum's `mx.curp` holds the algorithm (format, birth date, sex, state,
check digit); it raises one generic error, so we ask it about each part in turn
to tell the user which part failed.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.mx import curp as stdnum_curp

from impulsa.core.errors import DomainError

_SHAPE = re.compile(r"^[A-Z]{4}[0-9]{6}[A-Z]{6}[0-9A-Z][0-9]$")
# stdnum keeps these tables private; we read them rather than copy them.
_STATES = stdnum_curp._valid_states
_INCONVENIENT_WORDS = stdnum_curp._name_blacklist


@dataclass(frozen=True)
class Curp:
    value: str
    birth_date: datetime.date
    sex: str  # "H" or "M", as written in the CURP
    state: str


def normalize(value: str) -> str:
    return stdnum_curp.compact(value or "")


def validate(value: str) -> Curp:
    """Return the parsed CURP or raise DomainError saying which part is wrong."""
    number = normalize(value)
    if not number:
        raise DomainError(_("Falta la CURP."), field="curp")
    if len(number) != 18:
        raise DomainError(
            _("La CURP debe tener 18 caracteres; tiene %(n)d.") % {"n": len(number)}, field="curp"
        )
    if not _SHAPE.match(number):
        raise DomainError(
            _(
                "La CURP no tiene la estructura correcta: 4 letras, 6 dígitos de fecha, "
                "6 letras, 1 letra o dígito y 1 dígito verificador."
            ),
            field="curp",
        )
    if number[:4] in _INCONVENIENT_WORDS:
        raise DomainError(
            _("Las primeras cuatro letras de la CURP (%(w)s) no están permitidas.")
            % {"w": number[:4]},
            field="curp",
        )
    try:
        birth_date = stdnum_curp.get_birth_date(number)
    except StdnumError:
        raise DomainError(
            _("La fecha de nacimiento de la CURP (%(d)s) no existe.") % {"d": number[4:10]},
            field="curp",
        ) from None
    if number[10] not in "HM":
        raise DomainError(
            _("La letra de sexo de la CURP debe ser H o M; es %(s)s.") % {"s": number[10]},
            field="curp",
        )
    if number[11:13] not in _STATES:
        raise DomainError(
            _("La clave de entidad de la CURP (%(e)s) no existe.") % {"e": number[11:13]},
            field="curp",
        )
    expected = stdnum_curp.calc_check_digit(number)
    if number[-1] != expected:
        raise DomainError(
            _("El dígito verificador de la CURP no coincide (debería ser %(d)s).")
            % {"d": expected},
            field="curp",
        )
    return Curp(value=number, birth_date=birth_date, sex=number[10], state=number[11:13])
