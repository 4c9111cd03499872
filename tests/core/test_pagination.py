"""The one pagination partial every list uses: it keeps the list's filters."""

from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory

PARTIAL = Template('{% include "core/_pagination.html" with page=page label=label anchor=anchor %}')


def _render(query: str, page_number: int, *, label="", anchor="") -> str:
    request = RequestFactory().get(f"/lista/?{query}")
    page = Paginator(list(range(100)), 10).get_page(page_number)
    return PARTIAL.render(RequestContext(request, {"page": page, "label": label, "anchor": anchor}))


def test_page_links_keep_the_current_filters():
    html = _render("q=ana&role=teacher&page=3", 3)
    assert 'href="?q=ana&amp;role=teacher&amp;page=2" rel="prev"' in html
    assert 'href="?q=ana&amp;role=teacher&amp;page=4" rel="next"' in html
    assert 'href="?q=ana&amp;role=teacher&amp;page=1"' in html
    assert 'href="?q=ana&amp;role=teacher&amp;page=10"' in html


def test_the_current_page_is_announced_and_links_can_return_to_a_section():
    html = _render("period=7", 1, label="Páginas de grupos", anchor="#grupos")
    assert '<nav aria-label="Páginas de grupos">' in html
    assert 'aria-current="page"' in html
    assert "Página 1 de 10" in html
    assert 'href="?period=7&amp;page=2#grupos" rel="next"' in html
    assert 'rel="prev"' not in html


def test_a_single_page_shows_no_pagination():
    page = Paginator([1, 2], 10).get_page(1)
    context = RequestContext(RequestFactory().get("/lista/"), {"page": page})
    assert "<nav" not in PARTIAL.render(context)
