"""Withdrawing a person's identifying data, for the privacy app's blocking (LGPDPPSO
Art. 3 fr. III: blocked data is kept only to settle responsibilities and may not be
processed). The person's row stays, so their enrollments, answers, attempts and
placements keep counting in every figure; what identified them is handed back to the
caller, which keeps it sealed until the blocking period ends.

Written with update(), not save(): django-auditlog would otherwise copy the names and
e-mail into the audit log's diff, the very place they must leave. One explicit audit
entry (without personal data) records the withdrawal instead.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.accounts.models import StudentProfile, User
from impulsa.accounts.services.passwords import revoke_api_tokens
from impulsa.audit.api import record
from impulsa.org.api import Capability, Institution, ensure, primary_institution_id

WITHDRAWN = ("username", "email", "first_name", "last_name", "second_last_name", "curp", "phone",
             "address")  # fmt: skip


@transaction.atomic
def withdraw_personal_data(*, actor, user: User) -> dict[str, str]:
    """Replace `user`'s identifying data with a pseudonym, close the account and return
    what was removed. `actor` None is the retention task (no person acts)."""
    if actor is not None:
        campus_id = primary_institution_id(user)
        ensure(actor, Capability.MANAGE_PEOPLE, Institution.objects.get(pk=campus_id))
    user = User.objects.select_for_update().get(pk=user.pk)
    sealed = {name: str(getattr(user, name) or "") for name in WITHDRAWN}
    sealed["birth_date"] = user.birth_date.isoformat() if user.birth_date else ""
    profile = StudentProfile.objects.filter(user=user).first()
    if profile is not None:
        sealed["matricula"] = profile.matricula
        StudentProfile.objects.filter(user=user).update(matricula=f"ANON{user.pk}")
    User.objects.filter(pk=user.pk).update(
        username=f"anonimo-{user.pk}",
        email="",
        first_name="Persona",
        last_name=f"anónima {user.pk}",
        second_last_name="",
        curp=None,
        curp_hash="",
        birth_date=None,
        phone=None,
        address=None,
        is_active=False,
        password=make_password(None),
    )
    revoke_api_tokens(user)
    TOTPDevice.objects.filter(user=user).delete()
    record(actor=actor, instance=user, event="personal_data_withdrawn")
    return sealed
