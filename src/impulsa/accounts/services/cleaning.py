"""Checks and normalisation of what staff type about a person; each refusal is a
DomainError on the field at fault."""

import re

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from impulsa.accounts import curp as curp_rules
from impulsa.accounts.models import User
from impulsa.core.errors import Conflict, DomainError
from impulsa.org.api import Role

NAME_MAX_LENGTH = 150
ADDRESS_MAX_LENGTH = 300
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?[0-9]{10,15}$")


def clean_name(value, field: str, *, required: bool) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        messages = {
            "first_name": _("Escribe el nombre o los nombres."),
            "last_name": _("Escribe el primer apellido."),
        }
        raise DomainError(messages.get(field, _("Este dato es obligatorio.")), field=field)
    if len(value) > NAME_MAX_LENGTH:
        raise DomainError(
            _("Usa como máximo %(n)d caracteres.") % {"n": NAME_MAX_LENGTH}, field=field
        )
    return value


def clean_email(value, *, required: bool = False) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            raise DomainError(
                _("Escribe un correo electrónico para enviar el enlace."), field="email"
            )
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise DomainError(
            _("«%(email)s» no es un correo electrónico válido.") % {"email": value}, field="email"
        ) from None
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def clean_username(value) -> str:
    username = (value or "").strip()
    if not username:
        raise DomainError(_("Escribe el nombre de usuario."), field="username")
    if len(username) > NAME_MAX_LENGTH:
        raise DomainError(
            _("Usa como máximo %(n)d caracteres.") % {"n": NAME_MAX_LENGTH}, field="username"
        )
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise DomainError(
            _("El usuario solo puede tener letras, dígitos y los signos @ . + - _"),
            field="username",
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            _("Ya existe una cuenta con el usuario «%(u)s».") % {"u": username}, field="username"
        )
    return username


def clean_curp(value, *, person: User | None = None) -> curp_rules.Curp:
    parsed = curp_rules.validate(value)
    clash = User.objects.with_curp(parsed.value)
    if person is not None:
        clash = clash.exclude(pk=person.pk)
    if clash.exists():
        raise Conflict(_("Otra persona ya está registrada con esa CURP."), field="curp")
    return parsed


def clean_phone(value) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if not _PHONE.match(_PHONE_SEPARATORS.sub("", value)):
        raise DomainError(
            _(
                "Escribe el teléfono con 10 dígitos (por ejemplo 33 1234 5678); "
                "puedes anteponer la clave de país con +."
            ),
            field="phone",
        )
    return value


def clean_address(value) -> str:
    value = " ".join((value or "").split())
    if len(value) > ADDRESS_MAX_LENGTH:
        raise DomainError(
            _("Usa como máximo %(n)d caracteres.") % {"n": ADDRESS_MAX_LENGTH}, field="address"
        )
    return value


def clean_language(value) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    if value not in codes:
        raise DomainError(_("Elige un idioma de la lista."), field="preferred_language")
    return value


def ensure_grantable_role(role: str) -> None:
    if role not in Role.values:
        raise DomainError(_("Elige un rol de la lista."), field="role")
