"""Writes to the privacy notice move the "ops.notice" cache version, so every process
re-reads the current notice at its next request after a new version is published
(core/cache_versions.py; ops/privacy/gate.py asks for it on every page)."""

from django.db import migrations

TABLE, NAME = "ops_privacynotice", "ops.notice"
TRIGGER = f"{TABLE}_bumps_cache_version"

CREATE = f"""
CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION impulsa_bump_cache_version('{NAME}');
INSERT INTO core_cacheversion (name, shard, version)
VALUES ('{NAME}', 0, nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [("ops", "0002_privacy"), ("core", "0002_cache_versions")]
    operations = [migrations.RunSQL(CREATE, f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};")]
