"""Re-seal every encrypted field and blind index under the newest key.

Run after putting a new key first in FIELD_ENCRYPTION_KEYS (keeping the old ones
after it); when it finishes, the old keys can be removed.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from impulsa.core.fields import BlindIndexField, EncryptedField

BATCH = 500


class Command(BaseCommand):
    help = "Vuelve a cifrar los datos personales con la clave más reciente."

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [
                f
                for f in model._meta.local_concrete_fields
                if isinstance(f, EncryptedField | BlindIndexField)
            ]
            if not fields:
                continue
            count = self._rotate(model, fields)
            self.stdout.write(f"{model._meta.label}: {count} registros re-cifrados")

    @transaction.atomic
    def _rotate(self, model, fields) -> int:
        blind = [f for f in fields if isinstance(f, BlindIndexField)]
        names = [f.name for f in fields]
        batch, count = [], 0
        rows = model._base_manager.select_for_update().order_by("pk").only("pk", *names)
        for obj in rows.iterator(chunk_size=BATCH):
            for field in blind:
                setattr(obj, field.attname, field.compute(obj))
            batch.append(obj)
            if len(batch) == BATCH:
                model._base_manager.bulk_update(batch, names)
                count += len(batch)
                batch = []
        if batch:
            model._base_manager.bulk_update(batch, names)
            count += len(batch)
        return count
