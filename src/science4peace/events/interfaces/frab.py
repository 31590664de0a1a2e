"""The frab schedule formats read by Giggity, EventFahrplan, pyfahrplan and info-beamer:
``schedule.xml`` (c3voc's schedule.xml.xsd) and ``schedule.json`` (c3voc's schema.json).

Days are the event's days in its own zone; a room is a track ("Plenary" for blocks outside
any track); each contribution is one frab event. A session without contributions (a break,
say) is exported as one event whose id is 10⁹ + the session's id, so ids never collide.

Every field pretalx's exports carry is there (clients such as pyfahrplan read them): talks
have ``description``, ``logo``, ``recording_license``/``do_not_record`` (XML: ``recording``),
persons ``id``, ``code``, ``public_name``, ``biography`` and ``answers``, in the programme's
speaker order; a talk's track is its own, else its session's."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from django.utils.text import slugify

import science4peace
from science4peace.events.domain.programme import Block, Item, Programme
from science4peace.events.models import Event
from science4peace.lib.timezones import zone

PLENARY = "Plenary"
SESSION_ID_OFFSET = 10**9


@dataclass(frozen=True)
class Talk:
    id: int
    guid: str
    title: str
    kind: str
    abstract: str
    start: dt.datetime  # in the event's zone
    duration: int
    room: str
    track: str
    persons: tuple[tuple[int, str, str], ...]  # (id, name, guid), in programme order
    slides_url: str
    recording_url: str


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _person_guid(base_url: str, person_id: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}people/{person_id}"))


def _person_code(person_id: int) -> str:
    """A short upper-case code per person, as pretalx gives its speakers (base 36)."""
    digits, code = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", ""
    while True:
        person_id, rest = divmod(person_id, 36)
        code = digits[rest] + code
        if not person_id:
            return code


def _talks(prog: Programme, event: Event, base_url: str) -> list[Talk]:
    tz = zone(event.timezone)
    talks = []

    def talk(block: Block, item: Item | None) -> Talk:
        room = block.track or PLENARY
        if item is None:
            start, minutes = block.start, int((block.end - block.start).total_seconds() // 60)
            return Talk(
                SESSION_ID_OFFSET + (block.session_id or 0),
                str(uuid.uuid5(event.guid, block.key)),
                block.title,
                block.kind,
                "",
                start.astimezone(tz),
                minutes,
                room,
                block.track,
                (),
                "",
                "",
            )
        assert item.start is not None
        return Talk(
            item.id,
            item.guid,
            item.title,
            item.kind,
            item.abstract,
            item.start.astimezone(tz),
            item.duration,
            room,
            item.track or block.track,
            tuple((s.id, s.name, _person_guid(base_url, s.id)) for s in item.speakers),
            f"{base_url}contributions/{item.id}/slides.pdf" if item.slides else "",
            item.recording_url,
        )

    for block in prog.blocks:
        if block.items:
            talks += [talk(block, item) for item in block.items]
        else:
            talks.append(talk(block, None))
    return talks


def _slug(event: Event, talk: Talk) -> str:
    words = slugify(talk.title)[:60].strip("-")
    return f"{event.acronym}-{talk.id:04d}" + (f"-{words}" if words else "")


def _days(event: Event, talks: list[Talk]) -> list[tuple[int, dt.date, list[Talk]]]:
    by_date: dict[dt.date, list[Talk]] = defaultdict(list)
    for talk in talks:
        by_date[talk.start.date()].append(talk)
    first = min([event.start_date, *by_date])
    last = max([event.end_date, *by_date])
    count = (last - first).days + 1
    dates = [first + dt.timedelta(days=n) for n in range(count)]
    return [(index, date, by_date.get(date, [])) for index, date in enumerate(dates, start=1)]


def _day_bounds(event: Event, date: dt.date, talks: list[Talk]) -> tuple[dt.datetime, dt.datetime]:
    tz = zone(event.timezone)
    if not talks:
        start = dt.datetime.combine(date, dt.time(0), tzinfo=tz)
        return start, dt.datetime.combine(date, dt.time(23, 59), tzinfo=tz)
    return (
        min(t.start for t in talks),
        max(t.start + dt.timedelta(minutes=t.duration) for t in talks),
    )


def _rooms(talks: list[Talk]) -> dict[str, list[Talk]]:
    rooms: dict[str, list[Talk]] = defaultdict(list)
    for talk in sorted(talks, key=lambda t: (t.start, t.id)):
        rooms[talk.room].append(talk)
    return rooms


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def schedule_xml(prog: Programme, event: Event, *, base_url: str) -> bytes:
    """``base_url``: the event's absolute URL, ending in ``/``."""
    talks = _talks(prog, event, base_url)
    root = ET.Element("schedule")
    _sub(root, "generator", name="science4peace", version=science4peace.__version__)
    _sub(root, "url", f"{base_url}schedule.xml")
    _sub(root, "version", str(prog.version))
    conference = _sub(root, "conference")
    _sub(conference, "title", event.title)
    _sub(conference, "acronym", event.acronym)
    days = _days(event, talks)
    _sub(conference, "start", days[0][1].isoformat())
    _sub(conference, "end", days[-1][1].isoformat())
    _sub(conference, "days", str(len(days)))
    _sub(conference, "timeslot_duration", "00:05")
    _sub(conference, "base_url", base_url)
    _sub(conference, "time_zone_name", event.timezone)
    for _id, name in prog.tracks:
        _sub(conference, "track", name=name)
    for index, date, day_talks in days:
        start, end = _day_bounds(event, date, day_talks)
        day = _sub(
            root,
            "day",
            index=str(index),
            date=date.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
        )
        for room_name, room_talks in _rooms(day_talks).items():
            room = _sub(day, "room", name=room_name)
            for talk in room_talks:
                node = _sub(room, "event", id=str(talk.id), guid=talk.guid)
                _sub(node, "room", talk.room)
                _sub(node, "title", talk.title)
                _sub(node, "subtitle", "")
                _sub(node, "type", talk.kind)
                _sub(node, "date", talk.start.isoformat())
                _sub(node, "start", talk.start.strftime("%H:%M"))
                _sub(node, "duration", _hhmm(talk.duration))
                _sub(node, "abstract", talk.abstract)
                _sub(node, "slug", _slug(event, talk))
                _sub(node, "track", talk.track)
                _sub(node, "logo", "")
                persons = _sub(node, "persons")
                for person_id, name, guid in talk.persons:
                    _sub(persons, "person", name, id=str(person_id), guid=guid)
                _sub(node, "language", "en")
                _sub(node, "description", "")
                recording = _sub(node, "recording")
                _sub(recording, "license", "")
                _sub(recording, "optout", "false")
                links = _sub(node, "links")
                if talk.recording_url:
                    _sub(links, "link", "Recording", href=talk.recording_url, type="video")
                attachments = _sub(node, "attachments")
                if talk.slides_url:
                    _sub(attachments, "attachment", "Slides", href=talk.slides_url, type="slides")
                _sub(node, "url", f"{base_url}timetable/#c{talk.id}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _day_json(index, date, start, end, day_talks, event_json) -> dict:
    return {
        "index": index,
        "date": date.isoformat(),
        "day_start": start.isoformat(),
        "day_end": end.isoformat(),
        "rooms": {
            name: [event_json(t) for t in room_talks]
            for name, room_talks in _rooms(day_talks).items()
        },
    }


def schedule_json(prog: Programme, event: Event, *, base_url: str) -> dict:
    talks = _talks(prog, event, base_url)
    days = _days(event, talks)
    rooms = sorted({t.room for t in talks})

    def event_json(talk: Talk) -> dict:
        links = [{"type": "media", "url": talk.recording_url, "title": "Recording"}]
        attachments = [{"type": "slides", "url": talk.slides_url, "title": "Slides"}]
        return {
            "id": talk.id,
            "guid": talk.guid,
            "logo": "",
            "date": talk.start.isoformat(),
            "start": talk.start.strftime("%H:%M"),
            "end": (talk.start + dt.timedelta(minutes=talk.duration)).isoformat(),
            "duration": _hhmm(talk.duration),
            "room": talk.room,
            "slug": _slug(event, talk),
            "url": f"{base_url}timetable/#c{talk.id}",
            "title": talk.title,
            "subtitle": "",
            "track": talk.track or None,
            "type": talk.kind,
            "language": "en",
            "abstract": talk.abstract,
            "description": "",
            "recording_license": "",
            "do_not_record": False,
            "persons": [
                {
                    "id": person_id,
                    "code": _person_code(person_id),
                    "guid": guid,
                    "public_name": name,
                    "biography": "",
                    "answers": [],
                }
                for person_id, name, guid in talk.persons
            ],
            "links": links if talk.recording_url else [],
            "attachments": attachments if talk.slides_url else [],
        }

    conference = {
        "acronym": event.acronym,
        "title": event.title,
        "description": event.description,
        "start": days[0][1].isoformat(),
        "end": days[-1][1].isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:05",
        "time_zone_name": event.timezone,
        "url": base_url,
        "tracks": [{"name": name} for _id, name in prog.tracks],
        "rooms": [
            {
                "name": name,
                "guid": str(uuid.uuid5(event.guid, f"room:{name}")),
                "type": "online",
                "description": None,
                "capacity": None,
            }
            for name in rooms
        ],
        "days": [
            _day_json(index, date, *_day_bounds(event, date, day_talks), day_talks, event_json)
            for index, date, day_talks in days
        ],
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "science4peace", "version": science4peace.__version__},
        "schedule": {"version": str(prog.version), "base_url": base_url, "conference": conference},
    }
