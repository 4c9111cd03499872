"""Impulsa settings: one module, configured by environment variables (django-environ).

Variables: IMPULSA_ENV (development | production), DEBUG, SECRET_KEY, DATABASE_URL,
REDIS_URL, FIELD_ENCRYPTION_KEYS, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, EMAIL_URL,
STORAGE_BACKEND (local | s3) with AWS_* settings, PRIVATE_FILES_ACCEL_PREFIX,
SESSION_IDLE_SECONDS, TRUSTED_PROXY_COUNT.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from impulsa import embedded_db
from impulsa.production import production_problems

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parents[1]

env = environ.Env()

IMPULSA_ENV = env.str("IMPULSA_ENV", default="development")
PRODUCTION = IMPULSA_ENV == "production"

# Only for development and the demo; production refuses to start with them.
DEV_SECRET_KEY = "impulsa-dev-only-secret-key-not-for-production"  # noqa: S105
DEV_ENCRYPTION_KEY = "aW1wdWxzYS1kZXZlbG9wbWVudC1vbmx5LWtleS0zMmI="

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[DEV_ENCRYPTION_KEY])

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "csp",
    "channels",
    "impulsa.core",
    "impulsa.org",
    "impulsa.audit",
    "impulsa.accounts",
    "impulsa.learning",
    "impulsa.assessment",
    "impulsa.proctoring",
    "impulsa.dual",
    "impulsa.helpdesk",
    "impulsa.ops",
]

MIDDLEWARE = [
    # First: request id, metrics and slow queries cover every other middleware.
    "impulsa.ops.observability.middleware.ObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "impulsa.core.cache_versions.CacheVersionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "impulsa.core.middleware.SlidingSessionMiddleware",
    "impulsa.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "impulsa.accounts.signin.gates.CachedOTPMiddleware",
    "impulsa.ops.files.limits.RequestSizeLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "impulsa.audit.middleware.AuditMiddleware",
    "impulsa.org.branding.BrandingMiddleware",
    "impulsa.core.middleware.NulCharacterMiddleware",
    "impulsa.accounts.signin.gates.SignInGatesMiddleware",
    "impulsa.ops.privacy.gate.PrivacyNoticeMiddleware",
    "impulsa.core.middleware.DomainErrorMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

# How many reverse proxies (nginx, a load balancer) stand in front of the app; the
# client's address for rate limits, lockouts and the audit log is read accordingly.
# Production must say it (0 = no proxy): left at 0 behind nginx, every client shares
# nginx's address, so one person's failed log-ins lock an account for everyone.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_COUNT_GIVEN = "TRUSTED_PROXY_COUNT" in env

ROOT_URLCONF = "impulsa.urls"
WSGI_APPLICATION = "impulsa.wsgi.application"
ASGI_APPLICATION = "impulsa.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "impulsa.org.branding.branding",
                "impulsa.core.navigation.navigation",
                "impulsa.helpdesk.announcements.banners.banners",
            ],
        },
    },
]

FORM_RENDERER = "impulsa.core.forms.FormRenderer"

# --- Database -------------------------------------------------------------------------
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
elif PRODUCTION:
    raise ImproperlyConfigured(
        "Impulsa no arranca en producción sin DATABASE_URL (la base embebida es solo para "
        "desarrollo y demostración)."
    )
else:
    DATABASES = {"default": embedded_db.database_settings()}
    embedded_db.ensure_database(DATABASES["default"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Our queries are short (pages, answers): PostgreSQL's JIT compiles the costlier-looking
# ones (the catalog's per-course counts at national size: 97 ms with JIT, 35 ms without)
# and only ever adds its compile time. Analytics reports may turn it on per session.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# A health check costs a round trip per request; without it a connection broken by a
# database restart fails one request and is then replaced.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
# Behind PgBouncer in transaction pooling (deploy/README.md) a server-side cursor would
# outlive the transaction its connection was lent for.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, sessions, channel layer, Celery (all in-process without it) ----------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="impulsa"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # A table every worker process shares (core's migration creates it): per-process
    # memory would give each of the demo's workers its own rate-limit counters.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "impulsa_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "America/Mexico_City"
# Periodic work (celery beat: the demo's worker runs it embedded, production runs one
# beat process, deploy/). Each entry names a task of its app's tasks.py.
CELERY_BEAT_SCHEDULE = {
    "close-expired-attempts": {"task": "proctoring.close_expired_attempts", "schedule": 60.0},
    "dual-agreement-alerts": {"task": "dual.agreement_alerts", "schedule": 24 * 3600},
    "dual-incident-escalation": {"task": "dual.escalate_incidents", "schedule": 15 * 60},
    "dual-missing-logbooks": {"task": "dual.missing_logbooks", "schedule": 24 * 3600},
    # 03:15 Mexico City, the quietest hour; ops.tasks prunes after a good backup.
    "ops-daily-backup": {"task": "ops.daily_backup", "schedule": crontab(hour=3, minute=15)},
    "helpdesk-sla": {"task": "helpdesk.check_sla", "schedule": 5 * 60},
    "ops-privacy-retention": {"task": "ops.privacy.apply_retention", "schedule": 24 * 3600},
}

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the user's row kept per process (sessions signed in through
    # django.contrib.auth.backends.ModelBackend before it sign in again, once).
    "impulsa.accounts.signin.authentication.CachedModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sliding idle expiry: a session ends SESSION_IDLE_SECONDS after its last use; the
# expiry is renewed at most every SESSION_REFRESH_SECONDS (core.middleware).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=5 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: lock a username from an address after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "impulsa.core.net.client_ip_or_unknown"

OTP_TOTP_ISSUER = "Impulsa"

RATELIMIT_VIEW = "impulsa.core.views.rate_limited"
RATELIMIT_IP_META_KEY = "impulsa.core.net.client_ip_or_unknown"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# Per address: a classroom behind one NAT address signs in together, so this is
# generous; guessing one account's password is stopped by the per-account lockout.
LOGIN_RATE = env.str("LOGIN_RATE", default="120/m")
# Time beats per student and enrollment: player.js sends one when a page is hidden or
# left, a few a minute at most; a loop must not inflate study time (Asesorías evidence).
STUDY_BEAT_RATE = env.str("STUDY_BEAT_RATE", default="30/m")
# Integrity event batches per student and attempt (exam.js sends one every few seconds
# at most); the events themselves are capped at 200 per attempt and minute.
INTEGRITY_EVENTS_RATE = env.str("INTEGRITY_EVENTS_RATE", default="30/m")

# --- REST API (rest_settings.py) ---------------------------------------------------------
from impulsa.rest_settings import REST_FRAMEWORK, REST_KNOX, SPECTACULAR_SETTINGS  # noqa: E402, F401

# --- Internationalization -------------------------------------------------------------
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español (México)")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = REPO_DIR / "staticfiles"
# Front-end packages come from npm (package-lock.json) and are served as our own files.
STATICFILES_DIRS = [
    ("vendor/bootstrap", REPO_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", REPO_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/tom-select", REPO_DIR / "node_modules" / "tom-select" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(REPO_DIR / ".data" / "media")))
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="local")
if STORAGE_BACKEND == "s3":
    _S3 = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
        "default_acl": "private",
        "querystring_auth": True,
    }
    # Logos are public: plain URLs that do not expire (the bucket policy makes
    # the "public/" prefix readable); the page's CSP must allow that origin.
    PUBLIC_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3, "location": "public", "querystring_auth": False, "default_acl": None},
    }
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3, "location": "private"},
    }
else:
    PUBLIC_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    PRIVATE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(REPO_DIR / ".data" / "private"), "base_url": None},
    }
# --- Backups, personal data, logging and metrics (operations_settings.py) --------------
from impulsa.operations_settings import (  # noqa: E402, F401
    BACKUP_ENCRYPTION_KEYS,
    BACKUP_INCLUDE_FILES,
    BACKUP_RETENTION_DAYS,
    BACKUP_STORAGE,
    DEV_BACKUP_KEY,
    LOG_FORMAT,
    LOGGING,
    METRICS_TOKEN,
    OPS_MONITORED_QUEUES,
    PRIVACY_EXPORT_MAX_BYTES,
    PRIVACY_EXPORT_MAX_ROWS,
    PRIVACY_NON_WORKING_DAYS,
    SLOW_QUERY_SECONDS,
)

# "default" holds public files (logos); "private" holds import files and course files,
# which no URL serves: a view checks access first (core.storage.private_file_response).
STORAGES = {
    "default": PUBLIC_STORAGE,
    "private": PRIVATE_STORAGE,
    "backups": BACKUP_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Behind nginx: the internal location that serves the private folder (deploy/nginx.conf),
# e.g. "/_privado/"; the view then answers with X-Accel-Redirect instead of the bytes.
PRIVATE_FILES_ACCEL_PREFIX = env.str("PRIVATE_FILES_ACCEL_PREFIX", default="")
# No request body may exceed this (course files are up to 20 MB; nginx's
# client_max_body_size says the same): ops/files/limits.py answers 413 in Spanish.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers -----------------------------------------------------------------
# Live pages (the proctor's session) open a WebSocket when an ASGI process serves /ws/
# (production: deploy/nginx.conf); without one (the demo) they poll every few seconds.
LIVE_WEBSOCKETS = env.bool("LIVE_WEBSOCKETS", default=PRODUCTION)
from impulsa.security_settings import (  # noqa: E402, F401
    CONTENT_SECURITY_POLICY,
    PERMISSIONS_POLICY,
    SECURE_CONTENT_TYPE_NOSNIFF,
    SECURE_CROSS_ORIGIN_OPENER_POLICY,
    SECURE_REFERRER_POLICY,
    WEBSOCKET_ORIGIN,
    X_FRAME_OPTIONS,
)

if PRODUCTION:
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- E-mail ---------------------------------------------------------------------------
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))  # EMAIL_BACKEND, EMAIL_HOST, ...
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Impulsa <no-responder@impulsa.mx>")

# --- Audit ----------------------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
# django-auditlog's own migrations create its default entry table even though
# audit.AuditEntry replaces it; skipping them keeps that unused table (and its
# foreign key to users) out of the database.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_DISABLE_REMOTE_ADDR = False
AUDITLOG_CID_HEADER = "x-correlation-id"

# --- Imports --------------------------------------------------------------------------
# Files with more rows than this are imported by a Celery worker with a progress page.
IMPORT_BACKGROUND_THRESHOLD = env.int("IMPORT_BACKGROUND_THRESHOLD", default=500)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=60000)


if PRODUCTION and (problems := production_problems(globals())):
    raise ImproperlyConfigured(
        "Impulsa no arranca en producción con una configuración insegura: " + "; ".join(problems)
    )
