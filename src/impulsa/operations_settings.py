"""Settings of operations (backups, personal data, logging, metrics), kept beside
settings.py so that module stays readable; settings.py imports them."""

from pathlib import Path

import environ

env = environ.Env()
REPO_DIR = Path(__file__).resolve().parents[2]

# --- Backups (ops/backups) ---------------------------------------------------------------
# Backups (ops.backups): sealed archives of the database and the private files, in a
# folder or in a bucket of their own (BACKUP_BUCKET: apart from the files they protect).
if env.str("BACKUP_BUCKET", default=""):
    BACKUP_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("BACKUP_BUCKET"),
            "endpoint_url": env.str("BACKUP_S3_ENDPOINT_URL", default=None)
            or env.str("AWS_S3_ENDPOINT_URL", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "location": "backups",
            "file_overwrite": False,
        },
    }
else:
    BACKUP_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.str("BACKUP_DIR", default=str(REPO_DIR / ".data" / "backups")),
            "base_url": None,
        },
    }
BACKUP_RETENTION_DAYS = env.int("BACKUP_RETENTION_DAYS", default=7)
# Off once private files live in a versioned, replicated bucket (ops/README.md).
BACKUP_INCLUDE_FILES = env.bool("BACKUP_INCLUDE_FILES", default=True)
# Base64 32-byte keys, newest first (ops/backups/sealing.py); production refuses the
# development key. Keep them apart from the backups: an archive is useless without one.
DEV_BACKUP_KEY = "aW1wdWxzYS1kZXYtb25seS1iYWNrdXAta2V5LTMyYiE="
BACKUP_ENCRYPTION_KEYS = env.list("BACKUP_ENCRYPTION_KEYS", default=[DEV_BACKUP_KEY])

# --- Personal data (ops/privacy) -------------------------------------------------------
# Days the institution declared non-working (ISO dates, comma-separated): legal ARCO
# deadlines skip them as they skip weekends and public holidays.
PRIVACY_NON_WORKING_DAYS = env.list("PRIVACY_NON_WORKING_DAYS", default=[])
# A personal-data export (access right) holds at most this many rows per section and
# this many bytes in all; past that the person is asked to file an ARCO request.
PRIVACY_EXPORT_MAX_ROWS = env.int("PRIVACY_EXPORT_MAX_ROWS", default=20_000)
PRIVACY_EXPORT_MAX_BYTES = env.int("PRIVACY_EXPORT_MAX_BYTES", default=25 * 1024 * 1024)

# --- Logging: one event name plus key=value context, never personal data --------------
# LOG_FORMAT=json (the container image's default) writes one JSON object per line for
# the log collector; every record carries the request id, and what looks like a CURP,
# an e-mail or a phone number is masked (ops/observability/logs.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="keyvalue")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "impulsa.ops.observability.logs.RequestIdFilter"},
        "personal_data": {"()": "impulsa.ops.observability.logs.PersonalDataFilter"},
    },
    "formatters": {
        "keyvalue": {
            "format": "%(asctime)s level=%(levelname)s logger=%(name)s "
            "request_id=%(request_id)s %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "request_id", "message"],
            "json_ensure_ascii": False,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "keyvalue",
            "filters": ["request_id", "personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.csrf": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}

# --- Observability (ops/observability) ---------------------------------------------------
# Prometheus scrapes /metrics with "Authorization: Bearer <METRICS_TOKEN>"; empty: only
# signed-in national admins can read it.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
SLOW_QUERY_SECONDS = env.float("SLOW_QUERY_SECONDS", default=0.5)
# Celery queues whose depth the metrics and the operators' page report.
OPS_MONITORED_QUEUES = env.list("OPS_MONITORED_QUEUES", default=["celery"])
