"""The README's two screenshots (issue 13): the home page and the demo conference's timetable,
as Chromium shows them at 1280×800 in English, saved as small palette PNGs.

Every run takes them and checks they are small images of the right size; with
``S4P_UPDATE_SCREENSHOTS=1`` the run also writes them to docs/screenshots/, where the README
shows them (commit them after looking at them)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from tests import key_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "docs" / "screenshots"
SIZE = {"width": 1280, "height": 800}
LIMIT = 150 * 1024


@pytest.fixture
def key_ids(user, mover, helix, staff, dataset, live_app):
    return key_pages.load(user=user, person=mover, collaboration=helix, administrator=staff)


def small_png(shot: bytes) -> bytes:
    """The screenshot with a palette of 64 colours, which keeps text crisp at a fraction of
    the size."""
    with Image.open(io.BytesIO(shot)) as image:
        out = io.BytesIO()
        image.convert("RGB").quantize(colors=64).save(out, format="PNG", optimize=True)
    return out.getvalue()


def size_of(source: Path | bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
        return image.size


def test_the_readme_screenshots_are_small_pngs_of_home_and_timetable(live_app, request, key_ids):
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": origin}])
    page.set_viewport_size(SIZE)
    shots = {}
    for name, path in [("home", "/"), ("timetable", f"/events/{key_ids['event']}/timetable/")]:
        page.goto(origin + path, timeout=60_000)
        page.wait_for_load_state("load")
        shots[name] = small_png(page.screenshot())
    sizes = {name: size_of(png) for name, png in shots.items()}
    assert sizes == {"home": (1280, 800), "timetable": (1280, 800)}
    assert {name: len(png) for name, png in shots.items() if len(png) > LIMIT} == {}
    if os.environ.get("S4P_UPDATE_SCREENSHOTS") == "1":
        FOLDER.mkdir(exist_ok=True)
        for name, png in shots.items():
            (FOLDER / f"{name}.png").write_bytes(png)


def test_the_readme_shows_the_two_committed_screenshots():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = {name: f"docs/screenshots/{name}.png" in readme for name in ("home", "timetable")}
    sizes = {name: size_of(FOLDER / f"{name}.png") for name in ("home", "timetable")}
    assert shown == {"home": True, "timetable": True}
    assert sizes == {"home": (1280, 800), "timetable": (1280, 800)}
