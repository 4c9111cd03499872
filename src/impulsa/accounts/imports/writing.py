"""Writing a validated plan: groups, then new students, then changes to known ones.

Runs inside the caller's transaction. Rows are written in batches (bulk_create, and
one UPDATE ... FROM (VALUES ...) per batch for changes), so 10,000 rows cost a few
dozen statements; no model signals fire for those rows, which is why the import is
audited once, as a whole, by the service. Students moved to another campus are
announced once per batch (signals.students_moved) so that what follows a student,
such as their active enrollments, moves with them.
"""

import secrets
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from impulsa.accounts.imports.progress import Reporter
from impulsa.accounts.imports.validation import GroupKey, Plan, StudentRow, target_username
from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.accounts.signals import CampusMove, students_moved
from impulsa.core.bulk import BATCH, bulk_set
from impulsa.org.api import (
    Group,
    Membership,
    Role,
    RoleGrant,
    add_memberships,
    create_group,
    move_memberships,
    remove_memberships,
)


@dataclass(frozen=True)
class Counts:
    created: int
    updated: int
    unchanged: int


def write(*, actor, plan: Plan, reporter: Reporter | None = None) -> Counts:
    groups = _create_groups(actor, plan)
    writer = _Progress(reporter, len(plan.rows))
    new_rows = [row for row in plan.rows if row.user is None]
    known_rows = [row for row in plan.rows if row.user is not None]
    for batch in _batches(new_rows):
        _create_students(actor, batch, groups)
        writer.advance(len(batch))
    updated = 0
    for batch in _batches(known_rows):
        updated += _update_students(actor, batch, groups, plan)
        writer.advance(len(batch))
    return Counts(created=len(new_rows), updated=updated, unchanged=len(known_rows) - updated)


class _Progress:
    def __init__(self, reporter: Reporter | None, total: int):
        self.reporter = reporter
        self.done = 0
        if reporter:
            reporter.start(ImportJob.Status.IMPORTING)

    def advance(self, rows: int) -> None:
        self.done += rows
        if self.reporter:
            self.reporter.step(ImportJob.Status.IMPORTING, self.done)


def _batches(rows: list[StudentRow]):
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _create_groups(actor, plan: Plan) -> dict[GroupKey, Group]:
    """Groups missing in the current period, created through org's service (audited
    there, one entry per group)."""
    groups = dict(plan.groups)
    for key, planned in plan.new_groups.items():
        groups[key] = create_group(
            actor=actor,
            campus=planned.campus,
            period=plan.period,
            name=planned.name,
            semester=planned.semester,
            career=planned.career,
        )
    return groups


def _group_id(row: StudentRow, groups: dict[GroupKey, Group]) -> int:
    return groups[GroupKey(row.campus.pk, row.group_name)].pk


def _create_students(actor, rows: list[StudentRow], groups: dict[GroupKey, Group]) -> None:
    users = [
        User(
            username=row.matricula,
            first_name=row.first_name,
            last_name=row.last_name,
            second_last_name=row.second_last_name or "",
            email=row.email or "",
            # Encrypted by the model fields; curp_hash is computed on insert (pre_save).
            curp=row.curp.value,
            birth_date=row.curp.birth_date,
            # Unusable, as make_password(None) makes it: students set theirs through the
            # reset e-mail or an admin. (token_urlsafe is ~10x faster for 10,000 users.)
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
        )
        for row in rows
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    StudentProfile.objects.bulk_create(
        [
            StudentProfile(
                user_id=user.pk,
                campus_id=row.campus.pk,
                career_id=row.career.pk,
                group_id=_group_id(row, groups),
                matricula=row.matricula,
                semester=row.semester,
            )
            for user, row in zip(users, rows, strict=True)
        ],
        batch_size=BATCH,
    )
    add_memberships(
        actor=actor,
        grants=[
            RoleGrant(user.pk, row.campus.pk, Role.STUDENT)
            for user, row in zip(users, rows, strict=True)
        ],
    )


@dataclass
class _Changes:
    """What a batch of known students changes, written at the end in a few statements."""

    users: list[User] = field(default_factory=list)
    user_fields: set[str] = field(default_factory=set)
    profiles: list[StudentProfile] = field(default_factory=list)
    profile_fields: set[str] = field(default_factory=set)
    new_profiles: list[StudentProfile] = field(default_factory=list)
    moved: list[tuple[Membership, int]] = field(default_factory=list)
    new_memberships: list[RoleGrant] = field(default_factory=list)
    stale_memberships: list[Membership] = field(default_factory=list)
    campus_moves: list[CampusMove] = field(default_factory=list)


def _update_students(
    actor, rows: list[StudentRow], groups: dict[GroupKey, Group], plan: Plan
) -> int:
    """Apply each row to the person it matched; returns how many people changed."""
    changes = _Changes()
    now = timezone.now()
    updated = 0
    for row in rows:
        profile = plan.profiles.get(row.user.pk)
        old_campus_id = profile.campus_id if profile else None
        user_changed = _update_user(row, profile, changes)
        profile_changed = _update_profile(row, profile, _group_id(row, groups), now, changes)
        membership_changed = _update_membership(row, old_campus_id, plan, changes)
        if user_changed or profile_changed or membership_changed:
            updated += 1
    _write_changes(actor, changes)
    return updated


def _update_user(row: StudentRow, profile: StudentProfile | None, changes: _Changes) -> bool:
    user = row.user
    wanted = {
        "username": target_username(row, user, profile),
        "first_name": row.first_name,
        "last_name": row.last_name,
        "birth_date": row.curp.birth_date,
    }
    if row.second_last_name is not None:
        wanted["second_last_name"] = row.second_last_name
    if row.email is not None:
        wanted["email"] = row.email
    differing = _assign(user, wanted)
    if differing:
        changes.users.append(user)
        changes.user_fields |= differing
    return bool(differing)


def _update_profile(
    row: StudentRow, profile: StudentProfile | None, group_id: int, now, changes: _Changes
) -> bool:
    wanted = {
        "campus_id": row.campus.pk,
        "career_id": row.career.pk,
        "group_id": group_id,
        "matricula": row.matricula,
        "semester": row.semester,
    }
    if profile is None:
        changes.new_profiles.append(StudentProfile(user_id=row.user.pk, **wanted))
        return True
    if profile.campus_id != row.campus.pk:
        changes.campus_moves.append(CampusMove(row.user.pk, profile.campus_id, row.campus.pk))
    changed = _assign(profile, wanted)
    if changed:
        profile.updated_at = now
        changes.profiles.append(profile)
        changes.profile_fields |= changed | {"updated_at"}
    return bool(changed)


def _update_membership(row: StudentRow, old_campus_id, plan: Plan, changes: _Changes) -> bool:
    """The student role follows the student to their campus."""
    memberships = plan.student_memberships.get(row.user.pk, {})
    if row.campus.pk not in memberships:
        previous = memberships.get(old_campus_id) if old_campus_id else None
        if previous is not None:
            # A campus change moves the student's membership along with the profile.
            changes.moved.append((previous, row.campus.pk))
        else:
            changes.new_memberships.append(RoleGrant(row.user.pk, row.campus.pk, Role.STUDENT))
        return True
    if old_campus_id and old_campus_id != row.campus.pk and old_campus_id in memberships:
        changes.stale_memberships.append(memberships[old_campus_id])
        return True
    return False


def _write_changes(actor, changes: _Changes) -> None:
    bulk_set(User, changes.users, changes.user_fields)
    bulk_set(StudentProfile, changes.profiles, changes.profile_fields)
    if changes.new_profiles:
        StudentProfile.objects.bulk_create(changes.new_profiles, batch_size=BATCH)
    if changes.stale_memberships:
        remove_memberships(actor=actor, memberships=changes.stale_memberships)
    if changes.moved:
        move_memberships(actor=actor, moves=changes.moved)
    if changes.new_memberships:
        add_memberships(actor=actor, grants=changes.new_memberships)
    if changes.campus_moves:
        students_moved.send(sender=StudentProfile, moves=changes.campus_moves, actor=actor)


def _assign(obj, wanted: dict) -> set[str]:
    """Set the attributes that differ; return their names."""
    differing = {name for name, value in wanted.items() if getattr(obj, name) != value}
    for name in differing:
        setattr(obj, name, wanted[name])
    return differing
