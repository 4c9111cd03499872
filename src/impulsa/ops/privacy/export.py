"""A person's data as a ZIP (the access right, LGPDPPSO Art. 44): one JSON file for
machines and a readable text file per section, gathered through each app's api.py.

Bounded: at most PRIVACY_EXPORT_MAX_ROWS rows per section and PRIVACY_EXPORT_MAX_BYTES
in all (a larger file is refused with a message, and the person files an ARCO request
that staff answer by hand). Built in memory for the one response and never stored, so
no copy of it waits anywhere to leak.
"""

import io
import json
import zipfile

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from impulsa.accounts.api import StudentProfile
from impulsa.core.errors import DomainError
from impulsa.learning.api import grade_percent, my_enrollments
from impulsa.ops.privacy import sharing
from impulsa.ops.privacy.models import ArcoRequest
from impulsa.ops.privacy.notices import acceptances_of
from impulsa.org.api import user_memberships


def _person(user) -> list[dict]:
    row = {
        _("Usuario"): user.username,
        _("Nombre(s)"): user.first_name,
        _("Primer apellido"): user.last_name,
        _("Segundo apellido"): user.second_last_name,
        _("Correo electrónico"): user.email,
        _("CURP"): user.curp or "",
        _("Fecha de nacimiento"): user.birth_date.isoformat() if user.birth_date else "",
        _("Teléfono"): user.phone or "",
        _("Domicilio"): user.address or "",
        _("Alta"): timezone.localtime(user.date_joined).isoformat(),
    }
    profile = StudentProfile.objects.filter(user=user).select_related("campus", "career").first()
    if profile is not None:
        row[_("Matrícula")] = profile.matricula
        row[_("Plantel")] = profile.campus.name
        row[_("Carrera")] = profile.career.name
        row[_("Semestre")] = profile.semester
    return [row]


def _roles(user) -> list[dict]:
    return [
        {_("Rol"): m.get_role_display(), _("Institución"): m.institution.name}
        for m in user_memberships(user)
    ]


def _courses(user, limit: int) -> list[dict]:
    rows = []
    for enrollment in (
        my_enrollments(user).select_related("course").prefetch_related("progress")[:limit]
    ):
        progress = list(enrollment.progress.all())
        rows.append(
            {
                _("Curso"): enrollment.course.name,
                _("Estado"): enrollment.get_status_display(),
                _("Inscrito el"): timezone.localtime(enrollment.created_at).date().isoformat(),
                _("Actividades con avance"): len(progress),
                _("Calificaciones (%)"): [
                    grade_percent(p.score) for p in progress if p.score is not None
                ],
            }
        )
    return rows


def _placements(user, limit: int) -> list[dict]:
    return [
        {
            _("Empresa"): r.company,
            _("Estado"): r.status,
            _("Compartido desde"): r.shared_on.isoformat(),
            _("Hasta"): r.until.isoformat(),
            _("Fundamento"): r.legal_basis,
            _("Datos compartidos"): [str(d) for d in sharing.SHARED_DATA],
        }
        for r in sharing.records(sharing.register_for(user)[:limit])
    ]


def _privacy(user, limit: int) -> list[dict]:
    notices = [
        {
            _("Aviso de privacidad, versión"): a.notice.version,
            _("Aceptado"): a.accepted_at.isoformat(),
        }
        for a in acceptances_of(user)[:limit]
    ]
    requests = [
        {
            _("Folio"): r.folio,
            _("Derecho"): r.get_right_display(),
            _("Estado"): r.get_status_display(),
        }
        for r in ArcoRequest.objects.filter(subject=user)[:limit]
    ]
    return notices + requests


def sections(user) -> dict[str, list[dict]]:
    limit = settings.PRIVACY_EXPORT_MAX_ROWS
    return {
        _("Datos de identificación"): _person(user),
        _("Roles"): _roles(user)[:limit],
        _("Cursos y avance"): _courses(user, limit),
        _("Ecosistema Dual: datos compartidos con empresas"): _placements(user, limit),
        _("Privacidad: avisos aceptados y solicitudes ARCO"): _privacy(user, limit),
    }


def _readable(title: str, rows: list[dict]) -> str:
    lines = [title, "=" * len(title), ""]
    for row in rows:
        lines += [f"{key}: {value}" for key, value in row.items()] + [""]
    if not rows:
        lines.append(_("Sin registros."))
    return "\n".join(lines) + "\n"


def build_zip(user) -> bytes:
    data = sections(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datos.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for number, (title, rows) in enumerate(data.items(), start=1):
            archive.writestr(f"{number:02d}-{_slug(title)}.txt", _readable(title, rows))
        archive.writestr("LEEME.txt", _("Tus datos personales en Impulsa, generados el %(when)s.\n")
                         % {"when": timezone.localtime().strftime("%d/%m/%Y %H:%M")})  # fmt: skip
    content = buffer.getvalue()
    if len(content) > settings.PRIVACY_EXPORT_MAX_BYTES:
        raise DomainError(
            _(
                "Tus datos no caben en una descarga: presenta una solicitud de acceso y el "
                "plantel te los entregará."
            )
        )
    return content


def _slug(title: str) -> str:
    return slugify(title)[:50]
