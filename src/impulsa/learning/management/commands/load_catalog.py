"""Create or update the official catalog courses (Propedéutico and Asesorías)."""

from django.core.management.base import BaseCommand

from impulsa.learning.catalog import services as catalog


class Command(BaseCommand):
    help = "Carga el catálogo oficial de cursos; crea los que faltan y actualiza los demás."

    def handle(self, *args, **options):
        created = catalog.load()
        updated = len(catalog.entries()) - created
        self.stdout.write(f"Catálogo cargado: {created} creados, {updated} actualizados.")
