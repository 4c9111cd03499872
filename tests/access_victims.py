"""Victims for the access walk: everything a campus can own, built through the services,
then marked so that a leak is found without a list of names.

Every row created while a victim campus is built (by any app, now or later) gets a
token unique to that campus appended to its free-text fields, and every file stored
for it carries the token in its bytes. Any response that contains the token shows
the victim's data, whichever model or page it came from.
"""

import secrets
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models

from impulsa.accounts.models import ImportJob
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.learning.models import Attachment, PublishedActivity, Unit
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from impulsa.proctoring.scheduling.services import grant_accommodation
from impulsa.proctoring.taking import services as exam_services
from tests import quiz_steps
from tests.dual.builders import build_dual
from tests.dual.builders import ids_of as dual_ids
from tests.exam_builders import build_exam, client
from tests.factories import (
    CareerFactory,
    GroupFactory,
    MembershipFactory,
    StudentProfileFactory,
    UserFactory,
    make_curp,
)
from tests.helpdesk.builders import build_helpdesk
from tests.helpdesk.builders import ids_of as helpdesk_ids
from tests.learning_builders import build_essay_course
from tests.ops.privacy import builders as privacy_builders

# Fields that hold identifiers or machine values: a token there breaks the data
# instead of marking it.
_STRUCTURAL = ("key", "path", "code", "_id", "_pk", "password", "format", "status", "network")
_HARMLESS_VALIDATORS = (MaxLengthValidator, ProhibitNullCharactersValidator)


@dataclass
class Victim:
    campus: object
    token: str
    ids: dict[str, int | str]  # URL keyword -> one of this campus's objects
    rows: dict[type, set] = field(default_factory=dict)  # model -> pks built for it

    def owns(self, model, pk) -> bool:
        return pk in self.rows.get(model, ())


def _project_models():
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("impulsa.") or m._meta.app_label == "auditlog"
    ]


def _pks() -> dict[type, set]:
    return {m: set(m._base_manager.values_list("pk", flat=True)) for m in _project_models()}


def _markable(f) -> bool:
    return (
        isinstance(f, models.CharField | models.TextField)
        and f.editable
        and not f.primary_key
        and not f.unique
        and not f.choices
        and (f.max_length is None or f.max_length >= 40)
        and not any(part in f.name for part in _STRUCTURAL)
        and all(isinstance(v, _HARMLESS_VALIDATORS) for v in f.validators)
    )


def _mark(rows: dict[type, set], token: str) -> None:
    for model, pks in rows.items():
        fields = [f for f in model._meta.concrete_fields if _markable(f)]
        if not fields or not pks:
            continue
        for obj in model._base_manager.filter(pk__in=pks):
            changes = {}
            for f in fields:
                value = getattr(obj, f.attname)
                if not isinstance(value, str):
                    continue
                room = (f.max_length or 10_000) - len(token) - 1
                changes[f.attname] = f"{value[:room]} {token}".strip()
            # update() skips signals and auditing: marking is not a change to audit.
            model._base_manager.filter(pk=obj.pk).update(**changes)


def _person(username, campus, role, seed=None):
    user = UserFactory(username=username, curp=make_curp(seed) if seed else "")
    MembershipFactory(user=user, institution=campus, role=role)
    return user


def build_victim(world, campus, admin, *, label: str, seed: int) -> Victim:
    """A campus's own people, structure, course, enrollment, answers, files and import
    job, all created by its own staff."""
    token = f"zq{label}{secrets.token_hex(5)}"
    before = _pks()
    career = CareerFactory(campus=campus, code=f"V{seed}", name=f"Carrera {label}")
    group = GroupFactory(campus=campus, period=world.group_a1.period, career=career, name="V1")
    student = _person(f"victima{seed}", campus, Role.STUDENT, seed=seed)
    StudentProfileFactory(
        user=student, campus=campus, career=career, group=group, matricula=f"99{seed}"
    )
    designer = _person(f"disenador{seed}", campus, Role.CONTENT_DESIGNER)
    exam = build_exam(
        designer, institution=campus, staff=admin, student=student, campus=campus,
        built=build_essay_course(
            designer, institution=campus, name=f"Curso {label}", publish=False
        ),
    )  # fmt: skip
    built = exam.built
    enrollment = exam.enrollment
    attempt = exam_services.start_attempt(actor=student, session=exam.session, client=client())
    exam_services.save_answer(
        actor=student, attempt_id=attempt.pk, item_version_id=exam.fixed[0], response=0,
        client=client(),
    )  # fmt: skip
    grant_accommodation(
        actor=admin, session=exam.session, student=student, extra_minutes=10,
        reason=f"Ajuste {label}",
    )  # fmt: skip
    quiz = PublishedActivity.objects.get(version=enrollment.version, key=built.quiz.key)
    version = ItemVersion.objects.filter(pk__in=quiz.frozen["item_versions"], type="numeric").get()
    quiz_steps.answer(student, enrollment, quiz.key, version, "12")
    essay = quiz_steps.answer(
        student, enrollment, quiz.key, built.items["essay"].current,
        "Una fracción es una parte de un entero.",
    )  # fmt: skip
    attachment = Attachment(activity=built.content, title=f"Guía {label}")
    attachment.file.save("guia.pdf", ContentFile(b"%PDF-1.4\n% " + token.encode()), save=True)
    job = ImportJob.objects.create(
        institution=campus, created_by=admin, original_name=f"alumnos_{label}.csv"
    )
    job.file.save("alumnos.csv", ContentFile(f"matricula\n{token}\n".encode()), save=True)
    # Its dual picture: a company (the second company for any other campus's instructor)
    # with its agreements, position, plan, placement, logbook, visit and incident.
    dual = build_dual(admin, campus, student, career, built.skills, label=label, seed=seed)
    helpdesk = build_helpdesk(campus, student, admin=admin, label=label)
    # An ARCO request of its student, granted access (so its data download is open too).
    arco_request = privacy_builders.granted_request(admin, student, "access")
    after = _pks()
    rows = {m: after[m] - before.get(m, set()) for m in after}
    rows[type(campus)].add(campus.pk)  # its name and details are the campus's own too
    _mark(rows, token)
    # An open answer's text (JSON, so not marked above) is the student's own words.
    Answer.objects.filter(pk=essay.pk).update(response=f"Mi respuesta {token}")
    ids = {
        "course_id": built.course.pk,
        "unit_id": Unit.objects.get(course=built.course).pk,
        "lesson_id": built.lessons[0].pk,
        "activity_id": exam.activity.pk,
        "session_id": exam.session.pk,
        "attempt_id": attempt.pk,
        "draw_id": exam.activity.pool_draws.get().pk,
        "action": "anular",
        "activity_key": built.quiz.key,
        "skill_id": built.skills[0].pk,
        "item_id": built.items["single_choice"].pk,
        "item_version_id": version.pk,
        "variant_id": built.content.variants.get().pk,
        "attachment_id": attachment.pk,
        "enrollment_id": enrollment.pk,
        "institution_id": campus.pk,
        "career_id": career.pk,
        "group_id": group.pk,
        "user_id": student.pk,
        "membership_id": Membership.objects.get(user=student).pk,
        "job_id": job.pk,
        "entry_id": _audit_entry(rows),
        **dual_ids(dual),
        **helpdesk_ids(helpdesk),
        "answer_id": essay.pk,
        "request_id": arco_request.pk,
    }
    return Victim(campus=campus, token=token, ids=ids, rows=rows)


def _audit_entry(rows) -> int:
    entry_model = apps.get_model("audit", "AuditEntry")
    entries = rows.get(entry_model)
    assert entries, "building a campus should leave audit entries filed under it"
    return min(entries)


def id_fields(victim: Victim) -> dict[str, str]:
    """The victim's ids under every name a form, filter or serializer might read."""
    named = {k: str(v) for k, v in victim.ids.items()}
    bare = {k.removesuffix("_id"): v for k, v in named.items() if k.endswith("_id")}
    return {
        **named,
        **bare,
        "campus": named["institution_id"],
        "student": named["user_id"],
        # The grading queue's filters, by their Spanish names (when the victim has them).
        **{
            es: named[en]
            for es, en in (("grupo", "group_id"), ("actividad", "activity_key"))
            if en in named
        },
    }


def changed_or_linked(victim: Victim, before: dict[type, set], snapshot_before) -> list[str]:
    """What a refused request did to the victim: its rows changed or deleted, or new
    rows pointing at them."""
    problems = []
    if victim_snapshot(victim) != snapshot_before:
        problems.append("the victim's rows changed")
    for model, pks in _pks().items():
        new = pks - before.get(model, set())
        if not new:
            continue
        fks = [f for f in model._meta.concrete_fields if f.is_relation]
        for row in model._base_manager.filter(pk__in=new).values("pk", *[f.attname for f in fks]):
            for f in fks:
                if victim.owns(f.related_model, row[f.attname]):
                    problems.append(f"new {model.__name__} {row['pk']} points at the victim")
    return problems


def victim_snapshot(victim: Victim):
    return {
        model: list(model._base_manager.filter(pk__in=pks).order_by("pk").values())
        for model, pks in victim.rows.items()
        if pks and model._meta.app_label != "auditlog" and model.__name__ != "AuditEntry"
    }


def all_pks() -> dict[type, set]:
    return _pks()
