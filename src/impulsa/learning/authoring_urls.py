"""Designers' pages under /contenidos/: courses, their structure, skills, content
pages, previews and publishing."""

from django.urls import path

from impulsa.learning import (
    authoring_activity_views,
    authoring_skill_views,
    authoring_structure_views,
    authoring_views,
)

app_name = "authoring"

structure = authoring_structure_views
UNIT, LESSON, ACTIVITY = {"kind": "unit"}, {"kind": "lesson"}, {"kind": "activity"}

urlpatterns = [
    path("", authoring_views.course_list, name="course_list"),
    path("nuevo/", authoring_views.course_create, name="course_create"),
    path("<int:course_id>/", authoring_views.course_detail, name="course_detail"),
    path("<int:course_id>/datos/", authoring_views.course_edit, name="course_edit"),
    path("<int:course_id>/publicar/", authoring_views.publish, name="publish"),
    # Structure: add, rename, delete, move (keyboard) and reorder (drag and drop).
    path("<int:course_id>/unidades/nueva/", structure.unit_create, name="unit_create"),
    path("<int:course_id>/ordenar/", structure.reorder, {"kind": "course"}, name="unit_reorder"),
    path("unidades/<int:unit_id>/lecciones/nueva/", structure.lesson_create, name="lesson_create"),
    path("unidades/<int:unit_id>/renombrar/", structure.rename, UNIT, name="unit_rename"),
    path("unidades/<int:unit_id>/eliminar/", structure.delete, UNIT, name="unit_delete"),
    path("unidades/<int:unit_id>/mover/", structure.move, UNIT, name="unit_move"),
    path("unidades/<int:unit_id>/ordenar/", structure.reorder, UNIT, name="lesson_reorder"),
    path(
        "lecciones/<int:lesson_id>/actividades/nueva/",
        structure.activity_create,
        name="activity_create",
    ),
    path("lecciones/<int:lesson_id>/renombrar/", structure.rename, LESSON, name="lesson_rename"),
    path("lecciones/<int:lesson_id>/eliminar/", structure.delete, LESSON, name="lesson_delete"),
    path("lecciones/<int:lesson_id>/mover/", structure.move, LESSON, name="lesson_move"),
    path("lecciones/<int:lesson_id>/ordenar/", structure.reorder, LESSON, name="activity_reorder"),
    path(
        "actividades/<int:activity_id>/eliminar/",
        structure.delete,
        ACTIVITY,
        name="activity_delete",
    ),
    path("actividades/<int:activity_id>/mover/", structure.move, ACTIVITY, name="activity_move"),
    # Skills.
    path("<int:course_id>/habilidades/", authoring_skill_views.skills, name="skills"),
    path("habilidades/<int:skill_id>/editar/", authoring_skill_views.skill_edit, name="skill_edit"),
    path(
        "habilidades/<int:skill_id>/eliminar/",
        authoring_skill_views.skill_delete,
        name="skill_delete",
    ),
    # One activity: settings, variants, files, previews.
    path(
        "actividades/<int:activity_id>/",
        authoring_activity_views.activity_edit,
        name="activity_edit",
    ),
    path(
        "actividades/<int:activity_id>/variantes/",
        authoring_activity_views.variant_save,
        name="variant_save",
    ),
    path(
        "variantes/<int:variant_id>/eliminar/",
        authoring_activity_views.variant_delete,
        name="variant_delete",
    ),
    path(
        "actividades/<int:activity_id>/archivos/",
        authoring_activity_views.attachment_add,
        name="attachment_add",
    ),
    path(
        "archivos/<int:attachment_id>/eliminar/",
        authoring_activity_views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "actividades/<int:activity_id>/vista-previa/",
        authoring_activity_views.activity_preview,
        name="activity_preview",
    ),
    path(
        "vista-previa-markdown/",
        authoring_activity_views.markdown_preview,
        name="markdown_preview",
    ),
]
