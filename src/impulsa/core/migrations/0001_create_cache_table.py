"""The table of the cache every process shares when there is no Redis (the demo).

Created whatever the settings say at migrate time, so a database migrated while
Redis was configured still works when the same installation later runs without it.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "impulsa_cache"  # settings.CACHES["default"]["LOCATION"] without REDIS_URL


def create(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
