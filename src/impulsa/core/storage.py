"""Private storage (see STORAGES["private"]): files no URL serves directly.

Import files with personal data stay there for good; uploads other people
download (course files, and later help-desk and Dual attachments) leave it only
through `private_file_response`, called by a view after its access check.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header

from impulsa.core.uploads import OCTET_STREAM, type_of


class _PrivateStorage(LazyObject):
    """Resolves STORAGES["private"] on use (a FileField keeps the object its storage
    callable returned at import time; this proxy follows later settings changes)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _forget_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    return _private


# A served file must never act as a page of our origin: the browser may not guess
# another type (nosniff), and if it renders the file anyway it is a sandboxed,
# script-less document with no access to our cookies or origin.
SANDBOX_CSP = "sandbox; default-src 'none'"
# A presigned URL is handed to one viewer who just passed the access check.
PRESIGNED_SECONDS = 60


def private_file_response(name: str, *, download_name: str):
    """Serve private file `name` (the caller has checked access). Content-Type comes
    from the upload allow-list, never from the uploader; anything but a plain raster
    image is sent as a download. nginx (X-Accel-Redirect) or S3 (a presigned URL)
    send the bytes in production; locally Django streams them."""
    file_type = type_of(name)
    content_type = file_type.content_type if file_type else OCTET_STREAM
    disposition = content_disposition_header(
        not (file_type and file_type.inline), " ".join(download_name.split()) or "archivo"
    )
    if settings.STORAGE_BACKEND == "s3":
        url = _private.url(
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
            },
            expire=PRESIGNED_SECONDS,
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"
    elif settings.PRIVATE_FILES_ACCEL_PREFIX:
        # nginx keeps Content-Type, Content-Disposition and Cache-Control, and adds
        # nosniff and the sandbox itself (deploy/nginx.conf) on the bytes it sends.
        response = HttpResponse(content_type=content_type)
        prefix = settings.PRIVATE_FILES_ACCEL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(name)}"
    else:
        if not _private.exists(name):
            raise Http404
        response = FileResponse(_private.open(name, "rb"), content_type=content_type)
    if not isinstance(response, HttpResponseRedirect):
        response["Cache-Control"] = "private, max-age=3600"
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response
