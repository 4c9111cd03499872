from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "impulsa.assessment"
    label = "assessment"
    verbose_name = _("Evaluación")

    def ready(self):
        from auditlog.registry import auditlog

        from impulsa.assessment.answering.activity_kinds import PracticeKind
        from impulsa.assessment.demo import courses as demo_courses
        from impulsa.assessment.grading import audit as grading_audit
        from impulsa.assessment.grading.selectors import can_grade
        from impulsa.assessment.models import Answer
        from impulsa.core.demo import DemoStep
        from impulsa.core.demo import register as register_demo
        from impulsa.core.navigation import NavEntry, register
        from impulsa.learning.api import register_activity_kind
        from impulsa.org.api import Capability, has_capability

        register_activity_kind(PracticeKind())
        register_demo(DemoStep(order=30, name="courses", run=demo_courses.seed))
        auditlog.register(Answer, include_fields=grading_audit.AUDITED_FIELDS)
        grading_audit.connect()
        register(
            NavEntry(
                key="itembank",
                label=_("Banco de reactivos"),
                url_name="itembank:course_list",
                description=_("Preguntas de cada curso; importa y exporta GIFT y Moodle XML."),
                visible=has_capability(Capability.AUTHOR_CONTENT),
                order=36,
            ),
            NavEntry(
                key="grading",
                label=_("Calificar"),
                url_name="grading:queue",
                description=_("Respuestas abiertas de tus alumnos que esperan calificación."),
                visible=can_grade,
                order=31,
            ),
        )
