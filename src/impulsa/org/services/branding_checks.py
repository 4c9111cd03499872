"""Checks on an institution's branding (colour, custom domain, logo), shared by the
services and the forms and admin that check before the service does."""

import re
import uuid

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import branding
from impulsa.org.models import Institution

DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
COLOR_RE = re.compile(r"^#[0-9A-F]{6}$")

# Logos: raster images only. SVG is refused because it can carry script.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 4000


def check_primary_color(color: str) -> str:
    """Normalize a primary colour ("#0b5d3b" -> "#0B5D3B") or refuse it: white text
    on it must reach the WCAG AA contrast ratio."""
    color = (color or "").strip().upper()
    if not COLOR_RE.match(color):
        raise DomainError(
            _("Escribe el color en formato hexadecimal, por ejemplo #0B5D3B."),
            field="primary_color",
        )
    ratio = branding.contrast_with_white(color)
    if ratio < branding.MIN_CONTRAST:
        raise DomainError(
            _(
                "El color %(c)s no contrasta lo suficiente con texto blanco "
                "(%(r).1f:1; se necesita al menos 4.5:1). Elige un tono más oscuro."
            )
            % {"c": color, "r": ratio},
            field="primary_color",
        )
    return color


def check_custom_domain(domain: str, *, exclude_pk=None, request_host=None) -> str | None:
    """Normalize a custom domain (branding.normalize_domain) or refuse it; blank -> None.

    Refused: malformed names, domains another institution has and the platform's own
    hosts (ALLOWED_HOSTS, the host the request came to). The domain institution
    `exclude_pk` already has passes as it is (it is in ALLOWED_HOSTS once it works).
    """
    domain = branding.normalize_domain(domain)
    if not domain:
        return None
    if exclude_pk and Institution.objects.filter(pk=exclude_pk, custom_domain=domain).exists():
        return domain
    if not DOMAIN_RE.match(domain):
        raise DomainError(
            _("«%(d)s» no es un dominio válido (por ejemplo plantel.conalep.edu.mx).")
            % {"d": domain},
            field="custom_domain",
        )
    if Institution.objects.filter(custom_domain=domain).exclude(pk=exclude_pk).exists():
        raise Conflict(_("Otra institución ya usa ese dominio."), field="custom_domain")
    if domain in branding.platform_hosts(request_host):
        raise DomainError(
            _(
                "«%(d)s» es una dirección de la propia plataforma; no puede ser el dominio "
                "de una institución."
            )
            % {"d": domain},
            field="custom_domain",
        )
    return domain


def custom_domain_change(actor, institution: Institution, value, request_host) -> str | None:
    """The checked new domain; only national staff may change it."""
    unchanged = (branding.normalize_domain(value) or None) == institution.custom_domain
    if not unchanged and not branding.can_set_domains(actor):
        raise AccessDenied(
            _("Solo la administración nacional puede asignar o quitar dominios propios."),
            field="custom_domain",
        )
    return check_custom_domain(value, exclude_pk=institution.pk, request_host=request_host)


def check_logo(file) -> str:
    """Refuse anything but a PNG or JPEG image of at most 1 MB; return the file
    extension that matches its real format."""
    if file.size > LOGO_MAX_BYTES:
        raise DomainError(
            _("El logotipo pesa %(kb)d KB; el máximo es 1 MB (1024 KB).")
            % {"kb": -(-file.size // 1024)},
            field="logo",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise DomainError(
            _(
                "El archivo no es una imagen PNG o JPEG válida. El formato SVG no se acepta "
                "porque puede contener código."
            ),
            field="logo",
        ) from None
    finally:
        file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise DomainError(
            _("El logotipo debe ser una imagen PNG o JPEG (recibimos %(f)s).")
            % {"f": image_format},
            field="logo",
        )
    if max(width, height) > LOGO_MAX_SIDE:
        raise DomainError(
            _("El logotipo mide %(w)d×%(h)d píxeles; el máximo es %(m)d por lado.")
            % {"w": width, "h": height, "m": LOGO_MAX_SIDE},
            field="logo",
        )
    return LOGO_FORMATS[image_format]


def prepare_logo(file, *, institution_code: str):
    """Check an uploaded logo and give it a fresh name whose extension matches its
    real format (so it is always served as an image, whatever it was called)."""
    extension = check_logo(file)
    file.name = f"{institution_code.lower()}-{uuid.uuid4().hex[:12]}.{extension}"
    return file
