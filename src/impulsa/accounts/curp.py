"""CURP validation with a message that names what is wrong.

python-stdnum's `mx.curp` holds the algorithm (format, birth date, sex, state,
check digit); it raises one generic error, so we ask it about each part in turn
to tell the user which part failed.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.mx import curp as stdnum_curp

from impulsa.core.errors import DomainError

_SHAPE = re.compile(r"[A-Z]{4}[0-9]{6}[A-Z]{6}[0-9A-Z][0-9]")
# The segments of a CURP, in order, and what each must hold (for the error message).
_SEGMENTS = (
    (
        slice(0, 4),
        re.compile(r"[A-Z]{4}"),
        gettext_lazy("las primeras 4 posiciones deben ser letras"),
    ),
    (
        slice(4, 10),
        re.compile(r"[0-9]{6}"),
        gettext_lazy(
            "las posiciones 5 a 10 deben ser 6 dígitos de la fecha de nacimiento (AAMMDD)"
        ),
    ),
    (
        slice(10, 11),
        re.compile(r"[A-Z]"),
        gettext_lazy("la posición 11 debe ser la letra del sexo (H o M)"),
    ),
    (
        slice(11, 13),
        re.compile(r"[A-Z]{2}"),
        gettext_lazy("las posiciones 12 y 13 deben ser las letras de la entidad de nacimiento"),
    ),
    (
        slice(13, 16),
        re.compile(r"[A-Z]{3}"),
        gettext_lazy("las posiciones 14 a 16 deben ser letras"),
    ),
    (
        slice(16, 17),
        re.compile(r"[0-9A-Z]"),
        gettext_lazy(
            "la posición 17 debe ser un dígito (nacidos antes del 2000) o una letra (desde 2000)"
        ),
    ),
    (
        slice(17, 18),
        re.compile(r"[0-9]"),
        gettext_lazy("la posición 18 debe ser el dígito verificador"),
    ),
)
# stdnum keeps these tables private; we read them rather than copy them.
_STATES = stdnum_curp._valid_states
_INCONVENIENT_WORDS = stdnum_curp._name_blacklist


@dataclass(frozen=True)
class Curp:
    value: str
    birth_date: datetime.date
    sex: str  # "H" or "M", as written in the CURP
    state: str


def _structure_problem(number: str) -> str:
    """The first segment of an 18-character value that does not fit (in Spanish)."""
    for where, shape, problem in _SEGMENTS:
        if not shape.fullmatch(number[where]):
            return str(problem)
    return ""


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
    if not _SHAPE.fullmatch(number):
        raise DomainError(
            _("La CURP no tiene la estructura correcta: %(part)s")
            % {"part": _structure_problem(number)},
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
    if birth_date > timezone.localdate():
        raise DomainError(
            _(
                "La fecha de nacimiento de la CURP (%(d)s) es posterior a hoy; revisa los "
                "dígitos de la fecha y el carácter 17 (dígito antes del 2000, letra desde 2000)."
            )
            % {"d": number[4:10]},
            field="curp",
        )
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
