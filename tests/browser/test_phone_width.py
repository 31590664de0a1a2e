"""At a phone's width (390 px), in a left-to-right and a right-to-left language, no page
scrolls sideways: navigation wraps, wide tables scroll inside themselves."""

import pytest

from tests.browser.conftest import db_call

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/people/",
    "/institutions/",
    "/institutions/countries/",
    "/collaborations/",
    "/collaborations/{helix}/",
    "/collaborations/{helix}/members/",
    "/papers/",
    "/events/",
    "/catalog/",
    "/projects/",
    "/accounts/login/",
]


def _too_wide(page, origin: str, paths: list[str]) -> dict[str, int]:
    widths = {}
    for path in paths:
        page.goto(origin + path, timeout=60_000)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            widths[path] = width
    return widths


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_page_scrolls_sideways_at_phone_width(live_app, request, mover, helix, language):
    helix_id = db_call(lambda: helix.pk)
    paths = [path.format(helix=helix_id) for path in PAGES]
    page = request.getfixturevalue("browser_page")
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_app.url}])
    page.goto(live_app.url + "/", timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == language
    assert _too_wide(page, live_app.url, paths) == {}
