"""Writing a validated plan: groups, then new students, then changes to known ones.

Runs inside the caller's transaction. Rows are written in batches (bulk_create, and
one UPDATE ... FROM (VALUES ...) per batch for changes), so 10,000 rows cost a few
dozen statements; no model signals fire for those rows, which is why the import is
audited once, as a whole, by the service. Students moved to another campus are
announced once per batch (signals.students_moved) so that what follows a student,
such as their active enrollments, moves with them.
"""

import secrets
from dataclasses import dataclass

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


def _update_students(
    actor, rows: list[StudentRow], groups: dict[GroupKey, Group], plan: Plan
) -> int:
    """Apply each row to the person it matched; returns how many people changed."""
    now = timezone.now()
    changed_users: list[User] = []
    user_fields: set[str] = set()
    changed_profiles: list[StudentProfile] = []
    profile_fields: set[str] = set()
    new_profiles: list[StudentProfile] = []
    moved: list[tuple[Membership, int]] = []
    new_memberships: list[RoleGrant] = []
    stale_memberships: list[Membership] = []
    campus_moves: list[CampusMove] = []
    updated = 0

    for row in rows:
        user = row.user
        profile = plan.profiles.get(user.pk)
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
            changed_users.append(user)
            user_fields |= differing

        group_id = _group_id(row, groups)
        old_campus_id = profile.campus_id if profile else None
        if profile is None:
            new_profiles.append(
                StudentProfile(
                    user_id=user.pk,
                    campus_id=row.campus.pk,
                    career_id=row.career.pk,
                    group_id=group_id,
                    matricula=row.matricula,
                    semester=row.semester,
                )
            )
            profile_changed = True
        else:
            changed = _assign(
                profile,
                {
                    "campus_id": row.campus.pk,
                    "career_id": row.career.pk,
                    "group_id": group_id,
                    "matricula": row.matricula,
                    "semester": row.semester,
                },
            )
            profile_changed = bool(changed)
            if old_campus_id != row.campus.pk:
                campus_moves.append(CampusMove(user.pk, old_campus_id, row.campus.pk))
            if changed:
                profile.updated_at = now
                changed_profiles.append(profile)
                profile_fields |= changed | {"updated_at"}

        memberships = plan.student_memberships.get(user.pk, {})
        membership_changed = False
        if row.campus.pk not in memberships:
            membership_changed = True
            previous = memberships.get(old_campus_id) if old_campus_id else None
            if previous is not None:
                # A campus change moves the student's membership along with the profile.
                moved.append((previous, row.campus.pk))
            else:
                new_memberships.append(RoleGrant(user.pk, row.campus.pk, Role.STUDENT))
        elif old_campus_id and old_campus_id != row.campus.pk and old_campus_id in memberships:
            membership_changed = True
            stale_memberships.append(memberships[old_campus_id])

        if differing or profile_changed or membership_changed:
            updated += 1

    bulk_set(User, changed_users, user_fields)
    bulk_set(StudentProfile, changed_profiles, profile_fields)
    if new_profiles:
        StudentProfile.objects.bulk_create(new_profiles, batch_size=BATCH)
    if stale_memberships:
        remove_memberships(actor=actor, memberships=stale_memberships)
    if moved:
        move_memberships(actor=actor, moves=moved)
    if new_memberships:
        add_memberships(actor=actor, grants=new_memberships)
    if campus_moves:
        students_moved.send(sender=StudentProfile, moves=campus_moves, actor=actor)
    return updated


def _assign(obj, wanted: dict) -> set[str]:
    """Set the attributes that differ; return their names."""
    differing = {name for name, value in wanted.items() if getattr(obj, name) != value}
    for name in differing:
        setattr(obj, name, wanted[name])
    return differing
