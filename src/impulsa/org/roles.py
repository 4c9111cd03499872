"""Roles a Membership can hold, and what each role is allowed to do.

The table below is the policy; org/access.py applies it to the institution tree.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NATIONAL = "national", _("Oficina nacional")
    STATE = "state", _("Colegio estatal")
    CAMPUS = "campus", _("Plantel")


class Role(models.TextChoices):
    STUDENT = "student", _("Alumno")
    TEACHER = "teacher", _("Docente")
    DUAL_TUTOR = "dual_tutor", _("Tutor dual")
    COMPANY_INSTRUCTOR = "company_instructor", _("Instructor de empresa")
    CONTENT_DESIGNER = "content_designer", _("Diseñador de contenidos")
    PROCTOR = "proctor", _("Supervisor de exámenes")
    SUPPORT_AGENT = "support_agent", _("Agente de soporte")
    CAMPUS_ADMIN = "campus_admin", _("Administrador de plantel")
    STATE_ADMIN = "state_admin", _("Administrador estatal")
    NATIONAL_ADMIN = "national_admin", _("Administrador nacional")
    DIRECTOR = "director", _("Directivo")
    EXTERNAL = "external", _("Externo")


class Capability(StrEnum):
    VIEW_STRUCTURE = "view_structure"  # institutions, careers, periods, groups
    VIEW_PEOPLE = "view_people"  # user lists and profiles
    VIEW_PERSONAL_DATA = "view_personal_data"  # decrypted CURP, birth date, phone, address
    VIEW_AUDIT = "view_audit"
    MANAGE_STRUCTURE = "manage_structure"
    MANAGE_PEOPLE = "manage_people"  # users, memberships, imports
    AUTHOR_CONTENT = "author_content"  # courses, lessons, item bank, publishing
    MANAGE_ENROLLMENT = "manage_enrollment"  # enroll students in courses
    VIEW_LEARNING = "view_learning"  # students' enrollments and progress
    SCHEDULE_EXAMS = "schedule_exams"  # exam sessions and accommodations
    PROCTOR_EXAMS = "proctor_exams"  # watch sessions live, add time, invalidate
    GRADE_ANSWERS = "grade_answers"  # the grading queue: open answers of their students
    VIEW_DUAL = "view_dual"  # companies, placements, logbooks, visits, incidents, dashboards
    MANAGE_DUAL = "manage_dual"  # approve companies, agreements, positions, placements
    OPERATE_PLATFORM = "operate_platform"  # backups, queues, metrics (national admins only)
    HANDLE_TICKETS = "handle_tickets"  # help-desk tickets: read, answer, assign, close
    MANAGE_PRIVACY = "manage_privacy"  # ARCO requests, blocking, the data-sharing register


# Running the platform (ops) is national: a state or campus admin sees no backups.
_ADMIN = frozenset(Capability) - {Capability.OPERATE_PLATFORM}
_STAFF_READER = frozenset(
    {Capability.VIEW_STRUCTURE, Capability.VIEW_PEOPLE, Capability.VIEW_LEARNING}
)

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.NATIONAL_ADMIN: _ADMIN | {Capability.OPERATE_PLATFORM},
    Role.STATE_ADMIN: _ADMIN,
    Role.CAMPUS_ADMIN: _ADMIN,
    # Read-only at its node: sees what admins see, except decrypted personal data.
    Role.DIRECTOR: frozenset(
        {
            Capability.VIEW_STRUCTURE,
            Capability.VIEW_PEOPLE,
            Capability.VIEW_AUDIT,
            Capability.VIEW_LEARNING,
            Capability.VIEW_DUAL,
        }
    ),
    # Teachers enroll their students in remedial and leveling courses.
    Role.TEACHER: _STAFF_READER
    | {
        Capability.MANAGE_ENROLLMENT,
        Capability.SCHEDULE_EXAMS,
        Capability.PROCTOR_EXAMS,
        Capability.GRADE_ANSWERS,
    },
    Role.DUAL_TUTOR: _STAFF_READER,
    Role.SUPPORT_AGENT: _STAFF_READER | {Capability.HANDLE_TICKETS},
    Role.CONTENT_DESIGNER: frozenset({Capability.VIEW_STRUCTURE, Capability.AUTHOR_CONTENT}),
    Role.PROCTOR: frozenset({Capability.VIEW_STRUCTURE, Capability.PROCTOR_EXAMS}),
    Role.STUDENT: frozenset(),
    Role.COMPANY_INSTRUCTOR: frozenset(),
    Role.EXTERNAL: frozenset(),
}

# Admin ranks: a grantor may only grant roles up to its own rank.
ADMIN_RANK: dict[str, int] = {
    Role.CAMPUS_ADMIN: 1,
    Role.STATE_ADMIN: 2,
    Role.NATIONAL_ADMIN: 3,
}

ALL_KINDS = frozenset(Kind)
# Where in the tree each role may be held.
ROLE_KINDS: dict[str, frozenset[str]] = {
    Role.NATIONAL_ADMIN: frozenset({Kind.NATIONAL}),
    Role.STATE_ADMIN: frozenset({Kind.STATE}),
    Role.CAMPUS_ADMIN: frozenset({Kind.CAMPUS}),
    Role.STUDENT: frozenset({Kind.CAMPUS}),
    Role.TEACHER: frozenset({Kind.CAMPUS}),
    Role.DUAL_TUTOR: frozenset({Kind.CAMPUS}),
    Role.COMPANY_INSTRUCTOR: frozenset({Kind.CAMPUS}),
    Role.PROCTOR: frozenset({Kind.STATE, Kind.CAMPUS}),
    Role.DIRECTOR: ALL_KINDS,
    Role.CONTENT_DESIGNER: ALL_KINDS,
    Role.SUPPORT_AGENT: ALL_KINDS,
    Role.EXTERNAL: ALL_KINDS,
}

# Roles that must confirm a TOTP code at every log-in: those who manage people, and
# directors, who read the people and audit log of a whole campus or state.
TWO_FACTOR_ROLES = frozenset({*ADMIN_RANK, Role.DIRECTOR})
