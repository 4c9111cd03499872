"""Common correct forms of a short answer that its accepted list misses.

The rule (item setting `accept_variants`, on unless the author turns it off):
- the response may start with an article the answer lacks: "los dos puntos" for
  "dos puntos" (not the other way: "Paz" is not "La Paz");
- each word may be singular or plural: one is the other plus "s" or "es", or "z" ->
  "ces" ("luz", "luces"), leaving at least three letters ("mes"/"meses" yes, "do"/"dos"
  no); articles pair with their plural (el/los, la/las, un/unos, una/unas);
- both sides are first normalized as the item says (spacing always; accents and case
  unless they count), so with accents counting "canción"/"canciones" is not a variant.
Only plain answers (never patterns) have variants, and only when no answer matches as
written: an exact match, even a partial or wrong one, always decides. So turning this on
for an existing item only accepts responses that used to match nothing.
"""

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.normalize import strip_accents

ARTICLES = {
    "el": "el",
    "los": "el",
    "la": "la",
    "las": "la",
    "un": "un",
    "unos": "un",
    "una": "una",
    "unas": "una",
    "lo": "lo",
}
MIN_STEM = 3
FEMININE_ENDINGS = ("a", "ción", "sión", "dad", "tad", "tud")
UNACCENTED = str.maketrans("áéíóú", "aeiou")


def _forms(word: str) -> set[str]:
    lower = word.casefold()
    forms = {word}
    if lower.endswith("ces"):
        forms.add(word[:-3] + ("Z" if word[-3].isupper() else "z"))
    if lower.endswith("es"):
        forms.add(word[:-2])
    if lower.endswith("s"):
        forms.add(word[:-1])
    return {form for form in forms if len(form) >= MIN_STEM or form == word}


def _same_word(typed: str, answer: str) -> bool:
    article = ARTICLES.get(typed.casefold())
    if article is not None:
        return article == ARTICLES.get(answer.casefold())
    return bool(_forms(typed) & _forms(answer))


def is_variant(typed: str, answer: str) -> bool:
    """Whether a normalized response is a common form of a normalized plain answer."""
    typed_words, answer_words = typed.split(), answer.split()
    if (
        len(typed_words) == len(answer_words) + 1
        and typed_words[0].casefold() in ARTICLES
        and answer_words
    ):
        typed_words = typed_words[1:]
    if len(typed_words) != len(answer_words):
        return False
    return all(_same_word(a, b) for a, b in zip(typed_words, answer_words, strict=True))


def _article_for(word: str) -> str:
    lower = word.casefold()
    if lower.endswith("as"):
        return "las"
    if lower.endswith("s"):
        return "los"
    return "la" if lower.endswith(FEMININE_ENDINGS) else "el"


def _other_number(word: str) -> str:
    """A guess at the plural of a singular word, or the singular of a plural one."""
    lower = word.casefold()
    if lower.endswith("ces"):
        return word[:-3] + "z"
    if lower.endswith("es") and len(word) > 3 and lower[-3] not in "aeiou":
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    if lower.endswith("z"):
        return word[:-1] + "ces"
    if lower[-1:] in "aeiouáéó":
        return word + "s"
    # "canción" -> "canciones": the accent of a last syllable goes with the added one.
    return word[:-2] + word[-2].translate(UNACCENTED) + word[-1] + "es"


def typical_variants(text: str) -> list[tuple[str, str]]:
    """(what changed, variant) for a plain answer: how students often write it. The
    labels are the builder's; the caller scores each variant."""
    words = text.split()
    if not words:
        return []
    if words[0].casefold() in ARTICLES and len(words) > 1:
        article = (_("sin artículo"), " ".join(words[1:]))
    else:
        article = (_("con artículo"), f"{_article_for(words[0])} {text}")
    number = (_("singular o plural"), " ".join([*words[:-1], _other_number(words[-1])]))
    found = [
        article,
        number,
        (_("sin acentos"), strip_accents(text)),
        (_("mayúsculas"), text.upper()),
    ]
    return [(label, variant) for label, variant in found if variant != text]
