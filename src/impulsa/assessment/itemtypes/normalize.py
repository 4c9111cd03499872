"""Text normalization for comparing short answers: spacing never counts; accents and
case count only when the item says so."""

import unicodedata

_TILDE = "\u0303"


def strip_accents(text: str) -> str:
    """Drop accent marks ("árbol" -> "arbol", "pingüino" -> "pinguino") but keep the
    ñ: in Spanish it is a letter of its own ("año" and "ano" are different words)."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(
        char
        for index, char in enumerate(decomposed)
        if unicodedata.category(char) != "Mn"
        or (char == _TILDE and index > 0 and decomposed[index - 1] in "nN")
    )
    return unicodedata.normalize("NFC", kept)


def normalize_answer(
    text: str, *, case_sensitive: bool = False, accent_sensitive: bool = False
) -> str:
    """The form in which a response and a keyed answer are compared. NFC either way, so
    an "é" typed as e + accent mark equals the precomposed one."""
    text = unicodedata.normalize("NFC", text) if accent_sensitive else strip_accents(text)
    collapsed = " ".join(text.split())
    return collapsed if case_sensitive else collapsed.casefold()
