"""How a file names a career: by its key ("INFO"), its full name ("Profesional
Técnico Bachiller en Informática") or its short name ("Informática"), ignoring
case, accents, spaces and punctuation.

Careers carry only their official name; the short name is that name without the
degree title CONALEP puts in front of every career, so "PTB en Informática",
"Técnico en Informática" and "informatica" all name the same one.
"""

import re
from collections import defaultdict

from impulsa.accounts.imports.columns import fold

# Degree titles, folded (fold() drops spaces): the longest first.
_TITLE = re.compile(
    r"^(profesionaltecnicobachiller|profesionaltecnico|tecnicobachiller|tecnico|ptb|pt)en"
)


def short_key(text: str) -> str:
    """The folded name without a leading degree title ("informatica")."""
    folded = fold(text)
    return _TITLE.sub("", folded, count=1) or folded


class CareerIndex:
    """The careers of some campuses, found by key first, then by full or short name."""

    def __init__(self, careers):
        self._by_code = defaultdict(dict)
        self._by_name = defaultdict(lambda: defaultdict(list))
        for career in careers:
            self._by_code[career.campus_id][fold(career.code)] = career
            names = {fold(career.name), short_key(career.name)}
            for name in names:
                self._by_name[career.campus_id][name].append(career)

    def find(self, campus_id: int, text: str) -> list:
        """The careers `text` names at that campus: one, none, or several (ambiguous)."""
        by_code = self._by_code[campus_id].get(fold(text))
        if by_code is not None:
            return [by_code]
        by_name = self._by_name[campus_id]
        for key in (fold(text), short_key(text)):
            if by_name.get(key):
                return by_name[key]
        return []
