"""The timetable as a grid (issue 13, point 4): placement classes computed once in Python,
talks at the same time in parallel tracks on the same row, breaks across every track, and a
page that stays small for the 300-talk benchmark conference."""

import gzip
import importlib.util
import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

from science4peace.events.interfaces.timetable import clock_html, day_heading
from science4peace.lib.timegrid import MAX_COLUMNS, MAX_LINES
from science4peace.lib.timezones import zone

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "src/science4peace/events/static/events/timetable.css"


def _classes(page: str, element_id: str) -> list[str]:
    """The classes of the element with that id."""
    tag = re.search(rf'<[^>]* id="{element_id}"[^>]*>', page)[0]
    return re.search(r'class="([^"]*)"', tag)[1].split()


def _place(classes: list[str]) -> dict[str, int]:
    return {c[0]: int(c[1:]) for c in classes if re.fullmatch(r"[rscw]\d+", c)}


def test_parallel_talks_share_a_row_and_the_break_spans_both_tracks(client, conference):
    page = client.get(reverse("events:timetable", args=[conference.pk])).content.decode()
    first_day = sorted(conference.sessions.all(), key=lambda s: (s.start, s.title))[:3]
    track_a, track_b, lunch = first_day
    talk_a, talk_b = (s.contributions.get() for s in (track_a, track_b))
    a, b = _place(_classes(page, f"s{track_a.pk}")), _place(_classes(page, f"s{track_b.pk}"))
    assert (a["r"], a["s"]) == (b["r"], b["s"])  # the same rows
    assert (a["c"], b["c"]) == (2, 3)  # side by side, after the time axis
    assert _place(_classes(page, f"c{talk_a.pk}")) == _place(_classes(page, f"c{talk_b.pk}"))
    brk = _place(_classes(page, f"s{lunch.pk}"))
    assert (brk["c"], brk["w"]) == (2, 2)  # every track
    assert brk["r"] == a["r"] + a["s"]  # right after the sessions


def test_the_stylesheet_has_a_class_for_every_line_and_column_the_layout_may_use():
    css = STYLESHEET.read_text()
    assert f".r{MAX_LINES}{{" in css
    assert f".s{MAX_LINES}{{" in css
    assert f".c{MAX_COLUMNS + 1}{{" in css
    assert f".w{MAX_COLUMNS}{{" in css
    assert f".k{MAX_COLUMNS}{{" in css
    assert len(gzip.compress(STYLESHEET.read_bytes())) < 5_000


def test_times_are_isolated_left_to_right_and_days_follow_the_language():
    import datetime as dt

    instant = dt.datetime(2026, 12, 14, 12, 30, tzinfo=dt.UTC)
    assert clock_html(instant, zone("Europe/Berlin")) == (
        '<time datetime="2026-12-14T13:30:00+01:00" dir="ltr">13:30 CET</time>'
    )
    with translation.override("ar"):
        assert day_heading(instant.date()) == (
            '<time datetime="2026-12-14">الاثنين، 14 ديسمبر، 2026</time>'
        )
    with translation.override("ru"):
        assert day_heading(instant.date()) == (
            '<time datetime="2026-12-14">Понедельник, 14 декабря 2026 г.</time>'
        )


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "bench_timetable", ROOT / "benchmarks/timetable.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_300_talk_timetable_is_at_most_33_kb_compressed(client, db):
    event = _benchmark().build_conference()
    response = client.get(reverse("events:timetable", args=[event.pk]))
    page = response.content
    assert page.count(b'<li id="c') == 300
    assert len(gzip.compress(page)) <= 33_000
