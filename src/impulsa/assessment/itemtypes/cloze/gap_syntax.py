"""The compact syntax the builder uses for cloze gaps: one line per gap.

Each line is one of Moodle's embedded answers without its braces, which designers
coming from Moodle know: `[weight:]TYPE:answer~answer…` with TYPE MC (single
choice; MCS shuffled), SA (short answer; SAC case sensitive) or NM (numeric). An
answer is `=text` (full credit), `%50%text` (partial) or `text` (no credit),
optionally followed by `#feedback`; numeric answers are `value:tolerance`; `*` in a
short answer matches anything. The formats package reads and writes the syntax.
"""

import re

from django.utils.translation import gettext as _

from impulsa.assessment.formats import moodle_cloze
from impulsa.core.errors import DomainError

LINE = re.compile(r"(?:(\d+):)?([A-Za-z_]+):(.*)", re.DOTALL)


def parse_gap(line: str, number: int, *, accent_sensitive: bool = False) -> dict:
    """One gap definition ({"type", "body", "weight"}) from its line; DomainError if unreadable.
    Whether accents count in short answers is one setting for the whole cloze."""
    match = LINE.fullmatch(line.strip())
    try:
        if match is None:
            raise moodle_cloze.Unsupported
        gap_type, body = moodle_cloze.parse_gap(
            match[2].upper(), match[3], accent_sensitive=accent_sensitive
        )
    except moodle_cloze.Unsupported:
        raise DomainError(
            _("El hueco %(n)s debe empezar con MC:, SA:, SAC: o NM: (por ejemplo «SA:=París»).")
            % {"n": number},
            field="gaps",
        ) from None
    return {"type": gap_type, "body": body, "weight": int(match[1] or 1)}


def parse_gaps(text: str, *, accent_sensitive: bool = False) -> list[dict]:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return [
        parse_gap(line, number, accent_sensitive=accent_sensitive)
        for number, line in enumerate(lines, 1)
    ]


def format_gap(gap: dict) -> str:
    """The line that parse_gap reads back as `gap` (weight 1 is left implicit)."""
    try:
        embedded = moodle_cloze.write_gap(gap)[1:-1]
    except moodle_cloze.Unsupported:
        # Units or a regex the syntax cannot say: shown without them, the author sees the loss.
        gap = {**gap, "body": {**gap["body"], "units": []}}
        answers = gap["body"].get("answers", [])
        gap["body"]["answers"] = [{**a, "regex": False} for a in answers]
        embedded = moodle_cloze.write_gap(gap)[1:-1]
    return embedded.removeprefix("1:")


def format_gaps(gaps: list[dict]) -> str:
    return "\n".join(format_gap(gap) for gap in gaps)
