"""Backup archives are sealed: they open only with a configured key, whole and unchanged."""

import base64
import io
import os

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from impulsa.ops.backups import sealing
from impulsa.ops.backups.sealing import OpeningReader, SealError, SealingWriter

KEY_A = base64.b64encode(b"a" * 32).decode()
KEY_B = base64.b64encode(b"b" * 32).decode()


def _seal(data: bytes) -> bytes:
    sink = io.BytesIO()
    writer = SealingWriter(sink)
    writer.write(data)
    writer.close()
    return sink.getvalue()


def _open(sealed: bytes) -> bytes:
    return OpeningReader(io.BytesIO(sealed)).read()


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=1, max_value=700))
def test_sealed_bytes_open_unchanged_whatever_the_chunking(data, chunk):
    with override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_A]):
        original = sealing.CHUNK_BYTES
        sealing.CHUNK_BYTES = chunk
        try:
            sealed = _seal(data)
        finally:
            sealing.CHUNK_BYTES = original
        assert _open(sealed) == data
        if len(data) > 16:
            assert data not in sealed


@override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_A])
def test_a_changed_byte_is_refused():
    sealed = bytearray(_seal(os.urandom(5000)))
    sealed[-20] ^= 1
    with pytest.raises(SealError, match="dañado"):
        _open(bytes(sealed))


@override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_A])
def test_an_archive_cut_at_a_chunk_boundary_is_refused(monkeypatch):
    monkeypatch.setattr(sealing, "CHUNK_BYTES", 1000)
    sealed = _seal(os.urandom(3500))
    # Header, then chunks of 5 + 1000 + 16 bytes: keep the header and two full chunks.
    header = len(sealing.MAGIC) + 16
    with pytest.raises(SealError, match="incompleto"):
        _open(sealed[: header + 2 * 1021])


def test_an_archive_sealed_before_a_key_rotation_still_opens():
    with override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_A]):
        sealed = _seal(b"respaldo de la semana pasada")
    with override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        assert _open(sealed) == b"respaldo de la semana pasada"
    with (
        override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_B]),
        pytest.raises(SealError, match="Ninguna clave"),
    ):
        _open(sealed)


@override_settings(BACKUP_ENCRYPTION_KEYS=[KEY_A])
def test_a_file_that_is_not_a_backup_is_refused():
    with pytest.raises(SealError, match="no es un respaldo"):
        _open(b"PGDMP" + os.urandom(100))
