"""The timetable as its template reads it (``events/_timetable.html``): every time formatted
once per distinct instant, links made here, each block a plain dict (what a template looks up
fastest) with its talks' lines ready, so the template loops over days, tracks and blocks only
and 300 talks render in a few milliseconds."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from html import escape  # Django's escape, without its lazy-string wrapper
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from science4peace.core.interfaces.addresses import addresses
from science4peace.events.domain.programme import Block, Day, Item, Programme, days
from science4peace.events.models import Event
from science4peace.lib.timegrid import Box, Place, layout
from science4peace.lib.timezones import zone


def clock_html(instant: dt.datetime, tz: zoneinfo.ZoneInfo, with_date: bool = False) -> SafeString:
    """``<time>`` with the local time and the zone's abbreviation, e.g. 09:00 CEST, kept
    left-to-right and isolated from the text around it (in Arabic "13:30–14:00 CET" would
    otherwise be reordered); with the date first if asked, in the active language's format.
    The one format of ``{% clock %}`` and of the timetable."""
    moment = instant.astimezone(tz)
    stamp = escape(moment.isoformat())
    shown = escape(moment.strftime("%H:%M %Z"))
    if not with_date:
        return mark_safe(f'<time datetime="{stamp}" dir="ltr">{shown}</time>')  # noqa: S308
    day = escape(date_format(moment, "DATE_FORMAT"))
    return mark_safe(  # noqa: S308
        f'<time datetime="{stamp}"><bdi>{day}</bdi> <bdi dir="ltr">{shown}</bdi></time>'
    )


def day_heading(day: dt.date) -> SafeString:
    """The day's date in the active language (weekday and date), in a ``<time>``."""
    shown = pgettext("a day of a timetable", "%(weekday)s, %(date)s") % {
        "weekday": date_format(day, "l"),
        "date": date_format(day, "DATE_FORMAT"),
    }
    return mark_safe(f'<time datetime="{day.isoformat()}">{escape(shown)}</time>')  # noqa: S308


class Clock:
    """``clock_html`` in one zone, each distinct instant formatted once."""

    def __init__(self, zone_name: str) -> None:
        self.tz = zone(zone_name)
        self._shown: dict[dt.datetime, SafeString] = {}

    def __call__(self, instant: dt.datetime) -> SafeString:
        shown = self._shown.get(instant)
        if shown is None:
            shown = self._shown[instant] = clock_html(instant, self.tz)
        return shown


class _Lines:
    """The ``<li>`` of each talk, written here rather than in the template: 300 of them are
    most of the page, and a template spends about ten lookups and escapes on each."""

    def __init__(self, event_id: int, clock: Clock) -> None:
        self.clock = clock
        self.slides_url = addresses("events:slides", event_id)
        self.slides = escape(gettext("slides"))
        self.recording = escape(gettext("recording"))

    def __call__(self, item: Item, place: tuple[int, int]) -> str:
        assert item.start is not None  # a block holds scheduled contributions only
        line = (
            f'<li id="c{item.id}" class="r{place[0]} s{place[1]}">'
            f'<span class="when">{self.clock(item.start)}</span> '
            f'<span class="kind">{escape(item.kind)}</span> <strong>{escape(item.title)}</strong>'
        )
        if item.speakers:
            line += " — " + escape(", ".join(s.name for s in item.speakers))
        if item.slides:
            url = self.slides_url(item.id)
            line += f' · <a href="{escape(url)}">{self.slides}</a>'
        if item.recording_url:
            line += f' · <a href="{escape(item.recording_url)}" rel="nofollow">{self.recording}</a>'
        return line + "</li>"


def _classes(place: Place) -> str:
    return f"r{place.row} s{place.rows} c{place.column} w{place.columns}"


class _Blocks:
    """Each block's ``<article>``, written here as the talks' lines are: the template loops
    over days only."""

    def __init__(self, event: Event, clock: Clock) -> None:
        self.clock = clock
        self.lines = _Lines(event.pk, clock)
        self.video = event.video != Event.Video.NONE
        self.ics_url = addresses("events:session-ics", event.pk)
        self.join_url = addresses("events:join", event.pk)
        self.video_room = escape(gettext("Video room"))

    def __call__(self, block: Block, place: Place) -> str:
        session_id, clock, lines = block.session_id, self.clock, self.lines
        # one left-to-right run, isolated: "13:30–14:00 CET" in Arabic too
        when = f'<bdi dir="ltr">{clock(block.start)}–{clock(block.end)}</bdi>'
        html = (
            f'\n<article class="block {escape(block.kind)} {_classes(place)}"'
            f' id="{escape(block.key)}">'
            f'\n<header><h3><span class="when">{when}</span> {escape(block.title)}'
        )
        if block.track:
            html += f' <span class="track">{escape(block.track)}</span>'
        html += "</h3>\n"
        if session_id:
            html += f'<p class="block-links"><a href="{escape(self.ics_url(session_id))}">iCal</a>'
            if self.video and block.kind == "session":
                join = escape(self.join_url(session_id))
                html += f' · <a href="{join}">{self.video_room}</a>'
            html += "</p>"
        html += "</header>\n"
        if block.items:
            # the talks' lines (every value in them escaped), each on a line of its own
            html += '<ol class="items">' + "".join(
                f"\n{lines(i, p)}" for i, p in zip(block.items, place.items, strict=True)
            )
            html += "\n</ol>"
        return html + "\n</article>"


def _minutes(instant: dt.datetime, origin: dt.datetime) -> int:
    return round((instant - origin).total_seconds() / 60)


def _day(day: Day, make: _Blocks, tz: zoneinfo.ZoneInfo) -> dict[str, Any]:
    """One day on its grid (``lib.timegrid``): the blocks in time order (the order a phone
    lists them in), each with its grid classes; the lanes' headings; the full hours."""
    blocks = [(n, block) for n, (_track, column) in enumerate(day.columns) for block in column]
    first = min(block.start for _n, block in blocks).astimezone(tz)
    origin = first.replace(minute=0, second=0, microsecond=0).astimezone(dt.UTC)
    shared = 1 if not day.columns[0][0] else 0  # the column of blocks without a track
    boxes = [
        Box(
            _minutes(block.start, origin),
            _minutes(block.end, origin),
            None if n < shared else n - shared,
            tuple((_minutes(i.start, origin), _minutes(i.end, origin)) for i in block.items),  # type: ignore[arg-type]
        )
        for n, block in blocks
    ]
    grid = layout(boxes)
    names = [name for name, _column in day.columns[shared:]]
    order = sorted(range(len(blocks)), key=lambda k: (boxes[k].start, grid.places[k].column))
    clock = make.clock
    all_tracks = escape(gettext("All tracks"))
    lanes = "".join(
        f'\n<div class="lane r1 s1 c{column} w{width}" aria-hidden="true">'
        f"{escape(names[key]) if key is not None and names[key] else all_tracks}</div>"
        for key, column, width in grid.groups
    )
    hours = "".join(
        f'\n<div class="hour r{line}" aria-hidden="true">'
        f"{clock(origin + dt.timedelta(minutes=minute))}</div>"
        for minute, line in grid.hours
    )
    return {
        "date": day.date,
        "heading": day_heading(day.date),
        "grid": f"m{grid.slot if grid.slot in SLOT_CLASSES else 60}",
        # what events/timetable.js needs to draw the line of "now"
        "origin": int(origin.timestamp()),
        "slot": grid.slot,
        "slots": grid.slots,
        "heads": " ".join(map(str, grid.heads)),
        "columns": grid.columns + 1,
        "lanes_count": grid.columns,
        # the lanes' headings, the full hours and the blocks, each on a line of its own
        "body": mark_safe(  # noqa: S308  (every value in it escaped)
            lanes + hours + "".join(make(blocks[k][1], grid.places[k]) for k in order)
        ),
    }


SLOT_CLASSES = {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60}  # the divisors of an hour


def timetable_days(programme: Programme, event: Event, zone_name: str) -> list[dict[str, Any]]:
    """The days of ``programme`` in ``zone_name`` (``domain.programme.days``), each laid out on
    its grid (``_day``)."""
    clock = Clock(zone_name)
    make = _Blocks(event, clock)
    return [_day(day, make, clock.tz) for day in days(programme, zone_name)]
