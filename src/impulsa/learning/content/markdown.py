"""Markdown to safe HTML for content pages, item stems and feedback.

Math (`$...$`, `$$...$$`) is turned into MathML on the server (latex2mathml):
browsers render MathML natively, so a cheap phone downloads no math library and
runs no script. Each formula carries its plain-text form (`alttext`, and an
`aria-label` that gives a label made only of maths an accessible name), and
`plain()` gives the text of a whole piece for places that cannot hold markup (a
select's options). Whatever the Markdown produces is then cleaned by nh3 with an
allow-list, so an author cannot put script or styles into a page. A fenced table
marked `grafica barras|lineas` becomes a chart drawn on the server (charts.py).
"""

import html
import secrets
from functools import lru_cache
from xml.etree.ElementTree import tostring
from xml.sax.saxutils import unescape

import nh3
from latex2mathml.converter import Converter
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from mdit_py_plugins.dollarmath import dollarmath_plugin

from impulsa.learning.content import charts, mathtext

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
    "math": _MATHML_ATTRIBUTES | {"alttext", "aria-label"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "code": {"class"},
    "ol": {"start"},
}


def _math(latex: str, display: bool) -> str:
    converter = Converter(display="block" if display else "inline")
    try:
        element = converter.convert_to_element(latex)
        # Serialized as latex2mathml's convert() does (its entities stay entities).
        mathml = unescape(tostring(element, encoding="unicode"))
    except Exception:  # latex2mathml raises many kinds; a typo must not break the page
        return f'<code class="math-error">{html.escape(latex)}</code>'
    if len(latex) > mathtext.MAX_LATEX:
        text = mathtext.crude(latex)
    else:
        text = mathtext.mathml_text(element, mathtext.limit_for(latex))
    label = html.escape(text, quote=True)
    return mathml.replace("<math ", f'<math alttext="{label}" aria-label="{label}" ', 1)


def _inline_math(self, tokens, idx, options, env):
    return _math(tokens[idx].content, display=False)


def _block_math(self, tokens, idx, options, env):
    return _math(tokens[idx].content, display=True) + "\n"


def _fence(self, tokens, idx, options, env):
    """A chart fence leaves a marker that `_render` swaps for the drawn chart once
    nh3 has cleaned the page (our SVG is built from escaped text, not author markup)."""
    token = tokens[idx]
    if not charts.is_chart_fence(token.info):
        return RendererHTML.fence(self, tokens, idx, options, env)
    try:
        uid = f"chart-{env['nonce'][:8]}-{len(env['charts'])}"
        drawn = charts.render(charts.parse(token.info, token.content), uid)
    except charts.ChartError as error:
        drawn = charts.error_html(str(error))
    env["charts"].append(drawn)
    return f"<div>{env['nonce']}-{len(env['charts']) - 1}</div>\n"


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
    md.add_render_rule("fence", _fence)
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
    # A fresh nonce per render: an author cannot type a marker that we would swap.
    env = {"nonce": secrets.token_hex(12), "charts": []}
    rendered = _parser().render(text, env)
    # Lazy images save a phone's data when a page has several.
    cleaned = clean(rendered.replace("<img ", '<img loading="lazy" '))
    for index, drawn in enumerate(env["charts"]):
        cleaned = cleaned.replace(f"<div>{env['nonce']}-{index}</div>", drawn, 1)
    return cleaned


def plain(text: str, text_format: str = "markdown") -> str:
    """The text of `text` without markup, maths as plain text ("$\\frac{3}{4}$" -> "3/4"):
    for a select's options and for accessible names."""
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:  # a choice's label, on every answer
        return _remembered_plain(text, text_format)
    return mathtext.html_text(render(text, text_format))


@lru_cache(maxsize=8192)
def _remembered_plain(text: str, text_format: str) -> str:
    return mathtext.html_text(render(text, text_format))


def has_math(fragment: str) -> bool:
    """Whether rendered HTML holds a formula (whose label then needs `plain()`)."""
    return "<math" in fragment
