"""The timetable in a real browser (issue 13, points 4 and 6): a grid at a desktop's width with
parallel talks side by side and a line at "now", a list at a phone's, and in Arabic times,
zones and dates that read in the right order."""

import datetime as dt
import uuid

import pytest

from science4peace.events.models import Contribution, Event, Session, Track
from tests.browser.conftest import db_call

pytestmark = pytest.mark.browser

# The visual position (left, top, right, bottom) of the first occurrence of a text in an element.
WHERE = """([selector, text]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const box = range.getBoundingClientRect();
    return [box.left, box.top, box.right, box.bottom];
  }
  return null;
}"""


def _event(day: dt.datetime) -> tuple[Event, dict[str, int]]:
    """Opening for everyone, then two parallel sessions of two talks, then a break (UTC)."""
    event = Event.objects.create(
        title="Grid conference", timezone="Europe/Berlin", start_date=day.date(),
        end_date=day.date(), guid=uuid.uuid4(),
    )  # fmt: skip
    ids = {}
    ids["opening"] = Session.objects.create(
        event=event, title="Opening", start=day, end=day + dt.timedelta(minutes=30)
    ).pk
    for n, name in enumerate(["Theory", "Experiment"]):
        track = Track.objects.create(event=event, name=name, position=n)
        session = Session.objects.create(
            event=event, track=track, title=f"{name} session",
            start=day + dt.timedelta(minutes=30), end=day + dt.timedelta(minutes=90),
        )  # fmt: skip
        ids[name] = session.pk
        for k in range(2):
            talk = Contribution.objects.create(
                event=event, session=session, title=f"{name} talk {k + 1}", duration=30,
                start=day + dt.timedelta(minutes=30 + 30 * k), guid=uuid.uuid4(),
            )  # fmt: skip
            ids[f"{name} {k + 1}"] = talk.pk
    ids["break"] = Session.objects.create(
        event=event, kind=Session.Kind.BREAK, title="Coffee",
        start=day + dt.timedelta(minutes=90), end=day + dt.timedelta(minutes=120),
    ).pk  # fmt: skip
    Event.objects.filter(pk=event.pk).update(version=2)
    return event, ids


def _box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).bounding_box()


def test_the_timetable_is_a_grid_on_a_desktop_and_a_list_on_a_phone(live_app, request):
    # the browser's clock reads 15 minutes into the parallel sessions, where the line of "now"
    # is drawn; a fixed day (13:30 in Berlin) keeps the event on one local day whenever it runs
    start = dt.datetime(2026, 12, 14, 12, 30, tzinfo=dt.UTC)
    event, ids = db_call(lambda: _event(start))
    page = request.getfixturevalue("browser_page")
    page.clock.set_fixed_time(start + dt.timedelta(minutes=45))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    url = f"{live_app.url}/events/{event.pk}/timetable/"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    theory, experiment = _box(page, f"#c{ids['Theory 1']}"), _box(page, f"#c{ids['Experiment 1']}")
    assert round(theory["y"]) == round(experiment["y"])  # the same top
    assert theory["x"] + theory["width"] <= experiment["x"]  # side by side
    coffee = _box(page, f"#s{ids['break']}")
    session = _box(page, f"#s{ids['Theory']}")
    assert coffee["x"] == session["x"]
    assert coffee["width"] >= 2 * session["width"]  # across both tracks
    assert coffee["y"] >= session["y"] + session["height"]
    now = _box(page, ".now-line")
    assert session["y"] < now["y"] < session["y"] + session["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tops = [
        _box(page, f"#{key}")["y"]
        for key in (
            f"s{ids['opening']}",
            f"s{ids['Theory']}",
            f"s{ids['Experiment']}",
            f"s{ids['break']}",
        )
    ]
    assert tops == sorted(tops)  # one list, in time order
    assert page.locator(f"#s{ids['Experiment']} .track").inner_text() == "Experiment"
    assert page.locator(".now-line").count() == 0 or not page.locator(".now-line").is_visible()
    assert errors == []


def test_arabic_timetable_reads_times_zones_and_dates_in_order(live_app, request):
    event, ids = db_call(lambda: _event(dt.datetime(2026, 12, 14, 12, 30, tzinfo=dt.UTC)))
    page = request.getfixturevalue("browser_page")
    origin = live_app.url
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": origin}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{origin}/events/{event.pk}/timetable/")
    slot = f"#s{ids['opening']} h3"
    assert page.locator(slot).inner_text() == "13:30 CET–14:00 CET Opening"

    def x(selector: str, text: str) -> tuple[float, float]:
        box = page.evaluate(WHERE, [selector, text])
        return box[0], box[2]

    # left to right inside the time range: 13:30 CET – 14:00 CET
    assert x(slot, "13:30")[1] <= x(slot, "CET")[0]
    assert x(slot, "CET")[1] <= x(slot, "14:00")[0]
    # the range as a whole comes first in reading order: right of the title
    assert x(slot, "Opening")[1] <= x(slot, "13:30")[0]
    # the date reads right to left as Arabic does: day, month, year
    day = "section.day h2"
    assert page.locator(day).inner_text() == "الاثنين، 14 ديسمبر، 2026"
    assert x(day, "2026")[1] <= x(day, "ديسمبر")[0] <= x(day, "14")[0]
    # the zone in the note stays one piece, left to right
    assert x("#zone-note", "Europe")[1] <= x("#zone-note", "Berlin")[0]
