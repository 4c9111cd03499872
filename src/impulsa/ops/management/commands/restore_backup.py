"""Restore a backup archive: the database (one transaction) and the private files.

    manage.py restore_backup --latest --yes
    manage.py restore_backup impulsa-20261203T083000Z.impbak --database-url postgres://...

Restoring over the database in use needs --yes; --database-url restores into another
(empty or scratch) database instead, e.g. to check a backup without touching production.
"""

import time

import environ
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from impulsa.core.errors import DomainError
from impulsa.ops.backups import services


class Command(BaseCommand):
    help = "Restaura un respaldo (base de datos y archivos privados)."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="Nombre del archivo de respaldo.")
        parser.add_argument(
            "--latest", action="store_true", help="El respaldo completo más reciente."
        )
        parser.add_argument("--database-url", help="Restaurar en otra base (postgres://...).")
        parser.add_argument("--no-files", action="store_true", help="Solo la base de datos.")
        parser.add_argument(
            "--yes", action="store_true", help="Confirma reemplazar la base en uso."
        )

    def handle(
        self,
        *args,
        name=None,
        latest=False,
        database_url=None,
        no_files=False,
        yes=False,
        **options,
    ):
        if latest:
            backup = services.latest_backup()
            if backup is None:
                raise CommandError("No hay ningún respaldo completo.")
            name = backup.name
        if not name:
            raise CommandError("Indica el nombre del respaldo o --latest.")
        if database_url:
            database = environ.Env.db_url_config(database_url)
        elif yes:
            database = connection.settings_dict
        else:
            raise CommandError(
                "Restaurar sobre la base en uso requiere --yes (o usa --database-url)."
            )
        started = time.monotonic()
        try:
            restored = services.restore_backup(
                name=name, database=database, with_files=not no_files
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"{restored.name}: base {restored.database_seconds:.1f} s, {restored.files} archivos "
            f"{restored.files_seconds:.1f} s, total {time.monotonic() - started:.1f} s"
        )
