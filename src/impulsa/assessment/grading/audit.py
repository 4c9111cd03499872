"""What the audit log keeps of answers: changes to their grades only.

django-auditlog tracks these fields of Answer (apps.py registers them). A student's
saves go through raw SQL (answering/services.py) and are learning events, not grade
changes; the one ORM insert of an answer (a practice's first hint) is not a grade
either, so inserts are not logged: every entry is a grade that changed.
"""

from auditlog.signals import pre_log

AUDITED_FIELDS = ["fraction", "grading_state", "rubric_scores", "grader_comment", "graded_by"]


def _grade_changes_only(sender, instance, action, **kwargs):
    from impulsa.audit.api import AuditEntry

    return action != AuditEntry.Action.CREATE


def connect() -> None:
    from impulsa.assessment.models import Answer

    pre_log.connect(_grade_changes_only, sender=Answer, dispatch_uid="assessment.answer_grades")
