"""Course files: only types proven by their content get in, they live in private
storage, and only the course's students and authors download them, as files that
cannot run as a page of our origin (issue 7, security 1)."""

import importlib
import io
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from impulsa.core import uploads
from impulsa.core.errors import DomainError
from impulsa.learning.content import services as content_services
from impulsa.learning.models import (
    ActivityVariant,
    Attachment,
    EnrollmentStatus,
    PublishedActivity,
    VariantKind,
)
from impulsa.learning.publishing import services as publishing
from tests.learning_builders import build_course, enroll

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><script src='/media/learning/x.js'></script></html>"


def _image(fmt: str, size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, fmt)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.fixture
def dirs(settings, tmp_path):
    """Public media and private storage in this test's own folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path


def _stored(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def course(world, dirs):
    """A published national course with a PDF and a PNG on its content page, the
    image embedded in the page; student A1 enrolled."""
    built = build_course(world.designer, institution=world.national, publish=False)
    pdf = content_services.add_attachment(
        actor=world.designer, activity=built.content, title="Guía de estudio",
        upload=SimpleUploadedFile("guia.pdf", PDF, content_type="text/html"),
    )  # fmt: skip
    png = content_services.add_attachment(
        actor=world.designer, activity=built.content, title="Diagrama",
        upload=SimpleUploadedFile("diagrama.PNG", _image("PNG")),
    )  # fmt: skip
    url = reverse("player:attachment", kwargs={"attachment_id": png.pk})
    content_services.save_variant(
        actor=world.designer, activity=built.content, kind=VariantKind.TEXT,
        body=f"Mira el diagrama:\n\n![Diagrama]({url})",
    )  # fmt: skip
    publishing.publish(actor=world.designer, course=built.course)
    built.course.refresh_from_db()
    built.enrollment = enroll(world.alice, world.student_a1, built.course)
    built.pdf, built.png = pdf, png
    return built


def _download(client, attachment):
    return client.get(reverse("player:attachment", kwargs={"attachment_id": attachment.pk}))


# --- What gets in -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pagina.html", HTML, "Ese tipo de archivo no se acepta"),
        ("codigo.js", b"fetch('/instituciones/')", "Ese tipo de archivo no se acepta"),
        ("dibujo.svg", b"<svg><script>alert(1)</script></svg>", "Ese tipo de archivo no se acepta"),
        ("datos.xml", b"<?xml version='1.0'?><a/>", "Ese tipo de archivo no se acepta"),
        ("guia.pdf", HTML, "no corresponde a un archivo PDF"),
        ("foto.png", HTML, "no corresponde a un archivo PNG"),
        ("notas.txt", HTML, "parece una página web"),
        ("tabla.docx", _zip({"[Content_Types].xml": b"<Types/>"}), "no corresponde a un archivo DOCX"),
        ("texto.odt", _zip({"mimetype": b"text/html"}), "no corresponde a un archivo ODT"),
    ],
)  # fmt: skip
def test_a_file_a_browser_would_run_is_refused_and_nothing_is_stored(
    world, login, dirs, name, content, message
):
    built = build_course(world.designer, institution=world.national, publish=False)
    url = reverse("authoring:attachment_add", kwargs={"activity_id": built.content.pk})

    response = login(world.designer).post(
        url, {"file-title": "", "file-file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert message in response.text
    assert not Attachment.objects.exists()
    assert _stored(dirs) == []


def test_size_and_image_dimensions_are_bounded():
    big = SimpleUploadedFile("guia.pdf", PDF + b"0" * 2048)
    with pytest.raises(DomainError, match="el máximo es 1"):
        uploads.check_upload(big, max_bytes=1024)
    with pytest.raises(DomainError, match="vacío"):
        uploads.check_upload(SimpleUploadedFile("a.pdf", b""), max_bytes=1024)
    wide = SimpleUploadedFile("ancha.png", _image("PNG", (uploads.MAX_IMAGE_SIDE + 1, 1)))
    with pytest.raises(DomainError, match="píxeles"):
        uploads.check_upload(wide, max_bytes=10**7)


@given(st.binary(min_size=1, max_size=512))
def test_bytes_that_do_not_prove_their_type_are_refused(data):
    names = ["a.png", "a.gif", "a.webp", "a.docx", "a.odt", "a.mp4"]
    names += [] if data.startswith(b"%PDF-") else ["a.pdf"]
    for name in names:
        with pytest.raises(DomainError):
            uploads.check_upload(SimpleUploadedFile(name, data), max_bytes=1024)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("guia.pdf", PDF, "application/pdf"),
        ("foto.jpeg", _image("JPEG"), "image/jpeg"),
        ("animada.gif", _image("GIF"), "image/gif"),
        ("moderna.webp", _image("WEBP"), "image/webp"),
        ("reporte.docx", DOCX, uploads.TYPES[".docx"].content_type),
        ("reporte.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("lista.csv", "nombre,calificación\nAna,10\n".encode("cp1252"), "text/csv"),
        ("audio.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64, "audio/mpeg"),
        ("video.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64, "video/mp4"),
    ],
)  # fmt: skip
def test_allowed_types_are_kept_in_private_storage(world, dirs, name, content, content_type):
    built = build_course(world.designer, institution=world.national, publish=False)

    attachment = content_services.add_attachment(
        actor=world.designer, activity=built.content, title="",
        upload=SimpleUploadedFile(name, content),
    )  # fmt: skip

    assert attachment.title == name
    assert attachment.file.name.startswith("learning/files/")
    assert _stored(dirs) == [f"private/{attachment.file.name}"]
    assert uploads.type_of(attachment.file.name).content_type == content_type


# --- Who downloads, and how -------------------------------------------------------------


def test_an_enrolled_student_downloads_a_file_that_cannot_run(world, login, course):
    response = _download(login(world.student_a1), course.pdf)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # The type comes from the allow-list, not from what the uploader's browser said.
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Gu" in response["Content-Disposition"] and ".pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_raster_image_is_shown_inline_in_the_page(world, login, course):
    client = login(world.student_a1)
    page = client.get(
        reverse(
            "player:activity",
            kwargs={"enrollment_id": course.enrollment.pk, "activity_key": course.content.key},
        )
    )
    image_url = reverse("player:attachment", kwargs={"attachment_id": course.png.pk})
    pdf_url = reverse("player:attachment", kwargs={"attachment_id": course.pdf.pk})
    assert f'src="{image_url}"' in page.text and f'href="{pdf_url}"' in page.text
    assert "/media/" not in page.text

    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


@pytest.mark.parametrize("who", ["student_a2", "student_b1", "teacher_a1", "bob", "designer_b"])
def test_nobody_else_downloads_a_course_file(world, login, course, who):
    client = login(getattr(world, who))
    assert _download(client, course.pdf).status_code == 404
    assert _download(client, course.png).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, course):
    response = _download(client, course.pdf)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_withdrawn_student_no_longer_downloads(world, login, course):
    type(course.enrollment).objects.filter(pk=course.enrollment.pk).update(
        status=EnrollmentStatus.WITHDRAWN
    )
    assert _download(login(world.student_a1), course.pdf).status_code == 404


def test_a_draft_file_is_for_authors_only(world, login, course):
    draft = content_services.add_attachment(
        actor=world.designer, activity=course.content, title="Borrador",
        upload=SimpleUploadedFile("borrador.txt", "Aún no se publica.".encode()),
    )  # fmt: skip

    assert _download(login(world.student_a1), draft).status_code == 404
    response = _download(login(world.designer), draft)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_removed_from_the_draft_stays_for_the_published_version(world, login, course):
    removed = Attachment(pk=course.pdf.pk)
    content_services.delete_attachment(actor=world.designer, attachment=course.pdf)

    assert not Attachment.objects.filter(pk=removed.pk).exists()
    assert _download(login(world.student_a1), removed).status_code == 200
    assert _download(login(world.designer), removed).status_code == 200
    assert _download(login(world.student_a2), removed).status_code == 404


def test_the_designers_pages_link_the_download_view(world, login, course):
    client = login(world.designer)
    image_url = reverse("player:attachment", kwargs={"attachment_id": course.png.pk})
    edit = client.get(reverse("authoring:activity_edit", kwargs={"activity_id": course.content.pk}))
    preview = client.get(
        reverse("authoring:activity_preview", kwargs={"activity_id": course.content.pk})
    )
    assert f"![Diagrama]({image_url})" in edit.text
    assert f'src="{image_url}"' in preview.text
    assert reverse("player:attachment", kwargs={"attachment_id": course.pdf.pk}) in preview.text
    assert "/media/" not in edit.text + preview.text


def test_no_public_media_route_serves_course_files(world, login, course, dirs):
    legacy = dirs / "media" / "learning" / "files" / "pagina.html"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(HTML)
    client = login(world.student_a1)

    assert client.get("/media/learning/files/pagina.html").status_code == 404
    assert client.get(f"/media/{course.pdf.file.name}").status_code == 404


def test_behind_nginx_the_view_answers_with_x_accel_redirect(world, login, course, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/_privado/"

    response = _download(login(world.student_a1), course.pdf)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_privado/{course.pdf.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_with_s3_the_view_redirects_to_a_short_lived_download_url(world, login, course, settings):
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "impulsa",
                "location": "private",
                "access_key": "clave",
                "secret_key": "secreto",
                "region_name": "us-east-1",
                "endpoint_url": "https://s3.example.mx",
                "querystring_auth": True,
                "signature_version": "s3v4",
            },
        },
    }

    response = _download(login(world.student_a1), course.pdf)

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://s3.example.mx/impulsa/private/learning/files/")
    assert "response-content-disposition=attachment" in location
    assert "response-content-type=application%2Fpdf" in location
    assert "X-Amz-Expires=60" in location


# --- The data migration -----------------------------------------------------------------


def test_the_migration_moves_existing_files_and_relinks_pages(world, course, dirs):
    migration = importlib.import_module(
        "impulsa.learning.migrations.0004_attachment_private_storage"
    )
    public, private = storages["default"], storages["private"]
    name = "learning/files/2026/05/viejo.png"
    public.save(name, io.BytesIO(_image("PNG")))
    Attachment.objects.filter(pk=course.png.pk).update(file=name)
    old_url = public.url(name)
    variant = ActivityVariant.objects.get(activity=course.content)
    ActivityVariant.objects.filter(pk=variant.pk).update(body=f"![D]({old_url})")
    row = PublishedActivity.objects.get(key=course.content.key)
    row.variants = [{"kind": "text", "html": f'<img src="{old_url}">', "video_url": ""}]
    row.attachments = [{"title": "Diagrama", "url": old_url, "size": 10}]
    row.save()

    migration.forwards(apps, None)

    new_url = f"/aprender/archivos/{course.png.pk}/"
    assert not public.exists(name) and private.exists(name)
    assert ActivityVariant.objects.get(pk=variant.pk).body == f"![D]({new_url})"
    row.refresh_from_db()
    assert row.variants[0]["html"] == f'<img src="{new_url}">'
    assert row.attachments == [{"id": course.png.pk, "name": name, "title": "Diagrama", "size": 10}]

    migration.backwards(apps, None)

    assert public.exists(name) and not private.exists(name)
    assert ActivityVariant.objects.get(pk=variant.pk).body == f"![D]({old_url})"
    row.refresh_from_db()
    assert row.attachments == [{"title": "Diagrama", "url": old_url, "size": 10}]


def test_the_shipped_deploy_serves_course_files_only_after_the_apps_check():
    deploy = Path(__file__).resolve().parents[2] / "deploy"
    env = (deploy / "impulsa.env").read_text()
    nginx = (deploy / "nginx.conf").read_text()
    assert "\nPRIVATE_FILES_ACCEL_PREFIX=/_privado/\n" in env
    assert "location /_privado/ {\n        internal;\n" in nginx
    assert "/media/learning" not in nginx
