"""The timetable as its template reads it (``events/_timetable.html``): every time formatted
once per distinct instant, links made here, each block a plain dict (what a template looks up
fastest) with its talks' lines ready, so the template loops over days, tracks and blocks only
and 300 talks render in a few milliseconds."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from html import escape  # Django's escape, without its lazy-string wrapper
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from science4peace.events.domain.programme import Block, Item, Programme, days
from science4peace.events.models import Event
from science4peace.lib.timezones import zone


def clock_html(instant: dt.datetime, tz: zoneinfo.ZoneInfo, with_date: bool = False) -> SafeString:
    """``<time>`` with the local time and the zone's abbreviation, e.g. 09:00 CEST (with the
    date first if asked). The one format of ``{% clock %}`` and of the timetable."""
    moment = instant.astimezone(tz)
    shown = moment.strftime("%Y-%m-%d %H:%M %Z" if with_date else "%H:%M %Z")
    return mark_safe(f'<time datetime="{escape(moment.isoformat())}">{escape(shown)}</time>')  # noqa: S308


def _addresses(name: str, event_id: int) -> Callable[[int], str]:
    """``reverse(name, args=[event_id, n])`` for every ``n`` from one ``reverse``: the URL
    patterns of an event's sessions and contributions end with that id."""
    marker = str(10**17)  # an id the ``<id:...>`` converter accepts
    head, _marker, tail = reverse(name, args=[event_id, marker]).rpartition(marker)
    return lambda n: f"{head}{n}{tail}"


class Clock:
    """``clock_html`` in one zone, each distinct instant formatted once."""

    def __init__(self, zone_name: str) -> None:
        self._tz = zone(zone_name)
        self._shown: dict[dt.datetime, SafeString] = {}

    def __call__(self, instant: dt.datetime) -> SafeString:
        shown = self._shown.get(instant)
        if shown is None:
            shown = self._shown[instant] = clock_html(instant, self._tz)
        return shown


class _Lines:
    """The ``<li>`` of each talk, written here rather than in the template: 300 of them are
    most of the page, and a template spends about ten lookups and escapes on each."""

    def __init__(self, event_id: int, clock: Clock) -> None:
        self.clock = clock
        self.slides_url = _addresses("events:slides", event_id)
        self.slides = escape(gettext("slides"))
        self.recording = escape(gettext("recording"))

    def __call__(self, item: Item) -> str:
        assert item.start is not None  # a block holds scheduled contributions only
        line = (
            f'<li id="c{item.id}"><span class="when">{self.clock(item.start)}</span> '
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


class _Blocks:
    def __init__(self, event: Event, clock: Clock) -> None:
        self.clock = clock
        self.lines = _Lines(event.pk, clock)
        self.video = event.video != Event.Video.NONE
        self.ics_url = _addresses("events:session-ics", event.pk)
        self.join_url = _addresses("events:join", event.pk)

    def __call__(self, block: Block) -> dict[str, Any]:
        session_id, clock, lines = block.session_id, self.clock, self.lines
        video = self.video and block.kind == "session"
        return {
            "key": block.key,
            "kind": block.kind,
            "title": block.title,
            "when": mark_safe(f"{clock(block.start)}–{clock(block.end)}"),  # noqa: S308
            "ics": self.ics_url(session_id) if session_id else "",
            "join": self.join_url(session_id) if session_id and video else "",
            # the talks' lines (every value in them escaped), each on a line of its own
            "items": mark_safe("".join(f"\n{lines(item)}" for item in block.items)),  # noqa: S308
        }


def timetable_days(programme: Programme, event: Event, zone_name: str) -> list[dict[str, Any]]:
    """The days of ``programme`` in ``zone_name`` (``domain.programme.days``), each with its
    columns as (track name, blocks)."""
    block = _Blocks(event, Clock(zone_name))
    return [
        {
            "date": day.date,
            "columns": [(track, [block(b) for b in blocks]) for track, blocks in day.columns],
        }
        for day in days(programme, zone_name)
    ]
