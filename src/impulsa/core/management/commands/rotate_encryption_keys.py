"""Re-seal every encrypted field and blind index under the newest key.

Run after putting a new key first in FIELD_ENCRYPTION_KEYS (keeping the old ones
after it) and deploying that to every process; when it finishes, the old keys
can be removed. Each batch is its own transaction and locks only its rows, so
the site keeps working meanwhile; the command is idempotent, so an interrupted
run is finished by running it again.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from impulsa.core.fields import BlindIndexField, EncryptedField

BATCH = 500


class Command(BaseCommand):
    help = "Vuelve a cifrar los datos personales con la clave más reciente."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH,
            help="Registros por transacción (predeterminado: %(default)s).",
        )

    def handle(self, *args, batch_size: int = BATCH, **options):
        for model in apps.get_models():
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            fields = [
                f
                for f in meta.local_concrete_fields
                if isinstance(f, EncryptedField | BlindIndexField)
            ]
            if not fields:
                continue
            count = self._rotate(model, fields, batch_size)
            self.stdout.write(f"{meta.label}: {count} registros re-cifrados")

    def _rotate(self, model, fields, batch_size: int) -> int:
        names = [f.name for f in fields]
        # A blind index needs its source loaded, even if the source is not encrypted.
        sources = [f.source for f in fields if isinstance(f, BlindIndexField)]
        loaded = list(dict.fromkeys(["pk", *names, *sources]))
        manager = model._base_manager
        count, last_pk = 0, None
        while True:
            with transaction.atomic():
                rows = manager.select_for_update().order_by("pk").only(*loaded)
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                batch = list(rows[:batch_size])
                if not batch:
                    return count
                for obj in batch:
                    for field in fields:
                        if isinstance(field, BlindIndexField):
                            setattr(obj, field.attname, field.compute(obj))
                manager.bulk_update(batch, names)
            count += len(batch)
            last_pk = batch[-1].pk
