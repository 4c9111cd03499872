"""The versions behind per-process caches (core/cache_versions.py): a table of rows
(name, shard, version), a sequence that never hands out a value twice, and the trigger
function the owning apps attach to their tables.

Plain SQL, no model: Django's flush (between transactional tests) leaves the table
alone, so versions only ever move forward. The sequence belongs to no column, so
resetting the tables' sequences does not reset it either.
"""

from django.db import migrations

SHARDS = 8  # core.cache_versions.SHARDS when this migration was written

CREATE = f"""
CREATE SEQUENCE core_cacheversion_seq;
CREATE TABLE core_cacheversion (
    name varchar(100) NOT NULL,
    shard smallint NOT NULL,
    version bigint NOT NULL,
    PRIMARY KEY (name, shard)
);
CREATE FUNCTION impulsa_cache_version_bump(version_name text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO core_cacheversion (name, shard, version)
    VALUES (version_name, pg_backend_pid() % {SHARDS}, nextval('core_cacheversion_seq'))
    ON CONFLICT (name, shard) DO UPDATE SET version = EXCLUDED.version;
$$;
CREATE FUNCTION impulsa_bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM impulsa_cache_version_bump(TG_ARGV[0]);
    RETURN NULL;
END
$$;
"""

DROP = """
DROP FUNCTION impulsa_bump_cache_version();
DROP FUNCTION impulsa_cache_version_bump(text);
DROP TABLE core_cacheversion;
DROP SEQUENCE core_cacheversion_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0001_create_cache_table")]
    operations = [migrations.RunSQL(CREATE, DROP)]
