from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProctoringConfig(AppConfig):
    name = "impulsa.proctoring"
    label = "proctoring"
    verbose_name = _("Exámenes")

    def ready(self):
        from auditlog.registry import auditlog

        from impulsa.assessment.api import on_answers_changed
        from impulsa.core.demo import DemoStep
        from impulsa.core.demo import register as register_demo
        from impulsa.learning.api import register_activity_kind
        from impulsa.proctoring import demo, navigation, regrading
        from impulsa.proctoring.kinds import DiagnosticKind, ExamKind, QuizKind
        from impulsa.proctoring.models import Accommodation, Attempt, ExamSession

        on_answers_changed(regrading.attempts_follow_answers)
        register_activity_kind(ExamKind())
        register_activity_kind(DiagnosticKind())
        register_activity_kind(QuizKind())
        auditlog.register(
            Attempt,
            include_fields=["state", "score", "grade", "deadline", "extra_seconds", "note"],
        )
        auditlog.register(ExamSession)
        auditlog.register(Accommodation)
        navigation.register_entries()
        register_demo(DemoStep(order=40, name="exams", run=demo.seed))
