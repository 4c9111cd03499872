"""Encrypted model fields and the CURP blind index, proven against the database itself."""

import datetime

import pytest
from django import forms
from django.core.exceptions import FieldError
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impulsa.accounts.models import User
from impulsa.core import crypto
from tests.factories import UserFactory, make_curp

pytestmark = pytest.mark.django_db

PERSONAL_COLUMNS = ("curp", "birth_date", "phone", "address")


@pytest.fixture
def person():
    return UserFactory(
        username="2614777",
        curp="PEMA080315HJCRRNA8",
        birth_date=datetime.date(2008, 3, 15),
        phone="33 1234 5678",
        address="Av. Juárez 976, Col. Centro, Guadalajara",
    )


def _raw(user, columns=(*PERSONAL_COLUMNS, "curp_hash")) -> dict[str, str | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM accounts_user WHERE id = %s",  # noqa: S608
            [user.pk],
        )
        return dict(zip(columns, cursor.fetchone(), strict=True))


def _raw_row_text(user) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(u)::text FROM accounts_user u WHERE id = %s", [user.pk])
        return cursor.fetchone()[0]


def test_database_row_holds_no_plaintext_personal_data_while_orm_returns_it(person):
    row = _raw_row_text(person)
    for secret in (
        "PEMA080315HJCRRNA8",
        "PEMA",
        "2008-03-15",
        "15/03/2008",
        "20080315",
        "1234 5678",
        "12345678",
        "Juárez",
        "Guadalajara",
    ):
        assert secret not in row
    raw = _raw(person)
    for column in PERSONAL_COLUMNS:
        assert raw[column].startswith(f"v1:{crypto.newest_key().key_id}:")

    loaded = User.objects.get(pk=person.pk)
    assert loaded.curp == "PEMA080315HJCRRNA8"
    assert loaded.birth_date == datetime.date(2008, 3, 15)
    assert loaded.phone == "33 1234 5678"
    assert loaded.address == "Av. Juárez 976, Col. Centro, Guadalajara"
    assert list(User.objects.filter(pk=person.pk).values_list("curp", "birth_date")) == [
        ("PEMA080315HJCRRNA8", datetime.date(2008, 3, 15))
    ]


def test_every_save_reseals_with_a_fresh_nonce(person):
    first = _raw(person)
    person.save()
    second = _raw(person)
    for column in PERSONAL_COLUMNS:
        assert first[column] != second[column]
    assert first["curp_hash"] == second["curp_hash"]
    assert User.objects.get(pk=person.pk).curp == "PEMA080315HJCRRNA8"


def test_ciphertext_copied_into_another_column_is_refused(person):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET phone = curp WHERE id = %s", [person.pk])
    with pytest.raises(crypto.DecryptionError, match="otra columna"):
        User.objects.get(pk=person.pk)


def test_tampered_column_is_refused(person):
    token = _raw(person)["address"]
    head, sealed = token.rsplit(":", 1)
    tampered = f"{head}:{sealed[:-6]}{'A' if sealed[-6] != 'A' else 'B'}{sealed[-5:]}"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET address = %s WHERE id = %s", [tampered, person.pk])
    with pytest.raises(crypto.DecryptionError):
        User.objects.get(pk=person.pk)


def test_lookup_by_curp_goes_through_the_blind_index(person):
    other = UserFactory(curp=make_curp(77))
    assert list(User.objects.with_curp("PEMA080315HJCRRNA8")) == [person]
    assert list(User.objects.with_curp(" pema-080315-hjcrrna8 ")) == [person]
    assert list(User.objects.with_curp(other.curp)) == [other]
    assert not User.objects.with_curp("LOMS100720MMCPRFA0").exists()
    stored_hash = _raw(person)["curp_hash"]
    assert len(stored_hash) == 64
    assert "PEMA" not in stored_hash


@pytest.mark.parametrize(
    "lookup",
    [
        {"curp": "PEMA080315HJCRRNA8"},
        {"curp__iexact": "pema080315hjcrrna8"},
        {"curp__icontains": "PEMA"},
        {"curp__startswith": "PEMA"},
        {"curp__in": ["PEMA080315HJCRRNA8"]},
        {"phone": "33 1234 5678"},
        {"address__contains": "Juárez"},
        {"birth_date": datetime.date(2008, 3, 15)},
        {"birth_date__gte": datetime.date(2008, 1, 1)},
        {"birth_date__year": 2008},
    ],
)
def test_filtering_on_an_encrypted_field_is_refused(person, lookup):
    with pytest.raises(FieldError):
        list(User.objects.filter(**lookup))
    with pytest.raises(FieldError):
        list(User.objects.exclude(**lookup))


def test_only_null_checks_are_allowed_on_encrypted_fields(person):
    without_phone = UserFactory(phone="")
    assert set(User.objects.filter(phone__isnull=False)) >= {person}
    assert without_phone in User.objects.filter(phone__isnull=True)


def test_empty_values_are_stored_as_null_without_blind_index():
    user = UserFactory(curp="", phone="   ", address=None)
    raw = _raw(user)
    assert raw["curp"] is None
    assert raw["phone"] is None
    assert raw["address"] is None
    assert raw["curp_hash"] == ""
    user.refresh_from_db()
    assert user.curp is None


def test_partial_save_of_the_curp_keeps_its_blind_index_current(person):
    new_curp = "LOMS100720MMCPRFA0"
    person.curp = new_curp
    person.save(update_fields=["curp"])

    assert list(User.objects.with_curp(new_curp)) == [person]
    assert not User.objects.with_curp("PEMA080315HJCRRNA8").exists()
    assert _raw(person)["curp_hash"] == User._meta.get_field("curp_hash").candidates(new_curp)[0]


def test_the_same_curp_cannot_belong_to_two_people(person):
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(curp="pema080315hjcrrna8")


def test_encrypted_fields_offer_plain_form_fields():
    assert User._meta.get_field("curp").formfield().max_length == 18
    birth = User._meta.get_field("birth_date").formfield()
    assert isinstance(birth, forms.DateField)
    assert birth.widget.input_type == "date"
    assert not User._meta.get_field("curp_hash").editable


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(address=st.text(max_size=300))
def test_any_address_is_stored_sealed_and_read_back(person, address):
    person.address = address
    person.save(update_fields=["address"])
    expected = address.strip() or None
    assert User.objects.get(pk=person.pk).address == expected
    raw = _raw(person, columns=("address",))["address"]
    if expected is None:
        assert raw is None
    else:
        assert raw.startswith("v1:")
        if len(expected) >= 8:
            assert expected not in raw.split(":", 2)[2]
