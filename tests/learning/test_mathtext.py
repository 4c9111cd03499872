"""Maths as plain text: for select options and accessible names, never raw LaTeX."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impulsa.learning.content import markdown, mathtext


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("16", "16"),
        (r"\frac{3}{4}", "3/4"),
        (r"\frac{a+b}{c}", "(a+b)/c"),
        ("x^2", "x²"),
        ("x_1^2", "x₁²"),
        ("x^{ab}", "x^(ab)"),
        (r"\sqrt{2}", "√2"),
        (r"\sqrt[3]{x+1}", "³√(x+1)"),
        (r"2\cdot 3", "2·3"),
        (r"2\times10^{3}", "2×10³"),
        (r"\pi r^2", "πr²"),
        (r"\sin x", "sin x"),
        (r"3 \text{ cm}^3", "3 cm³"),
        (r"\left(\frac{1}{2}\right)^{10}", "(1/2)¹⁰"),
        (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}", "(1, 2; 3, 4)"),
    ],
)
def test_latex_becomes_readable_plain_text(latex, text):
    assert mathtext.latex_to_text(latex) == text


@pytest.mark.parametrize("latex", [r"\frac{1}{2", r"\begin{matrix}", "x^^2", r"\cdot x" * 200])
def test_unparsable_or_overlong_latex_falls_back_to_stripped_markup(latex):
    text = mathtext.latex_to_text(latex)
    assert "\\" not in text
    assert "{" not in text
    assert len(text) <= mathtext.limit_for(latex)


LATEX_COMMANDS = [r"\frac", r"\sqrt", r"\cdot", r"\left(", r"\right)", r"\text{", r"\binom"]
LATEX_COMMANDS += [r"\begin{matrix}", r"\end{matrix}", r"\\", r"\vec", r"\overline", r"\sum"]
LATEX_ALPHABET = st.sampled_from([*"0123456789xyab+-=()[]{}^_&\\ ,.$%'", *LATEX_COMMANDS])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(LATEX_ALPHABET, max_size=40).map("".join)))
def test_latex_to_text_never_raises_and_is_bounded(latex):
    text = mathtext.latex_to_text(latex)
    assert isinstance(text, str)
    assert len(text) <= mathtext.limit_for(latex)


@settings(max_examples=200, deadline=None)
@given(st.lists(LATEX_ALPHABET | st.text(max_size=5), max_size=30).map("".join))
def test_plain_never_raises_has_no_tags_and_is_bounded(text):
    plain = markdown.plain(text)
    assert "<math" not in plain
    assert len(plain) <= 3 * len(text) + 10


def test_deep_nesting_does_not_raise():
    latex = "{" * 400 + "x" + "}" * 400
    assert mathtext.latex_to_text(latex) == "x"


def test_rendered_maths_carries_its_plain_text_as_alttext_and_aria_label():
    html = markdown.render(r"Mide $\frac{3}{4}$ m")
    assert 'alttext="3/4"' in html
    assert 'aria-label="3/4"' in html


def test_labels_of_maths_are_escaped_inside_the_attribute():
    html = markdown.render(r'$\text{"a"} < b$')
    assert 'aria-label="&quot;a&quot;&lt;b"' in html


@pytest.mark.parametrize(
    ("text", "text_format", "plain"),
    [
        ("$16$", "markdown", "16"),
        (r"Mide $\frac{3}{4}$ de **metro**", "markdown", "Mide 3/4 de metro"),
        (r"$$\sqrt{2}$$", "markdown", "√2"),
        ("<p>Hola <math><mn>2</mn></math></p>", "html", "Hola 2"),
        ("a &amp; b", "html", "a & b"),
        ("", "markdown", ""),
    ],
)
def test_plain_text_of_a_piece_with_maths(text, text_format, plain):
    assert markdown.plain(text, text_format) == plain
