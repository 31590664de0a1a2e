"""Chromium runs outside the network guard's process; its resolver knows only localhost."""

import pytest
from playwright.sync_api import Error

pytestmark = pytest.mark.browser


def test_the_browser_cannot_resolve_an_outside_name(browser_page):
    with pytest.raises(Error, match="net::ERR_NAME_NOT_RESOLVED"):
        browser_page.goto("http://example.org/")
