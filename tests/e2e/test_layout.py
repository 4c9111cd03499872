"""Layout and accessibility plumbing in Chromium: the institution pages fit a 360 px
phone and tables keep every column on screen; the admin bar is one row at 1280 px
and its «Más» menu works from the keyboard; focus rings reach 3:1 against their
background. Every page visited here is also checked with axe-core at both widths."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from impulsa.learning.authoring import services
from tests.conftest import current_token
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import open_phone, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# Cells of the shared table pattern that stick out of the window (none should).
CELLS_OFF_SCREEN = """() => [...document.querySelectorAll('.table-responsive td, .table-responsive th')]
  .filter((c) => c.getClientRects().length && !c.closest('thead'))
  .filter((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map((c) => c.textContent.trim().slice(0, 40))"""

# WCAG contrast of the focused element's outline against what lies behind it (the
# ring is drawn outside the control: the ancestors' backgrounds, composited on white).
RING_CONTRAST = """(el) => {
  const rgba = (c) => { const p = c.match(/[\\d.]+/g).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = (c) => { const f = (v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const style = getComputedStyle(el);
  if (!el.matches(':focus-visible') || style.outlineStyle === 'none'
      || parseFloat(style.outlineWidth) < 2) {
    return {ratio: 0, ring: style.outlineStyle + ' ' + style.outlineWidth};
  }
  const layers = [];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = rgba(getComputedStyle(node).backgroundColor);
    if (c.a > 0) layers.unshift(c);
    if (c.a === 1) break;
  }
  const bg = layers.reduce((under, c) => ({
    r: c.r * c.a + under.r * (1 - c.a), g: c.g * c.a + under.g * (1 - c.a),
    b: c.b * c.a + under.b * (1 - c.a)}), {r: 255, g: 255, b: 255});
  const ring = rgba(style.outlineColor);
  const [hi, lo] = [lum(ring), lum(bg)].sort((x, y) => y - x);
  return {ratio: (hi + 0.05) / (lo + 0.05), ring: style.outlineColor};
}"""


def _sign_in_admin(page, user) -> None:
    device = TOTPDevice.objects.create(user=user, name="Teléfono", confirmed=True)
    page.goto("/cuenta/entrar/")
    page.get_by_label("Usuario o matrícula").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.get_by_label("Código de 6 dígitos").fill(current_token(device))
    page.get_by_role("button", name="Verificar").click()
    expect(page.get_by_role("heading", name=re.compile("^Hola"))).to_be_visible()


@pytest.fixture
def admin_page(browser, live_server, world):
    """The national administrator (every section of the menu), watched by axe."""
    page = open_phone(browser, live_server.url)
    _sign_in_admin(page, world.national_admin)
    yield page
    try:
        axe.finish(page)
    finally:
        page.context.close()


def test_institution_pages_and_tables_fit_a_phone(admin_page, world):
    page = admin_page
    services.create_course(actor=world.designer, institution=world.national, name="Robótica")
    pages = {
        "instituciones": reverse("org:institution_list"),
        "institucion-nacional": reverse("org:institution_detail", args=[world.national.pk]),
        "plantel": reverse("org:institution_detail", args=[world.campus_a1.pk]),
        "personas": reverse("people:user_list"),
        "catalogo": reverse("enrollment:catalog"),
    }
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        for name, url in pages.items():
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{url} is {width} px wide at {size['width']} px"
            assert page.evaluate(CELLS_OFF_SCREEN) == [], f"{url}: cells off screen"
            screenshot(page, f"layout-{name}-{size['width']}")
    # On a phone each cell carries its column's name; the key columns are on screen.
    page.set_viewport_size(PHONE)
    page.goto(pages["personas"])
    _within_phone_width(page.locator("td[data-label=Roles]").first)
    page.goto(pages["catalogo"])
    _within_phone_width(page.locator("td[data-label=Inscritos]").first)


def _within_phone_width(cell) -> None:
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    expect(cell).to_be_in_viewport()


def test_admin_bar_is_one_row_at_desktop_width_and_more_opens_by_keyboard(admin_page):
    page = admin_page
    page.set_viewport_size(DESKTOP)
    page.goto(reverse("org:institution_list"))
    items = page.locator("#main-nav > ul > li:visible")
    tops = {round(box["y"]) for box in (i.bounding_box() for i in items.all())}
    heights = {round(box["height"]) for box in (i.bounding_box() for i in items.all())}
    assert len(tops) == 1, f"the bar wraps: items start at {sorted(tops)}"
    assert len(heights) == 1, f"a label wraps: item heights {sorted(heights)}"
    screenshot(page, "layout-navbar-1280")

    more = page.get_by_role("button", name="Más")
    more.focus()
    page.keyboard.press("Enter")
    expect(more).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.get_by_role("button", name="Más").get_attribute("class").endswith("active"), (
        f"«{focused}» is under «Más», which should show it is the current section"
    )

    # On a phone the folded menu lists every section, «Más» ones included.
    page.set_viewport_size(PHONE)
    steps.open_menu(page)
    expect(page.locator("#main-nav").get_by_role("link", name="Auditoría")).to_be_visible()
    expect(page.get_by_role("button", name="Más")).to_be_hidden()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
def test_focus_rings_reach_three_to_one(admin_page, size):
    page = admin_page
    page.set_viewport_size(size)
    page.goto(reverse("people:user_list"))
    if size is PHONE:
        steps.open_menu(page)
    page.keyboard.press("Tab")  # keyboard modality: focus() then shows :focus-visible
    controls = {
        "text field": page.get_by_role("searchbox").or_(page.locator("input[name=q]")).first,
        "select": page.locator("main select").first,
        "brand button": page.locator("main .btn-brand").first,
        "outline button": page.locator("main .btn-outline-secondary").first,
        "link": page.locator("main a.link-brand").first,
        "menu link": page.locator("#main-nav .nav-link").first,
        "language select": page.locator("#language-select"),
    }
    for name, control in controls.items():
        control.focus()
        ring = control.evaluate(RING_CONTRAST)
        assert ring["ratio"] >= 3, f"{name}: focus ring {ring['ring']} at {ring['ratio']:.2f}:1"
    if size is DESKTOP:  # an item of «Más»: dark ring on the white menu, not the bar's
        page.get_by_role("button", name="Más").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("ArrowDown")
        ring = page.locator("#main-nav .dropdown-item:focus").evaluate(RING_CONTRAST)
        assert ring["ratio"] >= 3, f"menu item: focus ring {ring['ring']} at {ring['ratio']:.2f}:1"


def test_axe_reports_a_serious_violation(admin_page):
    """The helper itself: a page with an unlabelled field fails with a readable line."""
    page = admin_page
    page.goto(reverse("org:institution_list"))
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input>')")
    found = axe.check(page)
    assert [v["id"] for v in found] == ["label"]
    assert "label" in axe.report(found) and "main > input" in axe.report(found)
    # Expected here: take the field away so the teardown's check passes.
    page.evaluate("document.querySelector('main > input').remove()")
    page.axe_violations.clear()


def test_scrolling_table_wrappers_are_reachable_by_keyboard(admin_page):
    page = admin_page
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(reverse("imports:job_create"))
        columns = page.get_by_role("region", name="Columnas que lee la importación")
        expect(columns).to_have_attribute("tabindex", "0")
    # A wrapper of the shared pattern that comes to scroll (here: a table made wider
    # than the window) becomes a named tab stop, and stops being one when it fits.
    page.goto(reverse("people:user_list"))
    wrapper = page.locator("main .table-responsive")
    expect(wrapper).not_to_have_attribute("tabindex", "0")
    page.evaluate(
        "document.querySelector('main .table-responsive table').style.minWidth = '2000px'"
    )
    page.set_viewport_size({"width": 1200, "height": 800})
    expect(page.get_by_role("region", name="Personas a tu alcance")).to_have_attribute(
        "tabindex", "0"
    )
    page.evaluate("document.querySelector('main .table-responsive table').style.minWidth = ''")
    page.set_viewport_size(DESKTOP)
    expect(wrapper).not_to_have_attribute("tabindex", "0")
