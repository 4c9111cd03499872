"""Production settings: refuse to start insecure, and switch on transport security.

Each case imports the real settings module in a fresh interpreter with only the
environment given here, as a production process would start.
"""

import base64
import json
import os
import re
import secrets
import subprocess
import sys

import pytest

from impulsa import settings as project_settings
from impulsa.settings import REPO_DIR

REPORT = """
import json
from impulsa import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": list(s.SECURE_PROXY_SSL_HEADER),
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "PASSWORD_HASHERS": s.PASSWORD_HASHERS,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
}))
"""


def _secure_environment() -> dict[str, str]:
    return {
        "IMPULSA_ENV": "production",
        "DATABASE_URL": "postgres://impulsa@db.interno.example.mx:5432/impulsa",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": base64.b64encode(os.urandom(32)).decode(),
        "BACKUP_ENCRYPTION_KEYS": base64.b64encode(os.urandom(32)).decode(),
        "ALLOWED_HOSTS": "impulsa.conalep.edu.mx,jalisco.impulsa.conalep.edu.mx",
        "TRUSTED_PROXY_COUNT": "1",
        "REDIS_URL": "redis://cache.interno.example.mx:6379/0",
    }


def _run(environment: dict[str, str | None], *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(REPO_DIR)),
        "PYTHONPATH": str(REPO_DIR / "src"),
    }
    env.update({k: v for k, v in environment.items() if v is not None})
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=REPO_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _refusal(result: subprocess.CompletedProcess) -> str:
    """The message of the ImproperlyConfigured error that stopped the process."""
    prefix = "django.core.exceptions.ImproperlyConfigured: "
    lines = [line for line in result.stderr.splitlines() if line.startswith(prefix)]
    assert lines, result.stderr
    return lines[-1].removeprefix(prefix)


def test_secure_production_settings_import_with_transport_security_on():
    result = _run(_secure_environment(), "-c", REPORT)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["ALLOWED_HOSTS"] == ["impulsa.conalep.edu.mx", "jalisco.impulsa.conalep.edu.mx"]


def test_secure_production_settings_pass_djangos_deployment_checklist():
    result = _run(_secure_environment(), "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    reported = set(re.findall(r"\(([\w.]+\.[EW]\d+)\)", result.stdout + result.stderr))
    # The only remark: HSTS preloading is a one-way decision left to each deployment
    # (institutions' own domains would be locked to HTTPS in browsers for good).
    assert reported <= {"security.W021"}


def test_insecure_production_settings_refuse_to_start_naming_every_problem():
    result = _run(
        {
            "IMPULSA_ENV": "production",
            "DATABASE_URL": "postgres://impulsa@db.interno.example.mx:5432/impulsa",
            "DEBUG": "true",
            "SECRET_KEY": "corta",
        },
        "-c",
        "import impulsa.settings",
    )
    assert result.returncode != 0
    message = _refusal(result)
    assert "Impulsa no arranca en producción con una configuración insegura" in message
    assert "DEBUG está activo" in message
    assert "SECRET_KEY falta o es la clave de desarrollo" in message
    assert "FIELD_ENCRYPTION_KEYS falta o incluye la clave de desarrollo" in message
    assert "ALLOWED_HOSTS debe listar los dominios reales" in message


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"DEBUG": "true"}, "DEBUG está activo"),
        ({"SECRET_KEY": None}, "SECRET_KEY falta"),
        ({"SECRET_KEY": "x" * 39}, "SECRET_KEY falta"),
        ({"SECRET_KEY": project_settings.DEV_SECRET_KEY}, "SECRET_KEY falta"),
        ({"FIELD_ENCRYPTION_KEYS": None}, "FIELD_ENCRYPTION_KEYS falta"),
        (
            {"FIELD_ENCRYPTION_KEYS": f"NEWKEY,{project_settings.DEV_ENCRYPTION_KEY}"},
            "FIELD_ENCRYPTION_KEYS falta o incluye la clave de desarrollo",
        ),
        ({"BACKUP_ENCRYPTION_KEYS": None}, "BACKUP_ENCRYPTION_KEYS falta"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS debe listar"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS debe listar"),
        ({"TRUSTED_PROXY_COUNT": None}, "TRUSTED_PROXY_COUNT falta"),
        ({"REDIS_URL": None}, "REDIS_URL falta"),
        ({"REDIS_URL": ""}, "REDIS_URL falta"),
    ],
)
def test_each_insecure_setting_alone_stops_production(change, problem):
    environment = {**_secure_environment(), **change}
    if (environment.get("FIELD_ENCRYPTION_KEYS") or "").startswith("NEWKEY"):
        fresh = base64.b64encode(os.urandom(32)).decode()
        environment["FIELD_ENCRYPTION_KEYS"] = environment["FIELD_ENCRYPTION_KEYS"].replace(
            "NEWKEY", fresh
        )
    result = _run(environment, "-c", "import impulsa.settings")
    assert result.returncode != 0
    message = _refusal(result)
    assert problem in message
    assert "; " not in message  # only this problem is reported


def test_development_defaults_still_start_without_configuration():
    result = _run(
        {"DATABASE_URL": "postgres://impulsa@localhost:5432/impulsa"},
        "-c",
        "from impulsa import settings as s; print(s.PRODUCTION, s.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_the_settings_module_hashes_passwords_with_argon2_first():
    # tests/conftest.py swaps in a fast hasher for the suite; the module itself must not.
    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("Clave-Segura-2026", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("Clave-Segura-2026", encoded)


def test_malformed_encryption_key_stops_production_at_start():
    environment = {**_secure_environment(), "FIELD_ENCRYPTION_KEYS": "no-es-una-clave"}
    result = _run(environment, "-c", "import impulsa.settings")
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_production_accepts_an_explicit_zero_proxies():
    # 0 means "clients connect directly"; it only has to be said, not assumed.
    environment = {**_secure_environment(), "TRUSTED_PROXY_COUNT": "0"}
    result = _run(
        environment, "-c", "from impulsa import settings as s; print(s.TRUSTED_PROXY_COUNT)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0"]


def test_the_shipped_deploy_environment_trusts_the_one_nginx_in_front():
    shipped = (REPO_DIR / "deploy" / "impulsa.env").read_text()
    assert re.search(r"^TRUSTED_PROXY_COUNT=1$", shipped, re.MULTILINE)
    assert re.search(r"^REDIS_URL=redis://", shipped, re.MULTILINE)
    nginx = (REPO_DIR / "deploy" / "nginx.conf").read_text()
    # Every location that proxies to the app appends the client's address itself.
    proxied = nginx.count("proxy_pass ")
    assert nginx.count("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;") == proxied


def test_without_redis_the_worker_processes_share_a_database_cache():
    result = _run(
        {"DATABASE_URL": "postgres://impulsa@localhost:5432/impulsa"},
        "-c",
        "import json; from impulsa import settings as s; print(json.dumps(s.CACHES['default']))",
    )
    assert result.returncode == 0, result.stderr
    cache = json.loads(result.stdout)
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_migrations_create_the_shared_cache_table(db):
    from django.core.cache.backends.db import DatabaseCache

    shared = DatabaseCache("impulsa_cache", {})
    shared.set("prueba", 41)
    assert shared.incr("prueba") == 42
