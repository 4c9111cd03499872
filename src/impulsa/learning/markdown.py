"""Markdown to safe HTML for content pages, item stems and feedback.

Math (`$...$`, `$$...$$`) is turned into MathML on the server (latex2mathml):
browsers render MathML natively, so a cheap phone downloads no math library and
runs no script. Whatever the Markdown produces is then cleaned by nh3 with an
allow-list, so an author cannot put script or styles into a page.
"""

import html
from functools import lru_cache

import nh3
from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

_MATHML_TAGS = {
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace",
    "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mstyle", "mtable", "mtr", "mtd",
    "munder", "mover", "munderover", "mpadded", "mphantom", "menclose", "merror",
}  # fmt: skip
_MATHML_ATTRIBUTES = {
    "display", "xmlns", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace",
    "displaystyle", "scriptlevel", "columnalign", "rowspacing", "columnspacing", "linethickness",
    "accent", "accentunder", "notation", "width", "height", "depth", "encoding", "minsize", "maxsize",
}  # fmt: skip

_TAGS = (nh3.ALLOWED_TAGS - {"center", "font"}) | _MATHML_TAGS | {"figure", "figcaption"}
_ATTRIBUTES = {
    **dict.fromkeys(_MATHML_TAGS, _MATHML_ATTRIBUTES),
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "code": {"class"},
    "ol": {"start"},
}


def _math(latex: str, display: bool) -> str:
    try:
        mathml = latex_to_mathml(latex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many kinds; a typo must not break the page
        return f'<code class="math-error">{html.escape(latex)}</code>'
    return mathml


def _inline_math(self, tokens, idx, options, env):
    return _math(tokens[idx].content, display=False)


def _block_math(self, tokens, idx, options, env):
    return _math(tokens[idx].content, display=True) + "\n"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )
    md.use(dollarmath_plugin, allow_space=True, double_inline=True)
    md.add_render_rule("math_inline", _inline_math)
    md.add_render_rule("math_inline_double", _block_math)
    md.add_render_rule("math_block", _block_math)
    md.add_render_rule("math_block_label", _block_math)
    return md


def clean(fragment: str) -> str:
    """Sanitize HTML (a Moodle stem, say) with the same allow-list."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        link_rel="noopener noreferrer nofollow",
        url_schemes={"http", "https", "mailto"},
    )


def render(text: str, text_format: str = "markdown") -> str:
    """Safe HTML for `text`; `text_format` "html" is sanitized as it is."""
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:
        return _remembered(text, text_format)
    return _render(text, text_format)


# Items' choices, feedback and hints are short and rendered on every answer: each
# process remembers their HTML (the output depends on nothing but the input).
_CACHED_LENGTH = 2000


@lru_cache(maxsize=8192)
def _remembered(text: str, text_format: str) -> str:
    return _render(text, text_format)


def _render(text: str, text_format: str) -> str:
    if text_format == "html":
        return clean(text)
    rendered = _parser().render(text)
    # Lazy images save a phone's data when a page has several.
    return clean(rendered.replace("<img ", '<img loading="lazy" '))
