"""Every write to people: staff accounts, personal data, student placement, roles, passwords.

Who may change a person's account: someone who manages people (MANAGE_PEOPLE) at
every institution where the person holds a role, and who could have granted each
of the person's admin roles. "One of the person's institutions" is not enough:
a campus admin must not be able to reset the password of a national director who
also teaches at their campus and so borrow the director's reach. Platform
operators (Django admin access) are managed from the Django admin only.

Changes to User, StudentProfile and Membership are recorded by django-auditlog;
password events, which change no audited field, are recorded explicitly.
"""

import logging
import re
import secrets
import smtplib
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from knox.models import get_token_model

from impulsa.accounts import curp as curp_rules
from impulsa.accounts import selectors
from impulsa.accounts.models import User
from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org.api import (
    TWO_FACTOR_ROLES,
    Capability,
    Career,
    Group,
    Institution,
    Membership,
    Role,
    access,
)
from impulsa.org.api import services as org_services

logger = logging.getLogger(__name__)


class PasswordMode:
    EMAIL = "email"  # a one-use link to choose a password is e-mailed
    TEMPORARY = "temporary"  # a generated password is shown once to the admin

    ALL = (EMAIL, TEMPORARY)


NAME_FIELDS = ("first_name", "last_name", "second_last_name")
ACCOUNT_FIELDS = frozenset({*NAME_FIELDS, "email", "preferred_language"})
PERSONAL_FIELDS = frozenset({"curp", "phone", "address"})
STUDENT_FIELDS = frozenset({"career", "group", "semester"})
EDITABLE_FIELDS = ACCOUNT_FIELDS | PERSONAL_FIELDS | STUDENT_FIELDS

NAME_MAX_LENGTH = 150
ADDRESS_MAX_LENGTH = 300
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+?[0-9]{10,15}$")
# No look-alike characters (0/O, 1/l/I): the admin reads it out or writes it down.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
TEMPORARY_PASSWORD_LENGTH = 14


@dataclass(frozen=True)
class NewAccount:
    user: User
    membership: Membership
    temporary_password: str | None  # shown once, never stored in clear


# --- Who may do what ------------------------------------------------------------------


def management_refusal(actor, person) -> str | None:
    """Why `actor` may not change `person`'s account, or None when they may."""
    if person.is_staff or person.is_superuser:
        return _(
            "Esta cuenta es de operación de la plataforma; se administra desde el panel "
            "de administración de Django."
        )
    memberships = selectors.institution_memberships(person)
    if not memberships:
        return _("Esta persona no tiene roles; solo la operación de la plataforma puede cambiarla.")
    for membership in memberships:
        if not access.can(actor, Capability.MANAGE_PEOPLE, membership.institution):
            return _(
                "Esta persona también tiene un rol fuera de tu alcance; solo quien administra "
                "todos sus roles puede cambiar su cuenta."
            )
        if membership.role in TWO_FACTOR_ROLES:
            try:
                access.ensure_can_grant(actor, membership.role, membership.institution)
            except DomainError:
                return _(
                    "Esta persona es %(role)s en %(institution)s, un rol que tú no puedes "
                    "asignar; no puedes cambiar su cuenta."
                ) % {"role": membership.get_role_display(), "institution": membership.institution}
    return None


def can_manage(actor, person) -> bool:
    return management_refusal(actor, person) is None


def ensure_can_manage(actor, person) -> None:
    """First line of every service that changes a person's account."""
    refusal = management_refusal(actor, person)
    if refusal is not None:
        raise AccessDenied(refusal)


# --- Validation helpers ---------------------------------------------------------------


def _clean_name(value, field: str, *, required: bool) -> str:
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


def _clean_email(value, *, required: bool = False) -> str:
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


def _clean_username(value) -> str:
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


def _clean_curp(value, *, person: User | None = None) -> curp_rules.Curp:
    parsed = curp_rules.validate(value)
    clash = User.objects.with_curp(parsed.value)
    if person is not None:
        clash = clash.exclude(pk=person.pk)
    if clash.exists():
        raise Conflict(_("Otra persona ya está registrada con esa CURP."), field="curp")
    return parsed


def _clean_phone(value) -> str:
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


def _clean_address(value) -> str:
    value = " ".join((value or "").split())
    if len(value) > ADDRESS_MAX_LENGTH:
        raise DomainError(
            _("Usa como máximo %(n)d caracteres.") % {"n": ADDRESS_MAX_LENGTH}, field="address"
        )
    return value


def _clean_language(value) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    if value not in codes:
        raise DomainError(_("Elige un idioma de la lista."), field="preferred_language")
    return value


def _ensure_grantable_role(role: str) -> None:
    if role not in Role.values:
        raise DomainError(_("Elige un rol de la lista."), field="role")


# --- Accounts -------------------------------------------------------------------------


@transaction.atomic
def create_staff_user(
    *,
    actor,
    username: str,
    first_name: str,
    last_name: str,
    second_last_name: str = "",
    email: str = "",
    curp: str = "",
    institution: Institution,
    role: str,
    password_mode: str = PasswordMode.EMAIL,
    domain: str = "",
    use_https: bool = True,
) -> NewAccount:
    """Open a staff account with its first role.

    The account starts without a usable password: either a one-use link to choose
    one is e-mailed (after commit, to `domain`), or a temporary password is
    generated and returned once. Students are not created here: they come with a
    matrícula and a student profile from the student import.
    """
    access.ensure(actor, Capability.MANAGE_PEOPLE, institution)
    _ensure_grantable_role(role)
    access.ensure_can_grant(actor, role, institution)
    if role == Role.STUDENT:
        raise DomainError(
            _("Los alumnos se dan de alta con su matrícula desde «Importar alumnos»."),
            field="role",
        )
    if password_mode not in PasswordMode.ALL:
        raise DomainError(_("Elige cómo recibirá su contraseña."), field="password_mode")
    user = User(
        username=_clean_username(username),
        first_name=_clean_name(first_name, "first_name", required=True),
        last_name=_clean_name(last_name, "last_name", required=True),
        second_last_name=_clean_name(second_last_name, "second_last_name", required=False),
        email=_clean_email(email, required=password_mode == PasswordMode.EMAIL),
    )
    if (curp or "").strip():
        parsed = _clean_curp(curp)
        user.curp, user.birth_date = parsed.value, parsed.birth_date
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent request took the username or CURP
        raise Conflict(_("Ya existe una cuenta con ese usuario o esa CURP.")) from exc
    membership = org_services.grant_membership(
        actor=actor, user=user, institution=institution, role=role
    )
    # The account's own "create" entry was written before it had a role (so without an
    # institution); this one lands in the campus's audit log.
    record(actor=actor, instance=user, event="account_created", role=role)
    temporary_password = None
    if password_mode == PasswordMode.TEMPORARY:
        temporary_password = _set_new_temporary_password(actor, user)
    else:
        _email_password_link(user, welcome=True, domain=domain, use_https=use_https)
    return NewAccount(user=user, membership=membership, temporary_password=temporary_password)


@transaction.atomic
def update_person(*, actor, user: User, **changes) -> User:
    """Change a person's data. Keys: first_name, last_name, second_last_name, email,
    preferred_language; curp, phone, address (personal data: only for those who may
    see it); career, group, semester (students only)."""
    ensure_can_manage(actor, user)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(_("Campos no modificables: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if set(changes) & PERSONAL_FIELDS and not selectors.can_view_personal_data(actor, user):
        raise AccessDenied(_("No tienes permiso para ver ni cambiar los datos personales."))
    if set(changes) & STUDENT_FIELDS:
        _update_student_profile(user, changes)

    cleaned = {}
    for field in NAME_FIELDS:
        if field in changes:
            cleaned[field] = _clean_name(
                changes[field], field, required=field != "second_last_name"
            )
    if "email" in changes:
        cleaned["email"] = _clean_email(changes["email"])
    if "preferred_language" in changes:
        cleaned["preferred_language"] = _clean_language(changes["preferred_language"])
    if "phone" in changes:
        cleaned["phone"] = _clean_phone(changes["phone"]) or None
    if "address" in changes:
        cleaned["address"] = _clean_address(changes["address"]) or None
    if "curp" in changes:
        cleaned.update(_curp_change(user, changes["curp"]))

    changed = [field for field, value in cleaned.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, cleaned[field])
    if "curp" in changed:
        changed.append("curp_hash")  # the blind index is recomputed on save
    if changed:
        user.save(update_fields=changed)
    return user


def _curp_change(user: User, value) -> dict:
    if not (value or "").strip():
        if hasattr(user, "student_profile"):
            raise DomainError(_("La CURP de un alumno es obligatoria."), field="curp")
        return {"curp": None}
    parsed = _clean_curp(value, person=user)
    if parsed.value == user.curp:
        return {}
    # The birth date is part of the CURP: keep both in agreement.
    return {"curp": parsed.value, "birth_date": parsed.birth_date}


def _update_student_profile(user: User, changes: dict) -> None:
    profile = getattr(user, "student_profile", None)
    if profile is None:
        raise DomainError(_("Solo los alumnos tienen carrera, grupo y semestre."))
    career: Career = changes.get("career", profile.career)
    group: Group | None = changes.get("group", profile.group)
    semester = changes.get("semester", profile.semester)
    if career is None or career.campus_id != profile.campus_id:
        raise DomainError(_("Elige una carrera del plantel del alumno."), field="career")
    if not isinstance(semester, int) or not 1 <= semester <= 6:
        raise DomainError(_("El semestre va del 1 al 6."), field="semester")
    if group is not None:
        if group.campus_id != profile.campus_id:
            raise DomainError(_("Elige un grupo del plantel del alumno."), field="group")
        if group.career_id is not None and group.career_id != career.pk:
            raise DomainError(
                _("El grupo %(g)s es de la carrera %(c)s.") % {"g": group, "c": group.career},
                field="group",
            )
        if group.semester != semester:
            raise DomainError(
                _("El grupo %(g)s es de %(s)d.º semestre; ajusta el semestre o el grupo.")
                % {"g": group, "s": group.semester},
                field="group",
            )
    new = {"career": career, "group": group, "semester": semester}
    changed = [field for field, value in new.items() if getattr(profile, field) != value]
    for field in changed:
        setattr(profile, field, new[field])
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])


@transaction.atomic
def set_active(*, actor, user: User, is_active: bool) -> User:
    """Activate or deactivate an account; a deactivated one cannot sign in, and its
    API tokens are revoked."""
    ensure_can_manage(actor, user)
    if not is_active and user.pk == actor.pk:
        raise DomainError(_("No puedes desactivar tu propia cuenta."))
    if user.is_active != is_active:
        user.is_active = is_active
        user.save(update_fields=["is_active"])
    if not is_active:
        _revoke_api_tokens(user)
    return user


# --- Passwords ------------------------------------------------------------------------


@transaction.atomic
def send_password_reset(*, actor, user: User, domain: str, use_https: bool = True) -> None:
    """E-mail the person a one-use link to choose a new password (sent after commit)."""
    ensure_can_manage(actor, user)
    if not user.is_active:
        raise DomainError(_("La cuenta está desactivada; actívala antes de enviar el enlace."))
    if not user.email:
        raise DomainError(
            _("La persona no tiene correo electrónico; regístralo o dale una contraseña temporal.")
        )
    _email_password_link(user, welcome=False, domain=domain, use_https=use_https)
    record(actor=actor, instance=user, event="password_reset_sent")


@transaction.atomic
def set_temporary_password(*, actor, user: User) -> str:
    """Give the account a generated password, returned once to show to the admin.
    The person's open sessions and API tokens stop working."""
    ensure_can_manage(actor, user)
    if user.pk == actor.pk:
        raise DomainError(_("Para cambiar tu contraseña usa «Cambiar contraseña» en tu perfil."))
    if not user.is_active:
        raise DomainError(_("La cuenta está desactivada; actívala antes de darle una contraseña."))
    return _set_new_temporary_password(actor, user)


def _set_new_temporary_password(actor, user: User) -> str:
    password = generate_temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])  # revokes API tokens
    record(actor=actor, instance=user, event="temporary_password_set")
    return password


@transaction.atomic
def password_chosen(*, user: User) -> None:
    """The person set a password of their own: the temporary one no longer binds."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


def generate_temporary_password() -> str:
    while True:
        password = "".join(
            secrets.choice(_PASSWORD_ALPHABET) for _ in range(TEMPORARY_PASSWORD_LENGTH)
        )
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def _revoke_api_tokens(user: User) -> None:
    get_token_model().objects.filter(user=user).delete()


def revoke_tokens_on_password_change(sender, instance: User, raw=False, update_fields=None, **kw):
    """pre_save of User (connected in apps.py): a new password revokes every API token
    of the account, whichever path changed it (own change, reset link, temporary
    password, Django admin, `changepassword`), as Django ends its other sessions."""
    if (
        raw
        or instance.pk is None
        or (update_fields is not None and "password" not in update_fields)
    ):
        return
    stored = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        _revoke_api_tokens(instance)


def _email_password_link(user: User, *, welcome: bool, domain: str, use_https: bool) -> None:
    transaction.on_commit(
        partial(
            send_password_link_now,
            user_id=user.pk,
            welcome=welcome,
            domain=domain,
            use_https=use_https,
        )
    )


def send_password_link_now(*, user_id: int, welcome: bool, domain: str, use_https: bool) -> None:
    """Send the link with Django's password-reset machinery (token generator, e-mail
    rendering). Built here rather than through PasswordResetForm.save(), which skips
    accounts without a usable password: exactly the new ones."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return
    prefix = "accounts/people/email/welcome" if welcome else "accounts/email/password_reset"
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    try:
        with translation.override(user.preferred_language):
            PasswordResetForm().send_mail(
                f"{prefix}_subject.txt", f"{prefix}.txt", context, None, user.email
            )
    except (OSError, smtplib.SMTPException) as exc:
        # The account change is committed; the admin can send the link again.
        logger.warning(
            "password_link_not_sent user_id=%s error=%s", user.pk, exc.__class__.__name__
        )


# --- Roles ----------------------------------------------------------------------------


@transaction.atomic
def grant_role(*, actor, user: User, institution: Institution, role: str) -> Membership:
    """Give a person a role; org's grant rule decides who may grant what where."""
    access.ensure(actor, Capability.MANAGE_PEOPLE, institution)
    _ensure_grantable_role(role)
    access.ensure_can_grant(actor, role, institution)
    if not selectors.people(actor).filter(pk=user.pk).exists():
        raise AccessDenied(_("No puedes asignar roles a esta persona."))
    if role == Role.STUDENT:
        profile = getattr(user, "student_profile", None)
        if profile is None:
            raise DomainError(
                _("Solo las personas con matrícula (importadas como alumnos) pueden ser alumnos."),
                field="role",
            )
        if profile.campus_id != institution.pk:
            raise DomainError(
                _("El rol de alumno va en su plantel: %(c)s.") % {"c": profile.campus},
                field="institution",
            )
    return org_services.grant_membership(actor=actor, user=user, institution=institution, role=role)


@transaction.atomic
def revoke_role(*, actor, membership: Membership) -> None:
    """Take a role away. The last role cannot go: a person without roles is out of
    everyone's reach, so deactivate the account instead."""
    access.ensure_can_grant(actor, membership.role, membership.institution)
    others = Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk)
    if membership.user_id != actor.pk and not others.exists():
        raise DomainError(
            _(
                "Es el único rol de esta persona. Si ya no debe entrar, desactiva su cuenta; "
                "si cambia de plantel, asígnale primero el rol nuevo."
            )
        )
    org_services.revoke_membership(actor=actor, membership=membership)
