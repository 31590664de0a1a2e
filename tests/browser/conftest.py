import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = Path(os.environ.get("S4P_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No network (tests/netguard.py guards this process, not Chromium's): resolve no name but
    # localhost, where the live server listens; DevTools talk to Playwright over a pipe.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]


def db_call(function: Callable[[], Any]) -> Any:
    """Run an ORM read from a browser test.

    Playwright's sync API runs the test in a greenlet with its own context variables, where
    Django would open a database connection nobody closes; a short-lived thread opens and
    closes its own instead.
    """

    def run() -> Any:
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def live_app(transactional_db, live_server):
    """The live server; the test's data is visible to it on SQLite and PostgreSQL alike."""
    return live_server


@pytest.fixture
def browser_page():
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is required at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()
