"""Helpers for the org tests: uploaded images and a throw-away media folder."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_upload(name="logo.png", *, image_format="PNG", size=(40, 40), noise=False):
    """An uploaded image file made with Pillow (random pixels make it large)."""
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (11, 93, 59))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded logos land in a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path
