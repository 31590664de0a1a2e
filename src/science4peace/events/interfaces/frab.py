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

from django.utils.text import slugify

import science4peace
from science4peace.events.domain.programme import Block, Item, Programme, Speaker
from science4peace.events.models import Event
from science4peace.lib.timezones import zone
from science4peace.lib.xmlwriter import Node, escape_attribute, indented, leaf

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
    date: str  # ``start`` in ISO 8601
    hhmm: str  # ``start``'s wall-clock time, 09:05
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


class _Times:
    """Each distinct instant turned into the event's zone and formatted once (the tracks of
    a conference share their start times)."""

    def __init__(self, zone_name: str) -> None:
        self.tz = zone(zone_name)
        # by timestamp: two local times of the repeated hour of a DST change compare equal
        self._local: dict[float, tuple[dt.datetime, str, str]] = {}

    def __call__(self, instant: dt.datetime) -> tuple[dt.datetime, str, str]:
        """(``instant`` in the event's zone, in ISO 8601, its wall-clock HH:MM)."""
        key = instant.timestamp()
        found = self._local.get(key)
        if found is None:
            moment = instant.astimezone(self.tz)
            found = self._local[key] = (moment, moment.isoformat(), moment.strftime("%H:%M"))
        return found


def _talks(prog: Programme, event: Event, base_url: str, times: _Times) -> list[Talk]:
    talks = []
    persons: dict[int, tuple[int, str, str]] = {}

    def person(speaker: Speaker) -> tuple[int, str, str]:
        found = persons.get(speaker.id)
        if found is None:
            found = persons[speaker.id] = (
                speaker.id,
                speaker.name,
                _person_guid(base_url, speaker.id),
            )
        return found

    def talk(block: Block, item: Item | None) -> Talk:
        room = block.track or PLENARY
        if item is None:
            minutes = int((block.end - block.start).total_seconds() // 60)
            return Talk(
                SESSION_ID_OFFSET + (block.session_id or 0),
                str(uuid.uuid5(event.guid, block.key)),
                block.title,
                block.kind,
                "",
                *times(block.start),
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
            *times(item.start),
            item.duration,
            room,
            item.track or block.track,
            tuple(person(s) for s in item.speakers),
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


# an <event> is at depth 3 (schedule, day, room, event): its elements at 4, theirs at 5
_EVENT_END = "\n      </event>"
_AT4 = "\n        "
_AT5 = "\n          "
_RECORDING = f"<recording>{_AT5}<license />{_AT5}<optout>false</optout>{_AT4}</recording>"


def _event_xml(event: Event, talk: Talk, base_url: str) -> str:
    """A talk's ``<event>``, written as ``xmlwriter.indented`` writes it at its depth (the
    same characters as the tuple form, one string instead of 22 elements)."""
    if talk.persons:
        persons = (
            "<persons>"
            + "".join(
                f"{_AT5}"
                + leaf("person", name, f' id="{person_id}" guid="{escape_attribute(guid)}"')
                for person_id, name, guid in talk.persons
            )
            + f"{_AT4}</persons>"
        )
    else:
        persons = "<persons />"
    links = (
        f'<links>{_AT5}<link href="{escape_attribute(talk.recording_url)}" type="video">'
        f"Recording</link>{_AT4}</links>"
        if talk.recording_url
        else "<links />"
    )
    attachments = (
        f'<attachments>{_AT5}<attachment href="{escape_attribute(talk.slides_url)}"'
        f' type="slides">Slides</attachment>{_AT4}</attachments>'
        if talk.slides_url
        else "<attachments />"
    )
    return (
        _AT4.join(
            (
                f'<event id="{talk.id}" guid="{escape_attribute(talk.guid)}">',
                leaf("room", talk.room),
                leaf("title", talk.title),
                "<subtitle />",
                leaf("type", talk.kind),
                leaf("date", talk.date),
                leaf("start", talk.hhmm),
                leaf("duration", _hhmm(talk.duration)),
                leaf("abstract", talk.abstract),
                leaf("slug", _slug(event, talk)),
                leaf("track", talk.track),
                "<logo />",
                persons,
                "<language>en</language>",
                "<description />",
                _RECORDING,
                links,
                attachments,
                leaf("url", f"{base_url}timetable/#c{talk.id}"),
            )
        )
        + _EVENT_END
    )


def schedule_xml(prog: Programme, event: Event, *, base_url: str) -> bytes:
    """``base_url``: the event's absolute URL, ending in ``/``."""
    times = _Times(event.timezone)
    talks = _talks(prog, event, base_url, times)
    days = _days(event, talks)
    conference: list[Node | str] = [
        ("title", {}, event.title),
        ("acronym", {}, event.acronym),
        ("start", {}, days[0][1].isoformat()),
        ("end", {}, days[-1][1].isoformat()),
        ("days", {}, str(len(days))),
        ("timeslot_duration", {}, "00:05"),
        ("base_url", {}, base_url),
        ("time_zone_name", {}, event.timezone),
        *(("track", {"name": name}, None) for _id, name in prog.tracks),
    ]
    schedule: list[Node | str] = [
        ("generator", {"name": "science4peace", "version": science4peace.__version__}, None),
        ("url", {}, f"{base_url}schedule.xml"),
        ("version", {}, str(prog.version)),
        ("conference", {}, conference),
    ]
    for index, date, day_talks in days:
        start, end = _day_bounds(event, date, day_talks)
        rooms: list[Node | str] = [
            ("room", {"name": name}, [_event_xml(event, talk, base_url) for talk in room_talks])
            for name, room_talks in _rooms(day_talks).items()
        ]
        attributes = {
            "index": str(index),
            "date": date.isoformat(),
            "start": start.isoformat(),
            "end": end.isoformat(),
        }
        schedule.append(("day", attributes, rooms))
    return indented(("schedule", {}, schedule))


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
    talks = _talks(prog, event, base_url, _Times(event.timezone))
    days = _days(event, talks)
    rooms = sorted({t.room for t in talks})

    def event_json(talk: Talk) -> dict:
        links = [{"type": "media", "url": talk.recording_url, "title": "Recording"}]
        attachments = [{"type": "slides", "url": talk.slides_url, "title": "Slides"}]
        return {
            "id": talk.id,
            "guid": talk.guid,
            "logo": "",
            "date": talk.date,
            "start": talk.hhmm,
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
