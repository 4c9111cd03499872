"""Field encryption (AES-256-GCM) and blind indexes, at the level of core/crypto.py."""

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from impulsa.core import crypto

KEY_OLD = base64.b64encode(bytes(range(32))).decode()
KEY_NEW = base64.b64encode(bytes(range(100, 132))).decode()
CURP_COLUMN = "accounts.User.curp"
PHONE_COLUMN = "accounts.User.phone"


def _blob(token: str) -> bytes:
    return base64.b64decode(token.split(":", 2)[2])


def _with_blob(token: str, blob: bytes) -> str:
    version, key_id, _ = token.split(":", 2)
    return f"{version}:{key_id}:{base64.b64encode(blob).decode()}"


@given(st.text())
def test_any_text_survives_encryption_round_trip(text):
    token = crypto.encrypt(text, context=CURP_COLUMN)
    assert crypto.decrypt(token, context=CURP_COLUMN) == text


def test_token_names_format_version_and_key_and_hides_the_text():
    token = crypto.encrypt("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    version, key_id, _sealed = token.split(":", 2)
    assert version == crypto.CIPHERTEXT_VERSION
    assert key_id == crypto.newest_key().key_id
    assert "PEMA" not in token
    assert b"PEMA080315HJCRRNA8" not in _blob(token)


def test_each_encryption_uses_a_fresh_nonce():
    tokens = [crypto.encrypt("PEMA080315HJCRRNA8", context=CURP_COLUMN) for _ in range(200)]
    nonces = {_blob(token)[: crypto.NONCE_BYTES] for token in tokens}
    assert len(set(tokens)) == 200
    assert len(nonces) == 200


def test_ciphertext_moved_to_another_column_fails():
    token = crypto.encrypt("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    with pytest.raises(crypto.DecryptionError, match="otra columna"):
        crypto.decrypt(token, context=PHONE_COLUMN)


@given(st.data())
def test_any_tampered_byte_is_detected(data):
    token = crypto.encrypt("Av. Juárez 976, Guadalajara", context="accounts.User.address")
    blob = bytearray(_blob(token))
    position = data.draw(st.integers(min_value=0, max_value=len(blob) - 1))
    flip = data.draw(st.integers(min_value=1, max_value=255))
    blob[position] ^= flip
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(_with_blob(token, bytes(blob)), context="accounts.User.address")


def test_truncated_or_extended_ciphertext_is_detected():
    token = crypto.encrypt("3312345678", context=PHONE_COLUMN)
    blob = _blob(token)
    for altered in (blob[:-1], blob + b"\x00", blob[: crypto.NONCE_BYTES], b""):
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(_with_blob(token, altered), context=PHONE_COLUMN)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "PEMA080315HJCRRNA8",
        "v1:sin-datos",
        "v2:abcdef0123:AAAA",
        "v1:{key}:esto no es base64!",
        "v1:{key}:ñandú",
    ],
)
def test_malformed_tokens_raise_decryption_error_only(token):
    token = token.format(key=crypto.newest_key().key_id)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context=CURP_COLUMN)


def test_token_of_a_key_no_longer_configured_fails_clearly(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_OLD]
    token = crypto.encrypt("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    settings.FIELD_ENCRYPTION_KEYS = [KEY_NEW]
    with pytest.raises(crypto.DecryptionError, match="Ninguna clave"):
        crypto.decrypt(token, context=CURP_COLUMN)


def test_new_values_use_the_newest_key_and_old_ones_stay_readable(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_OLD]
    old_token = crypto.encrypt("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    old_id = crypto.token_key_id(old_token)

    settings.FIELD_ENCRYPTION_KEYS = [KEY_NEW, KEY_OLD]
    new_token = crypto.encrypt("PEMA080315HJCRRNA8", context=CURP_COLUMN)

    assert crypto.token_key_id(new_token) != old_id
    assert crypto.token_key_id(new_token) == crypto.newest_key().key_id
    assert crypto.decrypt(old_token, context=CURP_COLUMN) == "PEMA080315HJCRRNA8"
    assert crypto.decrypt(new_token, context=CURP_COLUMN) == "PEMA080315HJCRRNA8"


def test_blind_index_is_deterministic_keyed_and_bound_to_its_column(settings):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_OLD]
    under_old = crypto.blind_index("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    assert under_old == crypto.blind_index("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    assert under_old != crypto.blind_index("PEMA080315HJCRRNA8", context=PHONE_COLUMN)
    assert under_old != crypto.blind_index("LOMS100720MMCPRFA0", context=CURP_COLUMN)
    assert len(under_old) == 64
    assert "PEMA" not in under_old

    settings.FIELD_ENCRYPTION_KEYS = [KEY_NEW, KEY_OLD]
    under_new = crypto.blind_index("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    assert under_new != under_old
    candidates = crypto.blind_index_candidates("PEMA080315HJCRRNA8", context=CURP_COLUMN)
    assert candidates == [under_new, under_old]


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ([], "vacío"),
        (["esto-no-es-base64"], "clave 1 no es base64"),
        ([KEY_NEW, base64.b64encode(b"corta").decode()], "clave 2 debe medir 32 bytes"),
    ],
)
def test_unusable_keys_are_refused_with_a_clear_message(settings, keys, message):
    settings.FIELD_ENCRYPTION_KEYS = keys
    with pytest.raises(ImproperlyConfigured, match=message):
        crypto.encrypt("x", context=CURP_COLUMN)


def test_key_problems_name_what_is_wrong_for_start_up_checks():
    assert crypto.key_problems([KEY_NEW, KEY_OLD]) == []
    assert crypto.key_problems([]) == ["FIELD_ENCRYPTION_KEYS está vacío."]
    assert crypto.key_problems([KEY_NEW, "corta"]) == [
        "FIELD_ENCRYPTION_KEYS: la clave 2 no es base64 válido."
    ]
