"""Writes to a content page's draft: its variants (text, worked example, video) and
its files. Like every authoring service: the actor may author the course, one
transaction, DomainError in Spanish, and the course is marked as changed.
Published versions keep what they froze (publishing/services.py)."""

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.core import uploads
from impulsa.core.errors import DomainError
from impulsa.learning.authoring.services import clean_title, course_of, ensure_author, touch
from impulsa.learning.content.kinds import CONTENT
from impulsa.learning.models import (
    Activity,
    ActivityVariant,
    Attachment,
    VariantKind,
)

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@transaction.atomic
def save_variant(
    *, actor, activity: Activity, kind: str, body: str = "", video_url: str = ""
) -> ActivityVariant:
    course = course_of(activity)
    ensure_author(actor, course)
    if activity.kind != CONTENT:
        raise DomainError(_("Solo las páginas de contenido tienen variantes."))
    if kind not in VariantKind.values:
        raise DomainError(_("Elige el tipo de variante."), field="kind")
    body, video_url = body.strip(), video_url.strip()
    if kind == VariantKind.VIDEO and not video_url:
        raise DomainError(_("Escribe el enlace del video."), field="video_url")
    if kind == VariantKind.VIDEO and not video_url.startswith("https://"):
        raise DomainError(_("El enlace del video debe empezar con https://."), field="video_url")
    if kind != VariantKind.VIDEO and not body:
        raise DomainError(_("Escribe el contenido."), field="body")
    variant, _created = ActivityVariant.objects.update_or_create(
        activity=activity, kind=kind, defaults={"body": body, "video_url": video_url}
    )
    touch(course)
    return variant


@transaction.atomic
def delete_variant(*, actor, variant: ActivityVariant) -> None:
    course = course_of(variant.activity)
    ensure_author(actor, course)
    variant.delete()
    touch(course)


@transaction.atomic
def add_attachment(*, actor, activity: Activity, title: str, upload) -> Attachment:
    course = course_of(activity)
    ensure_author(actor, course)
    if upload is None:
        raise DomainError(_("Elige un archivo."), field="file")
    title = clean_title(title or upload.name)
    # Students download what designers upload: only types proven by their content.
    upload.name = uploads.safe_name(
        upload.name, uploads.check_upload(upload, max_bytes=MAX_ATTACHMENT_BYTES)
    )
    attachment = Attachment.objects.create(
        activity=activity, title=title, file=upload, size=upload.size
    )
    touch(course)
    return attachment


@transaction.atomic
def delete_attachment(*, actor, attachment: Attachment) -> None:
    """Remove a file from the draft; published versions that link it keep the file."""
    course = course_of(attachment.activity)
    ensure_author(actor, course)
    attachment.delete()
    touch(course)
