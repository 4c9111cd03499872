"""Writes to a person's account: staff accounts opened with their first role,
personal data, student placement, activation.

Changes to User, StudentProfile and Membership are recorded by django-auditlog.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impulsa.accounts import selectors
from impulsa.accounts.models import User
from impulsa.accounts.services.cleaning import (
    clean_address,
    clean_curp,
    clean_email,
    clean_language,
    clean_name,
    clean_phone,
    clean_username,
    ensure_grantable_role,
)
from impulsa.accounts.services.management import ensure_can_manage
from impulsa.accounts.services.passwords import (
    PasswordMode,
    email_password_link,
    revoke_api_tokens,
    set_new_temporary_password,
)
from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org.api import (
    Capability,
    Career,
    Group,
    Institution,
    Membership,
    Role,
    ensure,
    ensure_can_grant,
    grant_membership,
)

NAME_FIELDS = ("first_name", "last_name", "second_last_name")
ACCOUNT_FIELDS = frozenset({*NAME_FIELDS, "email", "preferred_language"})
PERSONAL_FIELDS = frozenset({"curp", "phone", "address"})
STUDENT_FIELDS = frozenset({"career", "group", "semester"})
EDITABLE_FIELDS = ACCOUNT_FIELDS | PERSONAL_FIELDS | STUDENT_FIELDS


@dataclass(frozen=True)
class NewAccount:
    user: User
    membership: Membership
    temporary_password: str | None  # shown once, never stored in clear


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
    ensure(actor, Capability.MANAGE_PEOPLE, institution)
    ensure_grantable_role(role)
    ensure_can_grant(actor, role, institution)
    if role == Role.STUDENT:
        raise DomainError(
            _("Los alumnos se dan de alta con su matrícula desde «Importar alumnos»."),
            field="role",
        )
    if password_mode not in PasswordMode.ALL:
        raise DomainError(_("Elige cómo recibirá su contraseña."), field="password_mode")
    user = User(
        username=clean_username(username),
        first_name=clean_name(first_name, "first_name", required=True),
        last_name=clean_name(last_name, "last_name", required=True),
        second_last_name=clean_name(second_last_name, "second_last_name", required=False),
        email=clean_email(email, required=password_mode == PasswordMode.EMAIL),
    )
    if (curp or "").strip():
        parsed = clean_curp(curp)
        user.curp, user.birth_date = parsed.value, parsed.birth_date
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent request took the username or CURP
        raise Conflict(_("Ya existe una cuenta con ese usuario o esa CURP.")) from exc
    membership = grant_membership(
        actor=actor, user=user, institution=institution, role=role, first_role=True
    )
    # The account's own "create" entry was written before it had a role (so without an
    # institution); this one lands in the campus's audit log.
    record(actor=actor, instance=user, event="account_created", role=role)
    temporary_password = None
    if password_mode == PasswordMode.TEMPORARY:
        temporary_password = set_new_temporary_password(actor, user)
    else:
        email_password_link(user, welcome=True, domain=domain, use_https=use_https)
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
            cleaned[field] = clean_name(changes[field], field, required=field != "second_last_name")
    if "email" in changes:
        cleaned["email"] = clean_email(changes["email"])
    if "preferred_language" in changes:
        cleaned["preferred_language"] = clean_language(changes["preferred_language"])
    if "phone" in changes:
        cleaned["phone"] = clean_phone(changes["phone"]) or None
    if "address" in changes:
        cleaned["address"] = clean_address(changes["address"]) or None
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
    parsed = clean_curp(value, person=user)
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
        revoke_api_tokens(user)
    return user
