"""Quizzes are taken as attempts now: every quiz try already answered gets its
Attempt row, so the next try is numbered after it and «Calificaciones» shows it.

A finished try (counted in the progress row's `attempts`, one per completion) is
submitted with the score its answers earned over the quiz's items, as it was graded
then; answers of a try after those is the try still open."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

QUIZ = "quiz"


def _items(published, version_id, key):
    """The quiz's items as the student's version published them (else the newest)."""
    return published.get((version_id, key)) or published.get((None, key), [])


def forward(apps, schema_editor):
    PublishedActivity = apps.get_model("learning", "PublishedActivity")
    Enrollment = apps.get_model("learning", "Enrollment")
    ActivityProgress = apps.get_model("learning", "ActivityProgress")
    Answer = apps.get_model("assessment", "Answer")
    Attempt = apps.get_model("proctoring", "Attempt")
    published = {}
    for row in PublishedActivity.objects.filter(kind=QUIZ).order_by("version_id"):
        items = list(row.frozen.get("item_versions", []))
        published[(row.version_id, row.key)] = items
        published[(None, row.key)] = items  # newest version last wins
    keys = {key for _version, key in published}
    if not keys:
        return
    answers = defaultdict(lambda: defaultdict(list))
    for a in Answer.objects.filter(activity_key__in=keys).iterator():
        answers[(a.enrollment_id, a.activity_key)][a.attempt].append(a)
    finished = {
        (p.enrollment_id, p.activity_key): p
        for p in ActivityProgress.objects.filter(activity_key__in=keys, attempts__gt=0)
    }
    pairs = set(answers) | set(finished)
    enrollments = Enrollment.objects.in_bulk({e for e, _k in pairs})
    rows = []
    for enrollment_id, key in sorted(pairs):
        enrollment = enrollments[enrollment_id]
        items = _items(published, enrollment.version_id, key)
        progress = finished.get((enrollment_id, key))
        done = progress.attempts if progress else 0
        tries = answers.get((enrollment_id, key), {})
        for number in range(1, max([done, *tries]) + 1):
            rows.append(_attempt(Attempt, enrollment, key, number, items, tries.get(number, []),
                                 number <= done, progress))  # fmt: skip
    Attempt.objects.bulk_create(rows)


def _attempt(Attempt, enrollment, key, number, items, answered, closed, progress):
    moments = [a.updated_at for a in answered] or [progress.updated_at]
    attempt = Attempt(
        enrollment_id=enrollment.pk, campus_id=enrollment.campus_id, activity_key=key,
        number=number, state="submitted" if closed else "in_progress",
        form={"items": items, "seed": ""}, started_at=min(moments), last_seen_at=max(moments),
    )  # fmt: skip
    if closed:
        credit = sum((a.fraction for a in answered if a.response is not None), Decimal(0))
        score = (credit / len(items) if items else Decimal(0)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
        attempt.score = score
        attempt.grade = (score * 10).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        attempt.passed = attempt.grade >= 6
        attempt.submitted_at = max(moments)
    return attempt


class Migration(migrations.Migration):
    dependencies = [
        ("proctoring", "0002_integrity_events"),
        ("learning", "0006_activity_kinds_registered"),
        ("assessment", "0003_answer_grading"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
