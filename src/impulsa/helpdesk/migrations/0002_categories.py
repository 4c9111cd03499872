"""The national list of ticket categories (agents of every state file under the same ones)."""

from django.db import migrations

CATEGORIES = [
    ("Acceso y contraseña", "Entrar, recuperar tu contraseña, verificación en dos pasos."),
    ("Cursos y reproductor", "Lecciones, videos, actividades y tu avance."),
    ("Exámenes", "Sesiones de examen, intentos, calificaciones."),
    ("Diagnóstico y nivelación", "El examen diagnóstico y los cursos propedéuticos."),
    ("Ecosistema Dual", "Bitácora, empresa, visitas e incidencias de tu estancia dual."),
    ("Inscripciones e importaciones", "Alta de alumnos, grupos, inscripción a cursos."),
    ("Datos personales", "Tu nombre, CURP, correo y otros datos de tu cuenta."),
    ("Otro", "Lo que no esté en las demás categorías."),
]


def create(apps, schema_editor):
    Category = apps.get_model("helpdesk", "Category")
    for order, (name, description) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )


def remove(apps, schema_editor):
    apps.get_model("helpdesk", "Category").objects.filter(
        name__in=[name for name, _ in CATEGORIES], tickets__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
