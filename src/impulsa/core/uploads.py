"""Uploaded files that other people will download: checked by content, not by name.

Course files (and, later, help-desk and Dual attachments) are served back to other
users, so a file a browser would run (HTML, SVG, JavaScript, XML) must never get
in under any name. The name picks one type from a short allow-list and the
content must prove it: magic bytes (the `filetype` library), Pillow for images
(with their declared size bounded before anything is decoded), the inner
manifest of zip-based documents, a markup check for plain text. The download
side takes its Content-Type and inline-or-attachment choice from the same list,
never from what the browser sent.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from impulsa.core.errors import DomainError


@dataclass(frozen=True)
class FileType:
    extension: str  # the canonical one, with its dot
    content_type: str
    check: str  # magic | image | ooxml | odf | text
    detail: str = ""  # filetype's extension, Pillow's format, the main part, the mimetype

    @property
    def inline(self) -> bool:
        """Only plain raster images may be shown in a page; the rest is downloaded."""
        return self.check == "image"


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
_TYPES = (
    FileType(".pdf", "application/pdf", "magic", "pdf"),
    FileType(".png", "image/png", "image", "PNG"),
    FileType(".jpg", "image/jpeg", "image", "JPEG"),
    FileType(".gif", "image/gif", "image", "GIF"),
    FileType(".webp", "image/webp", "image", "WEBP"),
    FileType(".docx", _OOXML + "wordprocessingml.document", "ooxml", "word/document.xml"),
    FileType(".xlsx", _OOXML + "spreadsheetml.sheet", "ooxml", "xl/workbook.xml"),
    FileType(".pptx", _OOXML + "presentationml.presentation", "ooxml", "ppt/presentation.xml"),
    FileType(".odt", _ODF + "text", "odf", _ODF + "text"),
    FileType(".ods", _ODF + "spreadsheet", "odf", _ODF + "spreadsheet"),
    FileType(".odp", _ODF + "presentation", "odf", _ODF + "presentation"),
    FileType(".txt", "text/plain", "text"),
    FileType(".csv", "text/csv", "text"),
    FileType(".mp3", "audio/mpeg", "magic", "mp3"),
    FileType(".mp4", "video/mp4", "magic", "mp4"),
)
TYPES = {t.extension: t for t in _TYPES} | {".jpeg": _TYPES[2]}
OCTET_STREAM = "application/octet-stream"

# An image's declared size is read from its header before any pixel is decoded.
MAX_IMAGE_SIDE = 10_000
MAX_IMAGE_PIXELS = 40_000_000
# Enough of a text file to tell text from a web page or a binary.
_TEXT_PROBE = 64 * 1024
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")


def type_of(name: str) -> FileType | None:
    """The allowed type a stored file's name stands for (None: not allowed)."""
    return TYPES.get(PurePosixPath(name or "").suffix.lower())


def accept_attribute(types=TYPES) -> str:
    """For `<input type=file accept=...>`: a hint to the browser, not a check."""
    return ",".join(sorted(types))


def safe_name(name: str, file_type: FileType) -> str:
    """A storage name of plain characters with the canonical extension."""
    stem = slugify(PurePosixPath(name or "").stem)[:80] or "archivo"
    return stem + file_type.extension


def check_upload(upload, *, max_bytes: int, types=TYPES, field: str = "file") -> FileType:
    """The allowed type `upload` really is, or DomainError (Spanish) saying why not.

    `types` narrows the allow-list (a mapping of extension to FileType)."""
    file_type = types.get(PurePosixPath(upload.name or "").suffix.lower())
    if file_type is None:
        raise DomainError(
            _(
                "Ese tipo de archivo no se acepta. Puedes subir: %(kinds)s. Por seguridad no "
                "se aceptan páginas web (HTML), SVG, JavaScript ni XML."
            )
            % {"kinds": ", ".join(sorted({t.extension[1:].upper() for t in types.values()}))},
            field=field,
        )
    if not upload.size:
        raise DomainError(_("El archivo está vacío."), field=field)
    if upload.size > max_bytes:
        raise DomainError(
            _("El archivo pesa %(size)s; el máximo es %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            field=field,
        )
    try:
        upload.seek(0)
        error = _CHECKS[file_type.check](upload, file_type)
    finally:
        upload.seek(0)
    if error:
        raise DomainError(error, field=field)
    return file_type


def _mismatch(file_type: FileType) -> str:
    return _(
        "El contenido del archivo no corresponde a un archivo %(ext)s. Revisa que no "
        "esté dañado ni renombrado."
    ) % {"ext": file_type.extension[1:].upper()}


def _magic(upload, file_type: FileType) -> str:
    matcher = filetype.get_type(ext=file_type.detail)
    return "" if matcher and matcher.match(bytearray(upload.read(8192))) else _mismatch(file_type)


def _image(upload, file_type: FileType) -> str:
    try:
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            if image_format != file_type.detail:
                return _mismatch(file_type)
            if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
                return _(
                    "La imagen mide %(w)d×%(h)d píxeles; el máximo es %(side)d por lado y "
                    "40 megapíxeles en total."
                ) % {"w": width, "h": height, "side": MAX_IMAGE_SIDE}
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return _mismatch(file_type)
    return ""


def _zip_names(upload) -> list[str] | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _ooxml(upload, file_type: FileType) -> str:
    names = _zip_names(upload)
    ok = names is not None and "[Content_Types].xml" in names and file_type.detail in names
    return "" if ok else _mismatch(file_type)


def _odf(upload, file_type: FileType) -> str:
    # OpenDocument: the first entry is "mimetype", stored, holding the type itself.
    try:
        with zipfile.ZipFile(upload) as archive:
            first = archive.infolist()[0] if archive.infolist() else None
            if first is None or first.filename != "mimetype" or first.file_size > 100:
                return _mismatch(file_type)
            declared = archive.read(first).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, ValueError):
        return _mismatch(file_type)
    return "" if declared == file_type.detail else _mismatch(file_type)


def _text(upload, file_type: FileType) -> str:
    head = upload.read(_TEXT_PROBE)
    if b"\x00" in head or not _decodes(head):
        return _mismatch(file_type)
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.startswith(b"<") or any(tag in lowered for tag in _MARKUP):
        return _(
            "El archivo parece una página web o XML. Por seguridad solo se acepta texto simple."
        )
    return ""


def _decodes(head: bytes) -> bool:
    """UTF-8 (the probe may cut a character in two) or Windows-1252 (Excel's CSV)."""
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and error.reason == "unexpected end of data":
            return True
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


_CHECKS = {"magic": _magic, "image": _image, "ooxml": _ooxml, "odf": _odf, "text": _text}
