"""iCalendar (RFC 5545) exports: an event, one session, or a participant's agenda. Times carry
the event's zone as TZID with its VTIMEZONE, so calendar programs show them correctly on both
sides of a daylight-saving change. Agenda entries carry the link into the session's video
room (our join address, which checks registration and time before it lets anyone in)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings

from science4peace.events.domain.programme import Block
from science4peace.lib.timezones import zone

PRODID = "-//Science4Peace//Events//EN"


@dataclass(frozen=True)
class Entry:
    block: Block
    event_id: int
    event_title: str
    zone_name: str
    url: str  # the event's timetable, absolute
    join_url: str = ""  # absolute, only in participants' agendas


def _description(entry: Entry) -> str:
    lines = [entry.event_title]
    for item in entry.block.items:
        speakers = ", ".join(s.name for s in item.speakers)
        start = item.start.astimezone(zone(entry.zone_name)) if item.start else None
        when = f"{start:%H:%M %Z} " if start else ""  # readers live in many zones
        lines.append(f"{when}{item.title}" + (f" — {speakers}" if speakers else ""))
    if entry.join_url:
        lines.append(f"Video room: {entry.join_url}")
    lines.append(entry.url)
    return "\n".join(lines)


def _vevent(entry: Entry, stamp: dt.datetime) -> icalendar.Event:
    block, tz = entry.block, zone(entry.zone_name)
    vevent = icalendar.Event()
    vevent.add("uid", f"event{entry.event_id}-{block.key}@science4peace")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", block.start.astimezone(tz))
    vevent.add("dtend", block.end.astimezone(tz))
    vevent.add("summary", block.title)
    vevent.add("description", _description(entry))
    vevent.add("url", entry.join_url or entry.url)
    if block.track:
        vevent.add("categories", [block.track])
    if entry.join_url:
        vevent.add("location", entry.join_url)
    return vevent


def calendar(entries: Iterable[Entry], *, name: str, now: dt.datetime | None = None) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{name} · {settings.SITE_NAME}")
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    dates = []
    for entry in entries:
        cal.add_component(_vevent(entry, stamp))
        dates.append(entry.block.start.date())
    if dates:
        cal.add_missing_timezones(
            first_date=min(dates) - dt.timedelta(days=366),
            last_date=max(dates) + dt.timedelta(days=366),
        )
    return cal.to_ical()
