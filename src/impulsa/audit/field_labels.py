"""How the audit detail names a recorded field and shows its value.

A model field's Spanish verbose name when it has one; fields left with Django's
automatic name ("created at", "status": English, from the attribute) get a Spanish
name here. Internals (keys, tree paths, hashes, stored file names) are not shown:
they tell an auditor nothing and some are derived from personal data. Dates and
times are stored by auditlog as UTC text; they are shown in Mexico City time.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import dateformat
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

LOCAL_TIME_ZONE = ZoneInfo("America/Mexico_City")
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i:s"

# Fields and event data that are plumbing, never shown.
INTERNAL_NAMES = frozenset({"id", "pk", "path", "password", "file", "last_activity_key", "cid"})

# Spanish names for fields whose model left Django's automatic (English) one.
FALLBACK_LABELS = {
    "user": _("persona"),
    "student": _("alumno"),
    "course": _("curso"),
    "campus": _("plantel"),
    "institution": _("institución"),
    "parent": _("institución superior"),
    "version": _("versión"),
    "published": _("versión publicada"),
    "has_draft_changes": _("cambios sin publicar"),
    "source": _("origen"),
    "status": _("estado"),
    "enrolled_by": _("inscrito por"),
    "granted_by": _("otorgado por"),
    "created_by": _("creado por"),
    "created_at": _("creado"),
    "updated_at": _("actualizado"),
    "finished_at": _("terminado"),
    "last_seen_at": _("última actividad"),
    "total_rows": _("filas"),
    "processed_rows": _("filas procesadas"),
    "created_count": _("altas"),
    "updated_count": _("actualizaciones"),
    "errors": _("errores"),
    "last_login": _("último ingreso"),
}


def _automatic_name(field) -> bool:
    return str(field.verbose_name) == field.name.replace("_", " ")


def is_internal(field, name: str) -> bool:
    if name in INTERNAL_NAMES or name.endswith(("_hash", "_id", "_key")):
        return True
    if field is None:
        return False
    return isinstance(field, models.AutoField) or field.name in INTERNAL_NAMES


def label(field, name: str) -> str:
    if field is not None and not _automatic_name(field):
        return str(capfirst(field.verbose_name))
    fallback = FALLBACK_LABELS.get(field.name if field is not None else name)
    return str(capfirst(fallback)) if fallback is not None else capfirst(name.replace("_", " "))


def local_text(field, text: str) -> str | None:
    """A stored date or date-time as a person in Mexico reads it; None if `field` is
    neither or the text does not parse."""
    if isinstance(field, models.DateTimeField):
        try:
            value = parse_datetime(text)
        except ValueError:
            return None
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return dateformat.format(value.astimezone(LOCAL_TIME_ZONE), DATETIME_FORMAT)
    if isinstance(field, models.DateField):
        try:
            value = parse_date(text)
        except ValueError:
            return None
        return dateformat.format(value, DATE_FORMAT) if value is not None else None
    return None
