"""Settings a production deployment refuses to start with (settings.py asks at import).

Kept apart from settings.py so the list of checks can grow without the settings
module growing with it.
"""

from impulsa.core import crypto


def production_problems(s: dict) -> list[str]:
    """What keeps the settings module `s` (its globals) from running in production."""
    problems = []
    if s["DEBUG"]:
        problems.append("DEBUG está activo (DEBUG=true)")
    if s["SECRET_KEY"] == s["DEV_SECRET_KEY"] or len(s["SECRET_KEY"]) < 40:
        problems.append("SECRET_KEY falta o es la clave de desarrollo (mínimo 40 caracteres)")
    if not s["FIELD_ENCRYPTION_KEYS"] or s["DEV_ENCRYPTION_KEY"] in s["FIELD_ENCRYPTION_KEYS"]:
        problems.append("FIELD_ENCRYPTION_KEYS falta o incluye la clave de desarrollo")
    problems.extend(crypto.key_problems(s["FIELD_ENCRYPTION_KEYS"]))
    if s["DEV_BACKUP_KEY"] in s["BACKUP_ENCRYPTION_KEYS"]:
        problems.append("BACKUP_ENCRYPTION_KEYS falta o incluye la clave de desarrollo")
    if not s["ALLOWED_HOSTS"] or "*" in s["ALLOWED_HOSTS"]:
        problems.append("ALLOWED_HOSTS debe listar los dominios reales")
    if not s["TRUSTED_PROXY_COUNT_GIVEN"]:
        problems.append(
            "TRUSTED_PROXY_COUNT falta: indica cuántos proxies (nginx) hay delante "
            "de la aplicación, o 0 si no hay ninguno"
        )
    if not s["REDIS_URL"]:
        problems.append(
            "REDIS_URL falta: sin Redis cada proceso lleva sus propios límites de intentos "
            "y su propia caché"
        )
    return problems
