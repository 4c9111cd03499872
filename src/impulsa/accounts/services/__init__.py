"""Every write to people: staff accounts, personal data, student placement, passwords.
Roles are granted and taken away through org's services (org.api)."""

from impulsa.accounts.services.management import (
    can_manage,
    ensure_can_manage,
    management_refusal,
)
from impulsa.accounts.services.passwords import (
    TEMPORARY_PASSWORD_LENGTH,
    PasswordMode,
    generate_temporary_password,
    password_chosen,
    revoke_tokens_on_password_change,
    send_password_link_now,
    send_password_reset,
    set_temporary_password,
)
from impulsa.accounts.services.people import (
    EDITABLE_FIELDS,
    NewAccount,
    create_staff_user,
    set_active,
    update_person,
)

__all__ = [
    "EDITABLE_FIELDS",
    "TEMPORARY_PASSWORD_LENGTH",
    "NewAccount",
    "PasswordMode",
    "can_manage",
    "create_staff_user",
    "ensure_can_manage",
    "generate_temporary_password",
    "management_refusal",
    "password_chosen",
    "revoke_tokens_on_password_change",
    "send_password_link_now",
    "send_password_reset",
    "set_active",
    "set_temporary_password",
    "update_person",
]
