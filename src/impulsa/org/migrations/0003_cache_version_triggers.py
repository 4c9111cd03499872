"""Every write to institutions or memberships moves its cache version, so the
per-process caches built on them (tree facts, branding, each user's grants) are
dropped by every process at its next request (core/cache_versions.py)."""

from django.db import migrations

TABLES = {"org_institution": "org.tree", "org_membership": "org.memberships"}


def _sql(create: bool) -> str:
    statements = []
    for table, name in TABLES.items():
        trigger = f"{table}_bumps_cache_version"
        statements.append(f"DROP TRIGGER IF EXISTS {trigger} ON {table};")
        if create:
            statements.append(
                f"CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION impulsa_bump_cache_version('{name}');"
            )
            statements.append(
                "INSERT INTO core_cacheversion (name, shard, version) "
                f"VALUES ('{name}', 0, nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;"
            )
    return "\n".join(statements)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_cache_versions"), ("org", "0002_membership_user_index_covered_by_unique")]
    operations = [migrations.RunSQL(_sql(create=True), _sql(create=False))]
