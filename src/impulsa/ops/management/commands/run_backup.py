"""Back up now (what the daily Celery beat task does), e.g. before an upgrade."""

from django.core.management.base import BaseCommand

from impulsa.ops.backups import services


class Command(BaseCommand):
    help = "Respalda la base de datos y los archivos privados (cifrado) y poda los antiguos."

    def add_arguments(self, parser):
        parser.add_argument("--no-prune", action="store_true", help="No borrar respaldos viejos.")

    def handle(self, *args, no_prune=False, **options):
        backup = services.run_backup()
        if not no_prune:
            services.prune_backups()
        self.stdout.write(
            f"{backup.name} {backup.size_bytes} bytes, {backup.files_count} archivos, "
            f"{backup.duration_seconds:.1f} s"
        )
