"""CURP validation: real-format CURPs pass, and each wrong one is told which part is wrong."""

import datetime

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from stdnum.mx import curp as stdnum_curp

from impulsa.accounts import curp
from impulsa.core.errors import DomainError

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"
# RENAPO's state codes (NE: born abroad) and the inconvenient first four letters.
_STATE_LINES = (
    "AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS",
    "NE NL NT OC PL QR QT SL SP SR TC TL TS VZ YN ZS",
)
_INCONVENIENT_LINES = (
    "BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO",
    "COLA CULO FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE",
    "KOGI KOJA KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS",
    "MEON MIAR MION MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA",
    "PUTO QULO RATA ROBA ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY",
)
STATES = sorted(code for line in _STATE_LINES for code in line.split())
INCONVENIENT = {word for line in _INCONVENIENT_LINES for word in line.split()}


def with_check_digit(first_17: str) -> str:
    """Complete a CURP with its check digit, computed by python-stdnum."""
    return first_17 + stdnum_curp.calc_check_digit(first_17)


# Real-format CURPs: (CURP, birth date, sex letter, state).
VALID = [
    # Woman born in Veracruz in 1956: a digit in position 17 (born before 2000).
    ("HEGG560427MVZRRL04", datetime.date(1956, 4, 27), "M", "VZ"),
    # Man born abroad (NE) in 1931: python-stdnum's own example.
    ("BOXW310820HNERXN09", datetime.date(1931, 8, 20), "H", "NE"),
    # Man born in Jalisco in 2008: a letter in position 17 (born in 2000 or later).
    ("PEMA080315HJCRRNA8", datetime.date(2008, 3, 15), "H", "JC"),
    # Woman born in the Estado de México in 2010.
    ("LOMS100720MMCPRFA0", datetime.date(2010, 7, 20), "M", "MC"),
    # Man born in Nuevo León on 1 January 1999.
    ("RAGJ990101HNLMNS00", datetime.date(1999, 1, 1), "H", "NL"),
    # Woman born in Mexico City on the leap day of 2000.
    ("SAPL000229MDFNRRA6", datetime.date(2000, 2, 29), "M", "DF"),
    # Man born in Yucatán in 1989, and one in Oaxaca in 1975.
    ("CUGA891130HYNRRL05", datetime.date(1989, 11, 30), "H", "YN"),
    ("GOEJ751206HOCNSN04", datetime.date(1975, 12, 6), "H", "OC"),
    # Woman born abroad in 2005.
    ("MAHL051111MNEDRRA8", datetime.date(2005, 11, 11), "M", "NE"),
]


@pytest.mark.parametrize(("value", "birth_date", "sex", "state"), VALID)
def test_real_format_curp_is_accepted_and_parsed(value, birth_date, sex, state):
    parsed = curp.validate(value)
    assert parsed == curp.Curp(value=value, birth_date=birth_date, sex=sex, state=state)


def test_curp_is_normalized_before_validation():
    parsed = curp.validate("  pema-080315-hjcrrna8 ")
    assert parsed.value == "PEMA080315HJCRRNA8"
    assert curp.normalize("pema 080315 hjcrrna8") == "PEMA080315HJCRRNA8"


# Wrong CURPs: (value, words the message must contain). Each is wrong in one part only.
INVALID = [
    ("", "Falta la CURP"),
    ("   ", "Falta la CURP"),
    ("PEMA080315HJCRRNA", "debe tener 18 caracteres; tiene 17"),
    ("PEMA080315HJCRRNA80", "debe tener 18 caracteres; tiene 19"),
    ("PEM4080315HJCRRNA8", "estructura correcta: las primeras 4 posiciones deben ser letras"),
    ("PEMA08O315HJCRRNA8", "estructura correcta: las posiciones 5 a 10 deben ser 6 dígitos"),
    ("PEMA0803151JCRRNA8", "estructura correcta: la posición 11 debe ser la letra del sexo"),
    ("PEMA080315H1CRRNA8", "estructura correcta: las posiciones 12 y 13 deben ser las letras"),
    ("PEMA080315HJCR1NA8", "estructura correcta: las posiciones 14 a 16 deben ser letras"),
    ("PEMA080315HJCRRN#8", "estructura correcta: la posición 17 debe ser un dígito"),
    ("PEMA080315HJCRRNAX", "estructura correcta: la posición 18 debe ser el dígito verificador"),
    (with_check_digit("PUTO080315HJCRRNA"), "primeras cuatro letras de la CURP (PUTO) no están"),
    (with_check_digit("PEMA081345HJCRRNA"), "fecha de nacimiento de la CURP (081345) no existe"),
    # 2001 was not a leap year (the letter in position 17 says 20xx).
    (with_check_digit("PEMA010229HJCRRNA"), "fecha de nacimiento de la CURP (010229) no existe"),
    # A letter in position 17 with year 99 means 2099: not born yet.
    (with_check_digit("PEMA991231HJCRRNA"), "(991231) es posterior a hoy"),
    (with_check_digit("PEMA080315XJCRRNA"), "letra de sexo de la CURP debe ser H o M; es X"),
    (with_check_digit("PEMA080315HXXRRNA"), "clave de entidad de la CURP (XX) no existe"),
    ("PEMA080315HJCRRNA7", "dígito verificador de la CURP no coincide (debería ser 8)"),
]


@pytest.mark.parametrize(("value", "message"), INVALID)
def test_wrong_curp_message_names_the_wrong_part(value, message):
    with pytest.raises(DomainError) as caught:
        curp.validate(value)
    assert message in caught.value.message
    assert caught.value.field == "curp"


@st.composite
def valid_curps(draw) -> tuple[str, datetime.date, str, str]:
    """A CURP with a real birth date, a known state and the right check digit."""
    birth = draw(
        st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2024, 12, 31))
    )
    head = draw(st.text(alphabet=LETTERS, min_size=4, max_size=4))
    assume(head not in INCONVENIENT)
    sex = draw(st.sampled_from("HM"))
    state = draw(st.sampled_from(STATES))
    inner = draw(st.text(alphabet=CONSONANTS, min_size=3, max_size=3))
    century = draw(st.sampled_from("0123456789" if birth.year < 2000 else LETTERS))
    value = with_check_digit(head + birth.strftime("%y%m%d") + sex + state + inner + century)
    return value, birth, sex, state


@given(valid_curps())
@example(("BOXW310820HNERXN09", datetime.date(1931, 8, 20), "H", "NE"))
def test_any_valid_curp_validates_and_round_trips_its_birth_date(generated):
    value, birth, sex, state = generated
    parsed = curp.validate(value)
    assert parsed.birth_date == birth
    assert (parsed.value, parsed.sex, parsed.state) == (value, sex, state)
    assert curp.validate(value.lower()).value == value


@given(valid_curps(), st.sampled_from("0123456789"))
def test_any_other_check_digit_is_rejected(generated, digit):
    value = generated[0]
    assume(digit != value[-1])
    with pytest.raises(DomainError) as caught:
        curp.validate(value[:-1] + digit)
    assert f"debería ser {value[-1]}" in caught.value.message


@given(st.text(max_size=40))
@example("Ñ" * 18)
@example("ß" * 9)
@example("1" * 18)
@example("\x00" * 18)
def test_random_text_only_ever_raises_domain_error(text):
    try:
        parsed = curp.validate(text)
    except DomainError as error:
        assert error.message
        assert error.field == "curp"
    else:
        assert len(parsed.value) == 18


@given(valid_curps(), st.integers(min_value=0, max_value=17), st.characters())
def test_any_single_character_change_is_valid_or_explained(generated, position, char):
    value = generated[0]
    changed = value[:position] + char + value[position + 1 :]
    try:
        curp.validate(changed)
    except DomainError as error:
        assert error.message
