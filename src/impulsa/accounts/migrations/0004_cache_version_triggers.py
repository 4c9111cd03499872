"""Writes to authenticator devices move the "accounts.otp" cache version, so the
device a session was verified with is re-read by every process at its next request
after it is removed or changed (core/cache_versions.py)."""

from django.db import migrations

TABLE, NAME = "otp_totp_totpdevice", "accounts.otp"
TRIGGER = f"{TABLE}_bumps_cache_version"

CREATE = f"""
CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION impulsa_bump_cache_version('{NAME}');
INSERT INTO core_cacheversion (name, shard, version)
VALUES ('{NAME}', 0, nextval('core_cacheversion_seq')) ON CONFLICT DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_must_change_password"),
        ("core", "0002_cache_versions"),
        ("otp_totp", "0003_add_timestamps"),
    ]
    operations = [migrations.RunSQL(CREATE, f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};")]
