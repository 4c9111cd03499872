"""Writes to authenticator devices move the "accounts.otp" cache version, and writes
to users "accounts.users", so every process re-reads a session's device or person at
its next request after they change (core/cache_versions.py).

An update that only sets last_login (every log-in) moves nothing: no request checks it.
"""

from django.db import migrations

TABLE, NAME = "otp_totp_totpdevice", "accounts.otp"
TRIGGER = f"{TABLE}_bumps_cache_version"

USERS = """
CREATE FUNCTION accounts_user_bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE to_jsonb(o) - 'last_login' IS DISTINCT FROM to_jsonb(n) - 'last_login'
    ) THEN
        PERFORM impulsa_cache_version_bump('accounts.users');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER accounts_user_update_bumps_cache_version AFTER UPDATE ON accounts_user
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION accounts_user_bump_cache_version();
CREATE TRIGGER accounts_user_bumps_cache_version AFTER INSERT OR DELETE OR TRUNCATE
ON accounts_user FOR EACH STATEMENT EXECUTE FUNCTION impulsa_bump_cache_version('accounts.users');
INSERT INTO core_cacheversion (name, shard, version)
VALUES ('accounts.users', 0, nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;
"""

DROP_USERS = """
DROP TRIGGER IF EXISTS accounts_user_bumps_cache_version ON accounts_user;
DROP TRIGGER IF EXISTS accounts_user_update_bumps_cache_version ON accounts_user;
DROP FUNCTION IF EXISTS accounts_user_bump_cache_version();
"""

CREATE = f"""
CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION impulsa_bump_cache_version('{NAME}');
INSERT INTO core_cacheversion (name, shard, version)
VALUES ('{NAME}', 0, nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_search_text_and_name_order"),
        ("core", "0002_cache_versions"),
        ("otp_totp", "0003_add_timestamps"),
    ]
    operations = [
        migrations.RunSQL(CREATE, f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};"),
        migrations.RunSQL(USERS, DROP_USERS),
    ]
