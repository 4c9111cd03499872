"""The audit log pages for admins and directors (read-only).

The list answers "who did what, to which object, where and when"; the detail
shows the recorded changes field by field. Encrypted personal data is stored
masked (see accounts/apps.py and audit/masking.py) and is shown masked here,
also for any encrypted field a future registration might forget to mask.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from impulsa.audit import field_labels, masking, selectors
from impulsa.audit.forms import EntryFilterForm
from impulsa.audit.models import AuditEntry
from impulsa.core.errors import AccessDenied
from impulsa.core.fields import EncryptedField
from impulsa.org.api import Role

PAGE_SIZE = 50
MASK = masking.hide("x")

ACTION_LABELS = {
    AuditEntry.Action.CREATE: gettext_lazy("Alta"),
    AuditEntry.Action.UPDATE: gettext_lazy("Cambio"),
    AuditEntry.Action.DELETE: gettext_lazy("Baja"),
    AuditEntry.Action.ACCESS: gettext_lazy("Acceso"),
}

# Events recorded with audit.api.record(); the key lands in additional_data["event"].
EVENT_LABELS = {
    "login": gettext_lazy("Inicio de sesión"),
    "login_failed": gettext_lazy("Inicio de sesión fallido"),
    "logout": gettext_lazy("Cierre de sesión"),
    "2fa_enabled": gettext_lazy("Verificación en dos pasos activada"),
    "2fa_failed": gettext_lazy("Código de verificación incorrecto"),
    "student_import": gettext_lazy("Importación de alumnos"),
    "password_reset": gettext_lazy("Contraseña restablecida por correo"),
    "password_changed": gettext_lazy("Cambio de contraseña"),
    "password_reset_sent": gettext_lazy("Enlace para elegir contraseña enviado"),
    "temporary_password_set": gettext_lazy("Contraseña temporal asignada"),
    "account_created": gettext_lazy("Alta de cuenta"),
    "student_import_rejected": gettext_lazy("Importación de alumnos rechazada"),
    "student_import_failed": gettext_lazy("Importación de alumnos fallida"),
    "course_created": gettext_lazy("Alta de curso"),
    "course_published": gettext_lazy("Publicación de curso"),
    "enrolled": gettext_lazy("Inscripción"),
    "bulk_enrolled": gettext_lazy("Inscripción masiva"),
    "withdrawn": gettext_lazy("Baja de curso"),
}

# Keys that events put in additional_data, as the detail page names them.
DATA_LABELS = {
    "event": gettext_lazy("Evento"),
    "created": gettext_lazy("Altas"),
    "updated": gettext_lazy("Actualizaciones"),
    "unchanged": gettext_lazy("Sin cambios"),
    "rows": gettext_lazy("Filas"),
    "errors": gettext_lazy("Errores"),
    "role": gettext_lazy("Rol"),
    "course": gettext_lazy("Curso"),
    "version": gettext_lazy("Versión"),
}


def _model_field(entry: AuditEntry, name: str):
    """The concrete model field an entry's change names (None if unknown or gone)."""
    model = entry.content_type.model_class()
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete else None


def _is_reverse_relation(entry: AuditEntry, name: str) -> bool:
    """auditlog lists reverse relations on creation ("org.Membership.None"): noise."""
    model = entry.content_type.model_class()
    if model is None:
        return False
    try:
        return not model._meta.get_field(name).concrete
    except FieldDoesNotExist:
        return False


def _label(field, name: str) -> str:
    return field_labels.label(field, name)


def _data(entry: AuditEntry) -> dict:
    return entry.additional_data if isinstance(entry.additional_data, dict) else {}


def what(entry: AuditEntry) -> str:
    """The entry in plain Spanish: the event for accesses, else alta / cambio / baja."""
    if entry.action == AuditEntry.Action.ACCESS:
        event = str(_data(entry).get("event", ""))
        label = EVENT_LABELS.get(event)
        if label is None:
            return _("Acceso (%(event)s)") % {"event": event} if event else _("Acceso")
        return str(label)
    return str(ACTION_LABELS.get(entry.action, entry.get_action_display()))


def changed_field_names(entry: AuditEntry) -> list[str]:
    if entry.action != AuditEntry.Action.UPDATE or not entry.changes:
        return []
    return [
        _label(field, name)
        for name in entry.changes
        if not field_labels.is_internal(field := _model_field(entry, name), name)
    ]


def who(entry: AuditEntry) -> str:
    if entry.actor is not None:
        full_name = entry.actor.get_full_name()
        username = entry.actor.get_username()
        return f"{full_name} ({username})" if full_name else username
    return entry.actor_email or ""


@dataclass(frozen=True)
class ChangeRow:
    field: str
    before: str
    after: str
    masked: bool


_BOOLEAN_TEXT = {"True": gettext_lazy("Sí"), "False": gettext_lazy("No")}


def _display(field, value, cache: dict) -> str:
    """A stored value (auditlog keeps text) as a person reads it; "" when empty."""
    if value in (None, "None", ""):
        return ""
    text = str(value)
    if field is None:
        return text
    if isinstance(field, models.BooleanField):
        return str(_BOOLEAN_TEXT.get(text, text))
    local = field_labels.local_text(field, text)
    if local is not None:
        return local
    if field.choices:
        choices = {str(key): label for key, label in field.flatchoices}
        return str(choices.get(text, text))
    if field.many_to_one or field.one_to_one:
        key = (field.related_model, text)
        if key not in cache:
            try:
                related = field.related_model._base_manager.filter(pk=text).first()
            except (ValueError, ValidationError):  # not a key of that model (any more)
                cache[key] = text
            else:
                cache[key] = (
                    str(related) if related is not None else _("%(id)s (eliminado)") % {"id": text}
                )
        return cache[key]
    return text


def change_rows(entry: AuditEntry) -> list[ChangeRow]:
    """The entry's changes as field / before / after, personal data masked."""
    rows, cache = [], {}
    for name, change in (entry.changes or {}).items():
        if _is_reverse_relation(entry, name):
            continue
        field = _model_field(entry, name)
        if field_labels.is_internal(field, name):
            continue
        label = _label(field, name)
        if isinstance(change, dict):  # many-to-many: {"type", "operation", "objects"}
            objects = ", ".join(str(o) for o in change.get("objects", []))
            added = change.get("operation") == "add"
            rows.append(ChangeRow(label, "" if added else objects, objects if added else "", False))
            continue
        before, after = [*change, None, None][:2]
        masked = isinstance(field, EncryptedField) or MASK in (before, after)
        if masked:
            rows.append(
                ChangeRow(
                    label,
                    MASK if _display(None, before, cache) else "",
                    MASK if _display(None, after, cache) else "",
                    True,
                )
            )
        else:
            rows.append(
                ChangeRow(
                    label, _display(field, before, cache), _display(field, after, cache), False
                )
            )
    return rows


def _additional_data(entry: AuditEntry) -> list[tuple[str, str]]:
    if entry.additional_data and not isinstance(entry.additional_data, dict):
        return [(_("Datos"), str(entry.additional_data))]
    return [
        (str(DATA_LABELS.get(key, field_labels.label(None, key))), _data_value(key, value))
        for key, value in _data(entry).items()
        if key != "event" and not field_labels.is_internal(None, key)
    ]


def _data_value(key: str, value) -> str:
    if key == "role" and value in Role.values:
        return str(Role(value).label)
    return str(value)


def _ensure_auditor(user) -> None:
    if not selectors.can_audit(user):
        raise AccessDenied(_("No tienes acceso a la auditoría."))


@login_required
@require_safe
def entry_list(request):
    _ensure_auditor(request.user)
    form = EntryFilterForm(
        request.GET or None,
        institutions=selectors.audited_institutions(request.user),
        base_depth=selectors.audit_base_depth(request.user),
        content_types=selectors.entry_content_types(request.user),
    )
    if form.is_bound:
        form.is_valid()
    entries = selectors.search(request.user, form.criteria())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, what(entry), changed_field_names(entry), who(entry)) for entry in page]
    return render(
        request,
        "audit/entry_list.html",
        {"form": form, "page": page, "rows": rows, "time_zone": selectors.LOCAL_TIME_ZONE},
    )


@login_required
@require_safe
def entry_detail(request, entry_id: int):
    _ensure_auditor(request.user)
    entry = get_object_or_404(selectors.entries(request.user), pk=entry_id)
    context = {
        "entry": entry,
        "what": what(entry),
        "who": who(entry),
        "changes": change_rows(entry),
        "additional_data": _additional_data(entry),
        "time_zone": selectors.LOCAL_TIME_ZONE,
    }
    return render(request, "audit/entry_detail.html", context)
