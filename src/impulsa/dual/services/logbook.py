"""The weekly logbook: written by the student (from a phone, with photos and files),
accepted or returned by the company instructor, in bulk; missing weeks are flagged.
Evaluations by the instructor (per station) and the tutor feed the dual record."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.core.uploads import TYPES, check_upload, safe_name
from impulsa.dual.models import (
    Evaluation,
    EvaluatorKind,
    LogbookEntry,
    LogbookFile,
    LogbookStatus,
    Placement,
    PlacementStatus,
)
from impulsa.dual.selectors import roles_on
from impulsa.dual.services.notices import notify

MAX_FILES = 5
MAX_FILE_BYTES = 8 * 1024 * 1024
FILE_TYPES = {
    ext: TYPES[ext] for ext in (".jpg", ".jpeg", ".png", ".webp", ".pdf", ".docx", ".odt")
}


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _hours(raw) -> Decimal:
    try:
        hours = Decimal(str(raw).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise DomainError(
            _("Escribe las horas como número, por ejemplo 32.5."), field="hours"
        ) from None
    if not Decimal("0.5") <= hours <= Decimal("60"):
        raise DomainError(_("Las horas de la semana van de 0.5 a 60."), field="hours")
    return hours.quantize(Decimal("0.1"))


@transaction.atomic
def submit_logbook(
    *, actor, placement: Placement, week_start: datetime.date, activities: str,
    learned: str, hours, files=(),
) -> LogbookEntry:  # fmt: skip
    if "student" not in roles_on(actor, placement):
        raise AccessDenied(_("Solo el alumno escribe su bitácora."))
    if placement.status != PlacementStatus.ACTIVE:
        raise Conflict(_("La bitácora se escribe mientras la colocación está en curso."))
    week = monday(week_start)
    if week > timezone.localdate() or week < monday(placement.starts_on):
        raise DomainError(
            _("Elige una semana de tu estancia, hasta la actual."), field="week_start"
        )
    if not activities.strip():
        raise DomainError(_("Cuenta qué hiciste esta semana."), field="activities")
    files = [f for f in files if f]
    if len(files) > MAX_FILES:
        raise DomainError(_("Puedes adjuntar hasta 5 archivos."), field="files")
    checked = [
        (f, check_upload(f, max_bytes=MAX_FILE_BYTES, types=FILE_TYPES, field="files"))
        for f in files
    ]
    hours = _hours(hours)
    entry = LogbookEntry.objects.select_for_update().filter(placement=placement, week_start=week)
    entry = entry.first()
    if entry is not None and entry.status == LogbookStatus.ACCEPTED:
        raise Conflict(_("La bitácora de esa semana ya fue aceptada."))
    if entry is None:
        entry = LogbookEntry(placement=placement, week_start=week)
    entry.activities, entry.learned, entry.hours = activities.strip(), learned.strip(), hours
    entry.status = LogbookStatus.SUBMITTED
    entry.save()
    if entry.files.count() + len(checked) > MAX_FILES:
        raise DomainError(_("Puedes adjuntar hasta 5 archivos."), field="files")
    for upload, file_type in checked:
        row = LogbookFile(entry=entry, name=upload.name[:200])
        row.file.save(safe_name(upload.name, file_type), upload, save=False)
        row.save()
    return entry


@transaction.atomic
def review_logbooks(*, actor, entries, accept: bool, comment: str = "") -> int:
    """Accept or return (with a comment) each submitted entry the actor instructs."""
    if not accept and not comment.strip():
        raise DomainError(_("Escribe un comentario para devolver la bitácora."), field="comment")
    reviewed = 0
    for entry in (
        LogbookEntry.objects.select_for_update(of=("self",))
        .filter(pk__in=[e.pk for e in entries])
        .select_related("placement__campus", "placement__company", "placement__student")
    ):
        if not {"instructor", "staff"} & roles_on(actor, entry.placement):
            raise AccessDenied(_("Solo el instructor de la empresa revisa esta bitácora."))
        if entry.status != LogbookStatus.SUBMITTED:
            continue
        entry.status = LogbookStatus.ACCEPTED if accept else LogbookStatus.RETURNED
        entry.review_comment, entry.reviewed_by = comment.strip(), actor
        entry.reviewed_at = timezone.now()
        entry.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
        text = (
            _("Tu bitácora de la semana del %(d)s fue aceptada.")
            if accept
            else _("Tu bitácora de la semana del %(d)s fue devuelta con comentarios.")
        ) % {"d": entry.week_start.strftime("%d/%m/%Y")}
        notify(
            [entry.placement.student],
            campus=entry.placement.campus,
            text=text,
            link=reverse("dual:logbook_entry", kwargs={"logbook_id": entry.pk}),
        )
        reviewed += 1
    return reviewed


def missing_weeks(placement: Placement, today: datetime.date, written) -> list[datetime.date]:
    """Mondays of finished weeks of the stay with no logbook (`written`: their Mondays)."""
    last_sunday = today - datetime.timedelta(days=today.weekday() + 1)
    week, missing = monday(placement.starts_on), []
    while week + datetime.timedelta(days=6) <= last_sunday and week <= placement.ends_on:
        if week not in written:
            missing.append(week)
        week += datetime.timedelta(weeks=1)
    return missing


def alert_missing_weeks(*, today: datetime.date) -> int:
    sent = 0
    active = Placement.objects.filter(status=PlacementStatus.ACTIVE).select_related(
        "student", "tutor", "campus"
    )
    for placement in active:
        written = set(placement.logbook.values_list("week_start", flat=True))
        missing = missing_weeks(placement, today, written)
        if missing:
            notify(
                [placement.student, placement.tutor],
                campus=placement.campus,
                text=_("Faltan %(n)s bitácoras semanales de %(student)s.")
                % {"n": len(missing), "student": placement.student.get_full_name()},
                link=reverse("dual:placement", kwargs={"placement_id": placement.pk}),
            )
            sent += 1
    return sent


@transaction.atomic
def evaluate(
    *, actor, placement: Placement, score, comments: str = "", achieved=(), station=None
) -> Evaluation:
    roles = roles_on(actor, placement)
    if station is not None:
        if "instructor" not in roles:
            raise AccessDenied(_("La evaluación por estación es del instructor de la empresa."))
        if station.placement_id != placement.pk:
            raise DomainError(_("La estación no es de este plan."), field="station")
        kind, allowed = (
            EvaluatorKind.INSTRUCTOR,
            set(station.position.competencies.values_list("pk", flat=True)),
        )
    else:
        if "tutor" not in roles:
            raise AccessDenied(_("La evaluación general es del tutor dual del alumno."))
        kind, allowed = (
            EvaluatorKind.TUTOR,
            set(placement.stations.values_list("position__competencies", flat=True)),
        )
    try:
        score = Decimal(str(score).replace(",", ".")).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("La calificación es un número de 0 a 10."), field="score") from None
    if not Decimal("0") <= score <= Decimal("10"):
        raise DomainError(_("La calificación es un número de 0 a 10."), field="score")
    achieved = list(achieved)
    if any(skill.pk not in allowed for skill in achieved):
        raise DomainError(
            _("Marca solo competencias que el plan de rotación cubre."), field="achieved"
        )
    evaluation = Evaluation.objects.create(
        placement=placement,
        station=station,
        kind=kind,
        evaluator=actor,
        score=score,
        comments=comments.strip(),
    )
    evaluation.achieved.set(achieved)
    return evaluation
