"""Encryption of backup archives: AES-256-GCM over a stream, in fixed-size chunks.

`cryptography` has no streaming AEAD, and Fernet (or a single GCM message) needs the
whole archive in memory; a database dump of a national deployment does not fit. So
the archive is cut into 4 MiB chunks, each sealed on its own (the same construction
as age's STREAM or Tink's streaming AEAD, kept minimal here):

    header  = MAGIC | key fingerprint (8) | nonce prefix (8)
    chunk i = length (4, big endian) | final flag (1) | AES-GCM(key, prefix | i, data,
              associated data = header | i | final flag)

The counter in the nonce and the associated data stops chunks being reordered or
dropped; the final flag stops an archive being cut short at a chunk boundary (a
stream that ends without a final chunk is refused). Keys come from
settings.BACKUP_ENCRYPTION_KEYS (base64 32-byte keys, newest first): archives are
sealed with the newest, and the fingerprint in the header picks the key to open one
sealed before a rotation.
"""

import base64
import hashlib
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

MAGIC = b"IMPULSA-BACKUP-1\n"
CHUNK_BYTES = 4 * 1024 * 1024
_HEADER_BYTES = len(MAGIC) + 16
_CHUNK_HEAD = struct.Struct(">IB")


class SealError(Exception):
    """An archive that cannot be opened: wrong key, damaged or cut short."""


def _fingerprint(key: bytes) -> bytes:
    return hashlib.sha256(b"impulsa-backup-key" + key).digest()[:8]


def _keys() -> list[bytes]:
    try:
        keys = [base64.b64decode(raw, validate=True) for raw in settings.BACKUP_ENCRYPTION_KEYS]
    except ValueError:
        keys = []
    if not keys or any(len(key) != 32 for key in keys):
        raise SealError("BACKUP_ENCRYPTION_KEYS debe tener claves base64 de 32 bytes.")
    return keys


class SealingWriter:
    """A write-only file object that seals what is written into `sink`."""

    def __init__(self, sink):
        key = _keys()[0]
        self._sink = sink
        self._aead = AESGCM(key)
        self._prefix = os.urandom(8)
        self._header = MAGIC + _fingerprint(key) + self._prefix
        self._buffer = bytearray()
        self._counter = 0
        sink.write(self._header)

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) >= CHUNK_BYTES:
            # A full buffer is never the last chunk: close() always writes one.
            self._seal(bytes(self._buffer[:CHUNK_BYTES]), final=False)
            del self._buffer[:CHUNK_BYTES]
        return len(data)

    def close(self) -> None:
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()

    def _seal(self, data: bytes, *, final: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._counter)
        aad = self._header + struct.pack(">IB", self._counter, final)
        sealed = self._aead.encrypt(nonce, data, aad)
        self._sink.write(_CHUNK_HEAD.pack(len(sealed), final) + sealed)
        self._counter += 1


class OpeningReader:
    """A read-only file object giving back the plain bytes of a sealed `source`."""

    def __init__(self, source):
        self._source = source
        header = source.read(_HEADER_BYTES)
        if len(header) != _HEADER_BYTES or not header.startswith(MAGIC):
            raise SealError("El archivo no es un respaldo de Impulsa.")
        fingerprint, self._prefix = header[len(MAGIC) : -8], header[-8:]
        key = next((k for k in _keys() if _fingerprint(k) == fingerprint), None)
        if key is None:
            raise SealError("Ninguna clave de BACKUP_ENCRYPTION_KEYS abre este respaldo.")
        self._aead = AESGCM(key)
        self._header = header
        self._counter = 0
        self._plain = bytearray()
        self._finished = False

    def read(self, size: int = -1) -> bytes:
        while not self._finished and (size < 0 or len(self._plain) < size):
            self._open_next()
        if size < 0:
            size = len(self._plain)
        data = bytes(self._plain[:size])
        del self._plain[:size]
        return data

    def _open_next(self) -> None:
        head = self._source.read(_CHUNK_HEAD.size)
        if len(head) != _CHUNK_HEAD.size:
            raise SealError("El respaldo está incompleto (termina antes de tiempo).")
        length, final = _CHUNK_HEAD.unpack(head)
        if length > CHUNK_BYTES + 16:
            raise SealError("El respaldo está dañado.")
        sealed = self._source.read(length)
        nonce = self._prefix + struct.pack(">I", self._counter)
        aad = self._header + struct.pack(">IB", self._counter, final)
        try:
            self._plain += self._aead.decrypt(nonce, sealed, aad)
        except InvalidTag as exc:
            raise SealError("El respaldo está dañado o se selló con otra clave.") from exc
        self._counter += 1
        self._finished = bool(final)
