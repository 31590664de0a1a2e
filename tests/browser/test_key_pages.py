"""The key pages of issue 13 as a browser sees them, at a desktop's (1280 px) and a phone's
(390 px) width, in English, Russian, Ukrainian and Arabic, anonymous and logged in
(tests/key_pages.py lists them): no page scrolls sideways (at the phone's width, nor when the
window is narrowed to 360 px), the console stays clean (no error, no Content-Security-Policy
violation, no missing favicon), nothing is fetched from elsewhere, and axe-core finds no WCAG
2.2 A/AA violation at either width in any language. One test item per language, so that
pytest-xdist runs them side by side; the data and the axe-core source come from fixtures.

axe-core is the npm package of package-lock.json that ``scripts/test`` installs (``npm ci``);
the test evaluates its source in each page through the DevTools protocol, which the page's
Content-Security-Policy does not govern: it is never served by the platform."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests import key_pages
from tests.browser.conftest import db_call

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
LANGUAGES = ["en", "ru", "uk", "ar"]
WIDTHS = [1280, 390]
NARROWEST = 360  # after a page is checked at the phone's width, the window narrows to this
# The innermost elements that reach past the window's edges: named in a failure.
WIDE = """(width) => [...document.querySelectorAll("body *")]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
  .filter(e => ![...e.children].some(c => { const r = c.getBoundingClientRect();
    return r.right > width + 1 || r.left < -1; }))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (typeof e.className === "string" && e.className ? "." + e.className.replace(/ /g, ".")
       : ""))"""
RUN_AXE = """async (tags) => {
  const result = await axe.run(
    document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(" "))]);
}"""


@pytest.fixture
def key_ids(user, mover, helix, staff, dataset, live_app):
    return key_pages.load(user=user, person=mover, collaboration=helix, administrator=staff)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` (scripts/test does)")
    return AXE.read_text(encoding="utf-8")


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class Visit:
    """One browser page reused for every visit; what went wrong, by page."""

    def __init__(self, page, origin: str, axe: str) -> None:
        self.page, self.origin, self.axe = page, origin, axe
        self.console: list[str] = []
        self.fetched: list[str] = []
        self.problems: dict[str, object] = {}
        self.seconds = {"pages": 0.0, "axe": 0.0}  # printed: where the run's time goes
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.console.append(str(error)))
        page.on("request", lambda r: self.fetched.append(r.url))

    def pages(self, label: str, paths: list[str], width: int) -> None:
        for path in paths:
            where = f"{label} {width} {path}"
            self.page.set_viewport_size({"width": width, "height": 844})
            self.console.clear()
            began = time.perf_counter()
            self.page.goto(self.origin + path, timeout=60_000)
            self.page.wait_for_load_state("load")
            self.fits(where, width)
            if self.console:
                self.problems[f"{where} console"] = list(self.console)
            checked = time.perf_counter()
            self.seconds["pages"] += checked - began
            if not self.page.evaluate("typeof axe !== 'undefined'"):
                self.page.evaluate(self.axe + "\n;0")
            violations = self.page.evaluate(RUN_AXE, AXE_TAGS)
            self.seconds["axe"] += time.perf_counter() - checked
            if violations:
                self.problems[f"{where} axe"] = violations
            if width < 1000:
                # the same page narrowed to the smallest phones: a resize, no new request
                self.page.set_viewport_size({"width": NARROWEST, "height": 844})
                self.fits(f"{label} {NARROWEST} {path}", NARROWEST)

    def fits(self, where: str, width: int) -> None:
        sizes = self.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        # wider than the window, or a window that was not narrowed: either is a failure
        if sizes[0] > sizes[1] or sizes[1] > width:
            self.problems[f"{where} width"] = [*sizes, self.page.evaluate(WIDE, width)]


@pytest.fixture
def session(user, key_ids) -> str:
    return db_call(lambda: _session_cookie(user))


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_pages_fit_the_window_keep_the_console_clean_and_pass_axe(
    language, live_app, key_ids, session, axe_source, browser_page
):
    page, origin = browser_page, live_app.url
    visit = Visit(page, origin, axe_source)
    public = key_pages.paths(key_pages.PUBLIC, key_ids)
    private = key_pages.paths(key_pages.PRIVATE, key_ids)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])
    page.goto(origin + "/", timeout=60_000)
    assert page.evaluate("[document.documentElement.lang, document.dir]") == [
        language,
        "rtl" if language == "ar" else "ltr",
    ]
    for width in WIDTHS:
        visit.pages(language, public, width)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": origin}]
    )
    for width in WIDTHS:
        visit.pages(f"{language} logged in", private, width)
    print(json.dumps({"seconds": visit.seconds, **visit.problems}, indent=1, ensure_ascii=False))
    assert visit.problems == {}
    assert [url for url in visit.fetched if not url.startswith(origin)] == []
