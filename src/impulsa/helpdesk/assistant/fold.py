"""Accent and case folding for Spanish search: "Contraseña" and "contrasena", "exámen"
and "examen" must meet. Applied to the stored search text and to every question alike.
Keeps ñ's base letter (n) as unaccent() would."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
