from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "impulsa.learning"
    label = "learning"
    verbose_name = _("Aprendizaje")

    def ready(self):
        from auditlog.registry import auditlog

        from impulsa.accounts.api import students_moved
        from impulsa.core.navigation import NavEntry, register
        from impulsa.learning.content import kinds as activity_kinds
        from impulsa.learning.content.pages import ContentKind
        from impulsa.learning.enrollment import receivers
        from impulsa.learning.home import panels as home_panels
        from impulsa.learning.models import Course, Enrollment
        from impulsa.org.api import Capability, Role, grants, has_anywhere, has_capability

        auditlog.register(Course, include_fields=["name", "description", "published"])
        auditlog.register(Enrollment, include_fields=["status", "version", "due_on"])
        activity_kinds.register(ContentKind())
        home_panels.register_panels()
        students_moved.connect(
            receivers.enrollments_follow_students, dispatch_uid="learning.enrollments_follow"
        )

        register(
            NavEntry(
                key="my_courses",
                label=_("Mis cursos"),
                url_name="player:my_courses",
                description=_("Tus cursos: continúa donde te quedaste."),
                visible=lambda user: any(g.role == Role.STUDENT for g in grants(user)),
                order=5,
            ),
            NavEntry(
                key="enrollment",
                label=_("Inscripciones"),
                url_name="enrollment:catalog",
                description=_("Catálogo de cursos y alumnos inscritos."),
                visible=lambda user: (
                    has_anywhere(user, Capability.MANAGE_ENROLLMENT)
                    or has_anywhere(user, Capability.VIEW_LEARNING)
                ),
                order=30,
            ),
            NavEntry(
                key="authoring",
                label=_("Contenidos"),
                url_name="authoring:course_list",
                description=_("Cursos, lecciones, habilidades y publicación."),
                visible=has_capability(Capability.AUTHOR_CONTENT),
                order=35,
            ),
        )
