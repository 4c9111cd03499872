"""Build the CURP that RENAPO's rules give a name, birth date, sex and state.

Used for realistic demo people; validation lives in accounts/curp.py.
"""

import datetime
import unicodedata

from stdnum.mx import curp as stdnum_curp

# Compound first names: the CURP uses the second name (RENAPO rule).
_SKIPPED_FIRST_NAMES = {"MARIA", "MA", "MA.", "JOSE", "J", "J."}
_PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "Y", "MC", "MAC", "VON", "VAN"}
_VOWELS = "AEIOU"


def _plain(text: str) -> str:
    """Upper case without accents; Ñ becomes X as RENAPO does."""
    text = text.upper().replace("Ñ", "X")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalpha() or c == " ")


def _words(text: str) -> list[str]:
    return [w for w in _plain(text).split() if w not in _PARTICLES] or ["X"]


def _first_inner(word: str, letters: str) -> str:
    return next((c for c in word[1:] if c in letters), "X")


def _consonants() -> str:
    return "".join(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in _VOWELS)


def build(
    *,
    first_name: str,
    last_name: str,
    second_last_name: str,
    birth_date: datetime.date,
    sex: str,
    state: str,
    homonym: int = 0,
) -> str:
    """`homonym` picks the 17th character, which RENAPO assigns to tell apart
    people whose other 16 characters coincide."""
    names = _words(first_name)
    given = names[1] if len(names) > 1 and names[0] in _SKIPPED_FIRST_NAMES else names[0]
    paternal = _words(last_name)[0]
    maternal = _words(second_last_name)[0] if second_last_name else "X"
    head = paternal[0] + _first_inner(paternal, _VOWELS) + maternal[0] + given[0]
    if head in stdnum_curp._name_blacklist:
        head = head[0] + "X" + head[2:]
    consonants = _consonants()
    inner = (
        _first_inner(paternal, consonants)
        + _first_inner(maternal, consonants)
        + _first_inner(given, consonants)
    )
    digits_or_letters = "0123456789" if birth_date.year < 2000 else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    body = (
        head
        + birth_date.strftime("%y%m%d")
        + sex
        + state
        + inner
        + digits_or_letters[homonym % len(digits_or_letters)]
    )
    return body + stdnum_curp.calc_check_digit(body)
