"""The key pages of issue 13 as a browser sees them, at a desktop's (1280 px) and a phone's
(390 px) width, in English, Russian, Ukrainian and Arabic, anonymous and logged in
(tests/key_pages.py lists them): no page scrolls sideways, the console stays clean (no error,
no Content-Security-Policy violation, no missing favicon), nothing is fetched from elsewhere,
and axe-core finds no WCAG 2.2 A/AA violation.

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


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` (scripts/test does)")
    return AXE.read_text(encoding="utf-8")


def _with_axe(language: str, width: int) -> bool:
    """axe-core checks every page at both widths in English and Arabic (left to right, right
    to left) and at the phone's width in Russian and Ukrainian, whose pages differ from the
    English ones only in their words (a quarter of the run's time saved)."""
    return language in {"en", "ar"} or width < 1000


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

    def pages(self, label: str, paths: list[str], width: int, *, axe: bool) -> None:
        self.page.set_viewport_size({"width": width, "height": 844})
        for path in paths:
            where = f"{label} {width} {path}"
            self.console.clear()
            began = time.perf_counter()
            self.page.goto(self.origin + path, timeout=60_000)
            self.page.wait_for_load_state("load")
            scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide = self.page.evaluate(WIDE, width)
                self.problems[f"{where} width"] = [scroll_width, wide]
            if self.console:
                self.problems[f"{where} console"] = list(self.console)
            checked = time.perf_counter()
            self.seconds["pages"] += checked - began
            if not axe:
                continue
            if not self.page.evaluate("typeof axe !== 'undefined'"):
                self.page.evaluate(self.axe + "\n;0")
            violations = self.page.evaluate(RUN_AXE, AXE_TAGS)
            self.seconds["axe"] += time.perf_counter() - checked
            if violations:
                self.problems[f"{where} axe"] = violations


def test_key_pages_fit_the_window_keep_the_console_clean_and_pass_axe(
    live_app, request, key_ids, user, axe_source
):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    session = db_call(lambda: _session_cookie(user))
    visit = Visit(page, origin, axe_source)
    public = key_pages.paths(key_pages.PUBLIC, key_ids)
    private = key_pages.paths(key_pages.PRIVATE, key_ids)
    for language in LANGUAGES:
        page.context.clear_cookies()
        page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])
        page.goto(origin + "/", timeout=60_000)
        assert page.evaluate("[document.documentElement.lang, document.dir]") == [
            language,
            "rtl" if language == "ar" else "ltr",
        ]
        for width in WIDTHS:
            visit.pages(language, public, width, axe=_with_axe(language, width))
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": origin}]
        )
        for width in WIDTHS:
            visit.pages(f"{language} logged in", private, width, axe=_with_axe(language, width))
    print(json.dumps({"seconds": visit.seconds, **visit.problems}, indent=1, ensure_ascii=False))
    assert visit.problems == {}
    assert [url for url in visit.fetched if not url.startswith(origin)] == []
