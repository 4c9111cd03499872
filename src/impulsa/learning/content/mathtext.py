"""Maths as plain text, for the places that cannot hold MathML.

An `<option>` of a `<select>` holds text only, and an accessible name (an
`aria-label`, MathML's `alttext`) is text too, so "$\\frac{3}{4}$" must become
"3/4" there, not stay as LaTeX. The text is read off the MathML tree that
latex2mathml builds for the page, so the words a screen reader hears and the
symbols a student sees come from one parse.

Everything here is bounded and never raises: an author's typo or a hostile
import must not break a page. Long or unparsable LaTeX falls back to a crude
strip of its markup.
"""

import html
import re
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from latex2mathml.converter import convert_to_element

# Longer LaTeX is not parsed for its text (the page still shows its MathML).
MAX_LATEX = 500

_SUPERSCRIPT = str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPT = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")
_SUPERSCRIPTABLE = set("0123456789+-−=()ni")
_SUBSCRIPTABLE = set("0123456789+-−=()")
_PRIMES = set("′″‴'")
# Accents drawn over a single letter become a combining mark ("x̄", "v⃗").
_COMBINING = {"¯": "\u0304", "―": "\u0305", "→": "\u20d7", "^": "\u0302", "˙": "\u0307"}
_INVISIBLE = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064\u200b"), None)
_SYMBOLS = {"⋅": "·", "∗": "*"}
_ATOM = re.compile(r"[\w.,′″%°]+|.", re.DOTALL)
_SPACES = re.compile(r"\s+")

# The crude fallback: a few frequent commands, then any command loses its backslash.
_COMMANDS = {
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "pi": "π", "infty": "∞",
    "sqrt": "√", "degree": "°", "circ": "°",
}  # fmt: skip
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def _enclosed(text: str) -> bool:
    """Whether the parenthesis that opens `text` is the one that closes it."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return position == len(text) - 1
    return False


def _atom(text: str) -> bool:
    return _ATOM.fullmatch(text) is not None or _enclosed(text)


def _group(text: str) -> str:
    """`text` as one operand: "3" stays, "a+b" becomes "(a+b)"."""
    core = text.strip()
    if not core or _atom(core):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    return f"{lead}({core})"


def _script(base: str, script: str, mark: str, table, allowed: set) -> str:
    script = script.strip()
    if not script:
        return base
    if set(script) <= _PRIMES and mark == "^":
        return base + script
    if set(script) <= allowed:
        return base + script.translate(table)
    return f"{base}{mark}{script if len(script) == 1 else f'({script})'}"


def _join(pieces: list[tuple[str, bool]]) -> str:
    """Concatenate; a word (sin, log, lim) is kept apart from a letter or digit next to it."""
    out, word_before = "", False
    for text, word in pieces:
        if not text:
            continue
        if out and (word or word_before) and out[-1].isalnum() and text[0].isalnum():
            out += " "
        out += text
        word_before = word
    return out


def _token(node: Element) -> str:
    text = html.unescape(node.text or "").translate(_INVISIBLE)
    if text.startswith("\\") and text[1:].isalpha():  # a command latex2mathml does not know
        text = text[1:]
    return _SYMBOLS.get(text, text)


def _sup(base: str, script: str) -> str:
    return _script(base, script, "^", _SUPERSCRIPT, _SUPERSCRIPTABLE)


def _sub(base: str, script: str) -> str:
    return _script(base, script, "_", _SUBSCRIPT, _SUBSCRIPTABLE)


def _frac(node: Element, num: str = "", den: str = "", *_) -> str:
    if node.get("linethickness") == "0":  # \binom: the parentheses are its siblings
        return f"{num} {den}"
    return f"{_group(num)}/{_group(den)}"


def _over(node: Element, base: str = "", mark: str = "", *_) -> str:
    if mark in _COMBINING:
        return base + _COMBINING[mark] if len(base) == 1 else base
    if mark in ("⏟", "⏞"):  # \underbrace, \overbrace: the braced part is enough
        return base
    return _script(base, mark, "_" if node.tag == "munder" else "^", {}, set())


def _row(node: Element, *parts: str) -> str:
    pieces = [
        (text, child.tag in ("mi", "mo") and len(text) > 1 and text.isalpha())
        for child, text in zip(node, parts, strict=False)
    ]
    return _join(pieces)


# One function per MathML layout element, called with the texts of its children.
_LAYOUT = {
    "mfrac": _frac,
    "msqrt": lambda node, *parts: "√" + _group("".join(parts)),
    "mroot": lambda node, base="", index="", *_: _sup("", index) + "√" + _group(base),
    "msup": lambda node, base="", sup="", *_: _sup(_group(base), sup),
    "msub": lambda node, base="", sub="", *_: _sub(_group(base), sub),
    "msubsup": lambda node, base="", sub="", sup="", *_: _sup(_sub(_group(base), sub), sup),
    "mover": _over,
    "munder": _over,
    "munderover": lambda node, base="", under="", over="", *_: _script(
        _script(base, under, "_", {}, set()), over, "^", {}, set()
    ),
    "mtr": lambda node, *cells: ", ".join(cells),
    "mtable": lambda node, *rows: "; ".join(rows),
    "semantics": lambda node, first="", *_: first,
}


def _text(node: Element) -> str:
    tag = node.tag
    if tag in ("mi", "mn", "mo", "mtext", "ms"):
        return _token(node)
    if tag in ("annotation", "annotation-xml", "mphantom"):
        return ""
    if tag == "mspace":
        return " "
    parts = [_text(child) for child in node]
    return _LAYOUT.get(tag, _row)(node, *parts)


def _tidy(text: str, limit: int) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def limit_for(latex: str) -> int:
    """The longest text `latex_to_text` returns for `latex`."""
    return 2 * len(latex) + 10


def crude(latex: str) -> str:
    """LaTeX with its markup stripped: a stand-in when the LaTeX cannot be parsed."""

    def command(match) -> str:
        name = match[1]
        if name in _COMMANDS:
            return _COMMANDS[name]
        return name if name.isalpha() else ("" if name in ",;:! " else name)

    text = _COMMAND.sub(command, latex).replace("{", "").replace("}", "")
    return _tidy(text, limit_for(latex))


def mathml_text(element: Element, limit: int) -> str:
    """Plain text of a MathML element built by latex2mathml, at most `limit` chars."""
    try:
        return _tidy(_text(element), limit)
    except RecursionError:  # absurd nesting: give up on structure, keep the symbols
        return _tidy("".join(html.unescape(t) for t in element.itertext()), limit)


def latex_to_text(latex: str) -> str:
    """ "\\frac{3}{4}" -> "3/4", "x^2" -> "x²", "\\sqrt{2}" -> "√2"; never raises."""
    if len(latex) > MAX_LATEX:
        return crude(latex)
    try:
        element = convert_to_element(latex)
    except Exception:  # latex2mathml raises many kinds on a typo
        return crude(latex)
    return mathml_text(element, limit_for(latex))


class _TextOf(HTMLParser):
    """Text of sanitized HTML; a <math> element counts as its `aria-label`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.math_depth = 0
        self.math_pieces: list[str] = []
        self.label: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "math":
            if self.math_depth == 0:
                self.math_pieces = []
                self.label = dict(attrs).get("aria-label") or dict(attrs).get("alttext")
            self.math_depth += 1
        elif tag in _BREAKS:
            self.pieces.append(" ")

    def handle_endtag(self, tag):
        if tag == "math" and self.math_depth:
            self.math_depth -= 1
            if self.math_depth == 0:  # MathML from an HTML import may carry no label
                self.pieces.append(self.label or "".join(self.math_pieces))
        elif tag in _BREAKS:
            self.pieces.append(" ")

    def handle_data(self, data):
        (self.math_pieces if self.math_depth else self.pieces).append(data)


_BREAKS = {"p", "br", "li", "div", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment from the Markdown pipeline, maths included."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return _SPACES.sub(" ", "".join(parser.pieces)).strip()
