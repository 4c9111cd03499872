"""The one way to grant or take away a role (a Membership), for every app: the
people pages, the API, the demo and, in batches, the student import; and set-up's
first national admin, whom nobody can grant."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import access
from impulsa.org.models import Institution, Membership
from impulsa.org.roles import Capability, Kind, Role


@transaction.atomic
def grant_membership(
    *, actor, user, institution: Institution, role: str, first_role: bool = False
) -> Membership:
    """Give `user` a role at `institution`; org's grant rule decides who may grant what
    where. The person must already hold a role in the actor's reach, unless
    `first_role`: the service that has just opened the account gives its first role
    (a person without roles is in nobody's reach)."""
    if role not in Role.values:
        raise DomainError(_("El rol «%(r)s» no existe.") % {"r": role}, field="role")
    access.ensure_can_grant(actor, role, institution)
    _ensure_person_in_reach(actor, user, first_role=first_role)
    if not institution.is_active:
        raise DomainError(
            _("%(i)s está inactiva: no se pueden asignar roles ahí.") % {"i": institution},
            field="institution",
        )
    if role == Role.STUDENT:
        _ensure_student_at(user, institution)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, institution=institution, role=role, granted_by=actor
            )
    except IntegrityError as exc:
        raise Conflict(_("La persona ya tiene ese rol en esa institución.")) from exc
    access.forget(user)
    return membership


@transaction.atomic
def grant_first_national_admin(*, user, office: Institution) -> Membership:
    """Set-up's first role (no actor can exist yet, as for the national office): a
    national admin at the office, the root of every later grant. Once the office
    has a national admin, roles are granted by people (`grant_membership`)."""
    if office.kind != Kind.NATIONAL:
        raise DomainError(_("La primera administración va en la oficina nacional."))
    # Locking the office makes two concurrent set-ups wait for each other.
    Institution.objects.select_for_update().filter(pk=office.pk).first()
    if Membership.objects.filter(institution=office, role=Role.NATIONAL_ADMIN).exists():
        raise Conflict(_("La oficina nacional ya tiene administración nacional."))
    membership = Membership.objects.create(user=user, institution=office, role=Role.NATIONAL_ADMIN)
    access.forget(user)
    return membership


def _ensure_person_in_reach(actor, user, *, first_role: bool) -> None:
    held = Membership.objects.filter(user=user)
    if first_role:
        reachable = not held.exists()
    else:
        reach = access.institution_ids(actor, Capability.VIEW_PEOPLE)
        reachable = held.filter(institution_id__in=reach).exists()
    if not reachable:
        raise AccessDenied(_("No puedes asignar roles a esta persona."))


def _ensure_student_at(user, campus: Institution) -> None:
    # The student record (accounts' StudentProfile, reached through the user) says
    # which campus a student belongs to; org only reads it.
    profile = getattr(user, "student_profile", None)
    if profile is None:
        raise DomainError(
            _("Solo las personas con matrícula (importadas como alumnos) pueden ser alumnos."),
            field="role",
        )
    if profile.campus_id != campus.pk:
        raise DomainError(
            _("El rol de alumno va en su plantel: %(c)s.") % {"c": profile.campus},
            field="institution",
        )


@transaction.atomic
def revoke_membership(*, actor, membership: Membership) -> None:
    """Take a role away. Nobody takes their own, and the last one cannot go: a person
    without roles is out of everyone's reach, so deactivate the account instead."""
    access.ensure_can_grant(actor, membership.role, membership.institution)
    if membership.user_id == actor.pk:
        raise DomainError(_("No puedes retirarte tus propios roles; pídeselo a otra persona."))
    if not Membership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk).exists():
        raise DomainError(
            _(
                "Es el único rol de esta persona. Si ya no debe entrar, desactiva su cuenta; "
                "si cambia de plantel, asígnale primero el rol nuevo."
            )
        )
    membership.delete()
    access.forget(membership.user)
