"""RFC (Registro Federal de Contribuyentes) of a company, checked with python-stdnum.

The format and the date inside are checked strictly; the check digit only warns:
the SAT issued some real RFCs whose last character does not follow the published
algorithm, so refusing them would lock real companies out.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.mx import rfc as stdnum_rfc

from impulsa.core.errors import DomainError


@dataclass(frozen=True)
class CheckedRfc:
    value: str
    warning: str


def check_rfc(raw: str) -> CheckedRfc:
    value = stdnum_rfc.compact(raw or "")
    if len(value) > 13:
        raise DomainError(_("El RFC tiene más de 13 caracteres."), field="rfc")
    try:
        stdnum_rfc.validate(value, validate_check_digits=True)
    except InvalidChecksum:
        return CheckedRfc(
            value,
            _(
                "El dígito verificador del RFC no es el esperado. Algunos RFC reales lo "
                "tienen así; revisa la constancia de situación fiscal antes de aprobar."
            ),
        )
    except ValidationError:
        raise DomainError(
            _(
                "El RFC no tiene un formato válido: son 3 o 4 letras, la fecha de "
                "constitución (AAMMDD) y 3 caracteres de homoclave, por ejemplo EKU9003173C9."
            ),
            field="rfc",
        ) from None
    return CheckedRfc(value, "")
