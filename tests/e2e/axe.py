"""axe-core in the browser journeys: every page a journey shows is checked against
WCAG 2.1 A/AA, and a critical or serious violation fails the test.

axe comes from npm (package.json, pinned in package-lock.json) and is read from
node_modules here, never served by the app. It is added to each new document by the
browser context (an init script: the page's Content-Security-Policy does not govern
it), runs when the page has loaded and hands its findings to Python.

No page is skipped because the journey moved on first: a route holds each main-frame
navigation until the page being left has reported (a page cannot be evaluated from
Python while a navigation of it is held, so the page reports by itself). `finish()`
checks the last page in its final state; the `phone` fixture calls it, and so must a
test that opens another page and closes it itself.
"""

import json
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"critical", "serious"}
# How long a navigation waits for the page it leaves to report (axe takes well under
# a second on our pages); past that the page is reported as not checked.
WAIT_MS = 15_000

# Added to every new document after axe itself. Runs are queued: axe refuses to
# start while another run is going (the load-time one and a test's own check).
_IN_PAGE = """
window.__axeCheck = (tags) => {
  const run = Promise.resolve(window.__axeQueue).catch(() => null)
    .then(() => axe.run(document, {
      runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    }))
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    })));
  window.__axeQueue = run;
  return run;
};
if (window === window.top && location.protocol.startsWith("http")) {
  window.addEventListener("load", () => {
    window.__axeCheck(%s).then(
      (violations) => window.__axeReport(location.href, violations),
      (error) => window.__axeReport(location.href, [{id: "axe", impact: "error",
        help: String(error), targets: []}]),
    );
  });
}
"""


def _source() -> str:
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing from node_modules: run `make setup` (npm ci).")
    return AXE_JS.read_text(encoding="utf-8") + _IN_PAGE % json.dumps(WCAG_TAGS)


def watch(page) -> None:
    """Check every page `page` shows; failing violations gather in
    `page.axe_violations`, checked addresses in `page.axe_checked`."""
    page.axe_violations = []
    page.axe_checked = []
    # The address of the document shown, until it reports. A document replaced before
    # it finished loading (a redirect the journey did not wait for) was never seen.
    page.axe_pending = None

    def shown(_page):
        page.axe_pending = page.url

    def reported(source, url, violations):
        if page.axe_pending == url:
            page.axe_pending = None
        _record(page, url, violations)

    def before_leaving(route):
        try:
            if route.request.is_navigation_request() and route.request.frame == page.main_frame:
                wait_until_checked(page)
        finally:
            route.fallback()

    page.expose_binding("__axeReport", reported)
    page.add_init_script(_source())
    page.on("domcontentloaded", shown)
    # Static files never navigate; leaving them out keeps the journeys fast.
    page.route(lambda url: "/static/" not in url, before_leaving)


def _record(page, url: str, violations: list[dict]) -> None:
    page.axe_checked.append(url)
    page.axe_violations.extend(
        {**v, "url": url} for v in violations if v["impact"] in FAILING_IMPACTS | {"error"}
    )


def wait_until_checked(page) -> None:
    """Hold until the page shown has reported its load-time check. A journey that
    opens the menu or starts an animation while axe is still measuring makes axe
    read colours no person sees (text over the bar's half-drawn background)."""
    waited = 0
    while getattr(page, "axe_pending", None) and waited < WAIT_MS:
        page.wait_for_timeout(25)
        waited += 25
    if page.axe_pending:
        page.axe_pending = None
        _record(
            page,
            page.url,
            [
                {
                    "id": "axe",
                    "impact": "error",
                    "targets": [],
                    "help": "la página se dejó antes de poder revisarla",
                }
            ],
        )


def check(page) -> list[dict]:
    """Run axe now on the page as it is (after htmx swaps, say); record and return
    its failing violations."""
    if not page.url.startswith("http"):
        return []
    wait_until_checked(page)
    before = len(page.axe_violations)
    _record(page, page.url, page.evaluate("(tags) => window.__axeCheck(tags)", WCAG_TAGS))
    return page.axe_violations[before:]


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['url']}  [{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"    at {target}" for target in v["targets"][:5])
    return "\n".join(lines)


def finish(page) -> None:
    """Check the page shown last and fail with the list of every violation seen."""
    if page.is_closed():
        return
    check(page)
    if page.axe_violations:
        pytest.fail(
            "Accessibility (axe-core, WCAG 2.1 AA) found critical or serious problems:\n"
            + report(page.axe_violations),
            pytrace=False,
        )
