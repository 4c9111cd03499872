"""Passwords: reset links, temporary passwords, and API tokens revoked when the
password changes. Password events change no audited field, so they are recorded
explicitly."""

import logging
import secrets
import smtplib
from functools import partial

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from knox.models import get_token_model

from impulsa.accounts.models import User
from impulsa.accounts.services.management import ensure_can_manage
from impulsa.audit.api import record
from impulsa.core.errors import DomainError

logger = logging.getLogger(__name__)

# No look-alike characters (0/O, 1/l/I): the admin reads it out or writes it down.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
TEMPORARY_PASSWORD_LENGTH = 14


class PasswordMode:
    EMAIL = "email"  # a one-use link to choose a password is e-mailed
    TEMPORARY = "temporary"  # a generated password is shown once to the admin

    ALL = (EMAIL, TEMPORARY)


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
    email_password_link(user, welcome=False, domain=domain, use_https=use_https)
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
    return set_new_temporary_password(actor, user)


def set_new_temporary_password(actor, user: User) -> str:
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


def revoke_api_tokens(user: User) -> None:
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
        revoke_api_tokens(instance)


def email_password_link(user: User, *, welcome: bool, domain: str, use_https: bool) -> None:
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
