"""Field encryption at rest (AES-256-GCM) and blind indexes for exact lookups.

Keys come from settings.FIELD_ENCRYPTION_KEYS: base64-encoded 32-byte keys, newest
first. New values are always sealed with the newest key; older keys stay readable
until `rotate_encryption_keys` has re-sealed every row. Each token names its key
by a short fingerprint, so decryption never has to guess.

The associated data binds a ciphertext to its column ("app.Model.field"), so a
value copied into another column fails to decrypt instead of being misread.
"""

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CIPHERTEXT_VERSION = "v1"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """A stored value cannot be opened with any configured key."""


@dataclass(frozen=True)
class FieldKey:
    key_id: str
    aead: AESGCM
    index_key: bytes


def _derive(key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(key)


@lru_cache(maxsize=4)
def _keys(raw_keys: tuple[str, ...]) -> tuple[FieldKey, ...]:
    if not raw_keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS está vacío.")
    keys = []
    for position, raw in enumerate(raw_keys, start=1):
        try:
            key = base64.b64decode(raw, validate=True)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: la clave {position} no es base64 válido."
            ) from exc
        if len(key) != 32:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: la clave {position} debe medir 32 bytes."
            )
        key_id = hashlib.sha256(b"impulsa-field-key:" + key).hexdigest()[:10]
        keys.append(
            FieldKey(
                key_id=key_id,
                aead=AESGCM(_derive(key, b"impulsa-field-encryption")),
                index_key=_derive(key, b"impulsa-blind-index"),
            )
        )
    return tuple(keys)


def key_problems(raw_keys) -> list[str]:
    """What makes a FIELD_ENCRYPTION_KEYS value unusable, in Spanish (empty: usable).

    For start-up checks: a bad key should stop the process, not the first read of
    personal data.
    """
    try:
        _keys(tuple(raw_keys))
    except ImproperlyConfigured as exc:
        return [str(exc)]
    return []


def configured_keys() -> tuple[FieldKey, ...]:
    return _keys(tuple(settings.FIELD_ENCRYPTION_KEYS))


def newest_key() -> FieldKey:
    return configured_keys()[0]


def encrypt(plaintext: str, *, context: str) -> str:
    key = newest_key()
    nonce = os.urandom(NONCE_BYTES)
    sealed = key.aead.encrypt(nonce, plaintext.encode(), context.encode())
    return f"{CIPHERTEXT_VERSION}:{key.key_id}:{base64.b64encode(nonce + sealed).decode()}"


def token_key_id(token: str) -> str:
    """The fingerprint of the key that sealed `token` (no decryption needed)."""
    try:
        version, key_id, _sealed = token.split(":", 2)
    except (AttributeError, ValueError):
        raise DecryptionError("Dato cifrado con formato desconocido.") from None
    if version != CIPHERTEXT_VERSION:
        raise DecryptionError(f"Versión de cifrado desconocida: {version}")
    return key_id


def decrypt(token: str, *, context: str) -> str:
    """Open a token sealed by `encrypt` for the same context.

    Raises DecryptionError, never anything else, when the token is malformed,
    altered, sealed for another column, or sealed with a key no longer configured.
    """
    key_id = token_key_id(token)
    for key in configured_keys():
        if key.key_id == key_id:
            try:
                blob = base64.b64decode(token.split(":", 2)[2], validate=True)
            except ValueError as exc:  # binascii.Error, or non-ASCII text
                raise DecryptionError(f"Dato cifrado ilegible ({context}).") from exc
            if len(blob) < NONCE_BYTES + TAG_BYTES:
                raise DecryptionError(f"Dato cifrado incompleto ({context}).")
            try:
                plain = key.aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode())
            except InvalidTag as exc:
                raise DecryptionError(f"Dato alterado o de otra columna ({context}).") from exc
            return plain.decode()
    raise DecryptionError(f"Ninguna clave configurada abre este dato (clave {key_id}).")


def blind_index(value: str, *, context: str) -> str:
    """Keyed hash of a normalized value under the newest key, for storage."""
    return _index(newest_key(), value, context)


def blind_index_candidates(value: str, *, context: str) -> list[str]:
    """The value's hash under every configured key: lookups still match rows that
    the rotation command has not re-indexed yet."""
    return [_index(key, value, context) for key in configured_keys()]


def _index(key: FieldKey, value: str, context: str) -> str:
    message = f"{context}\x00{value}".encode()
    return hmac.new(key.index_key, message, hashlib.sha256).hexdigest()
