"""The key public pages as a visitor's browser sees them, at a desktop's (1280 px) and a phone's
(390 px) width, in a left-to-right and a right-to-left language: no page scrolls sideways
(navigation wraps, wide tables scroll inside themselves), the console stays clean (no error, no
Content-Security-Policy violation, no missing favicon) and nothing is fetched from elsewhere."""

import pytest

from tests.browser.conftest import db_call

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/people/",
    "/people/{person}/",
    "/institutions/",
    "/institutions/countries/",
    "/collaborations/",
    "/collaborations/{helix}/",
    "/collaborations/{helix}/members/",
    "/papers/",
    "/papers/audit/",
    "/events/",
    "/catalog/",
    "/projects/",
    "/accounts/login/",
    "/accounts/signup/",
]


def _visit(page, origin: str, paths: list[str], width: int) -> dict[str, object]:
    """What went wrong on each page: its width when wider than the window, console errors."""
    problems: dict[str, object] = {}
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": width, "height": 844})
    for path in paths:
        console.clear()
        page.goto(origin + path, timeout=60_000)
        page.wait_for_load_state("load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            problems[f"{path} width"] = scroll_width
        if console:
            problems[f"{path} console"] = list(console)
    return problems


@pytest.mark.parametrize("language", ["en", "ar"])
def test_key_pages_fit_the_window_and_keep_the_console_clean(
    live_app, request, mover, helix, language
):
    ids = db_call(lambda: {"helix": helix.pk, "person": mover.pk})
    paths = [path.format(**ids) for path in PAGES]
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])
    page.goto(origin + "/", timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == language
    problems = {width: _visit(page, origin, paths, width) for width in (1280, 390)}
    assert problems == {1280: {}, 390: {}}
    assert [url for url in fetched if not url.startswith(origin)] == []
