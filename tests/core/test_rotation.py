"""Key rotation: old rows stay readable and findable, then `rotate_encryption_keys`
re-seals everything so the old key can be dropped."""

import base64
import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from impulsa.accounts.models import User
from impulsa.audit.models import AuditEntry
from impulsa.core import crypto
from tests.factories import UserFactory, make_curp

pytestmark = pytest.mark.django_db

OLD_KEY = base64.b64encode(bytes(range(32))).decode()
NEW_KEY = base64.b64encode(bytes(range(200, 232))).decode()
COLUMNS = ("curp", "birth_date", "phone", "address")


def _key_id(raw_key: str) -> str:
    return crypto._keys((raw_key,))[0].key_id


def _raw_rows(users) -> dict[int, dict[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, curp, birth_date, phone, address, curp_hash FROM accounts_user "
            "WHERE id = ANY(%s)",
            [[u.pk for u in users]],
        )
        return {
            row[0]: dict(zip((*COLUMNS, "curp_hash"), row[1:], strict=True))
            for row in cursor.fetchall()
        }


@pytest.fixture
def people_under_old_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    people = [
        UserFactory(
            curp=make_curp(seed),
            birth_date=datetime.date(2008, 1, 1) + datetime.timedelta(days=seed),
            phone=f"33 1000 {seed:04d}",
            address=f"Calle Hidalgo {seed}, Zapopan",
        )
        for seed in range(7)
    ]
    people.append(UserFactory(curp="", phone=""))  # nothing personal to re-seal
    stored = User.objects.filter(pk__in=[p.pk for p in people])
    return {p.pk: (p.curp, p.birth_date, p.phone, p.address) for p in stored}


def _assert_readable_and_findable(expected):
    for pk, (curp, birth_date, phone, address) in expected.items():
        user = User.objects.get(pk=pk)
        assert (user.curp, user.birth_date, user.phone, user.address) == (
            curp,
            birth_date,
            phone,
            address,
        )
        if curp:
            assert list(User.objects.with_curp(curp).values_list("pk", flat=True)) == [pk]


def test_rotation_keeps_every_row_readable_and_findable(settings, people_under_old_key):
    users = User.objects.filter(pk__in=people_under_old_key)
    for raw in _raw_rows(users).values():
        assert all(raw[c] is None or raw[c].split(":")[1] == _key_id(OLD_KEY) for c in COLUMNS)

    # 1. The new key goes first; the old one stays so old rows remain readable.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    _assert_readable_and_findable(people_under_old_key)

    # 2. Re-seal everything under the new key.
    audit_entries = AuditEntry.objects.count()
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "accounts.User:" in out.getvalue()
    assert AuditEntry.objects.count() == audit_entries  # re-sealing is not a change

    # 3. The old key is gone: everything is still readable and findable.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    _assert_readable_and_findable(people_under_old_key)
    new_id = _key_id(NEW_KEY)
    hash_field = User._meta.get_field("curp_hash")
    for pk, raw in _raw_rows(users).items():
        curp = people_under_old_key[pk][0]
        for column in COLUMNS:
            assert raw[column] is None or raw[column].split(":")[1] == new_id
        assert raw["curp_hash"] == (hash_field.candidates(curp)[0] if curp else "")


def test_rotation_in_small_batches_is_idempotent(settings, people_under_old_key):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_encryption_keys", batch_size=3, stdout=StringIO())
    first = _raw_rows(User.objects.filter(pk__in=people_under_old_key))
    call_command("rotate_encryption_keys", batch_size=3, stdout=StringIO())

    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    _assert_readable_and_findable(people_under_old_key)
    second = _raw_rows(User.objects.filter(pk__in=people_under_old_key))
    assert {pk: row["curp_hash"] for pk, row in first.items()} == {
        pk: row["curp_hash"] for pk, row in second.items()
    }


def test_without_rotation_dropping_the_old_key_makes_old_rows_unreadable(
    settings, people_under_old_key
):
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    pk = next(pk for pk, values in people_under_old_key.items() if values[0])
    with pytest.raises(crypto.DecryptionError, match="Ninguna clave"):
        User.objects.get(pk=pk)
