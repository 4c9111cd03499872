"""Moodle's wildcard short answers, kept as regex answers here. A module of its own,
free of the item types, because the cloze builder's gap syntax reads them too."""

import re


# Moodle's short answers use * as a wildcard and \* for a literal star; we keep a
# wildcard answer as a regex answer and write it back as a wildcard.
def wildcard_answer(text: str) -> tuple[str, bool]:
    """(text, is_regex) for a Moodle short answer."""
    parts = re.split(r"(?<!\\)\*", text)
    if len(parts) == 1:
        return text.replace("\\*", "*"), False
    return ".*".join(re.escape(part.replace("\\*", "*")) for part in parts), True


def answer_as_wildcard(text: str, regex: bool) -> str | None:
    """The Moodle spelling of a short answer, or None for a regex no wildcard can say."""
    if not regex:
        return text.replace("*", "\\*")
    literals = []
    for piece in text.split(".*"):
        literal = re.sub(r"\\(.)", r"\1", piece, flags=re.DOTALL)
        if re.escape(literal) != piece:
            return None
        literals.append(literal.replace("*", "\\*"))
    return "*".join(literals)
