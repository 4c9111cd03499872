"""Designers' pages under /contenidos/: courses, their structure, skills, content
pages, previews and publishing."""

from django.urls import path

from impulsa.learning.authoring.views import activities, courses, skills, structure

app_name = "authoring"

UNIT, LESSON, ACTIVITY = {"kind": "unit"}, {"kind": "lesson"}, {"kind": "activity"}

urlpatterns = [
    path("", courses.course_list, name="course_list"),
    path("nuevo/", courses.course_create, name="course_create"),
    path("<int:course_id>/", courses.course_detail, name="course_detail"),
    path("<int:course_id>/datos/", courses.course_edit, name="course_edit"),
    path("<int:course_id>/publicar/", courses.publish, name="publish"),
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
    path("<int:course_id>/habilidades/", skills.skills, name="skills"),
    path("habilidades/<int:skill_id>/editar/", skills.skill_edit, name="skill_edit"),
    path(
        "habilidades/<int:skill_id>/eliminar/",
        skills.skill_delete,
        name="skill_delete",
    ),
    # One activity: settings, variants, files, previews.
    path(
        "actividades/<int:activity_id>/",
        activities.activity_edit,
        name="activity_edit",
    ),
    path(
        "actividades/<int:activity_id>/variantes/",
        activities.variant_save,
        name="variant_save",
    ),
    path(
        "variantes/<int:variant_id>/eliminar/",
        activities.variant_delete,
        name="variant_delete",
    ),
    path(
        "actividades/<int:activity_id>/archivos/",
        activities.attachment_add,
        name="attachment_add",
    ),
    path(
        "archivos/<int:attachment_id>/eliminar/",
        activities.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "actividades/<int:activity_id>/vista-previa/",
        activities.activity_preview,
        name="activity_preview",
    ),
    path(
        "vista-previa-markdown/",
        activities.markdown_preview,
        name="markdown_preview",
    ),
]
