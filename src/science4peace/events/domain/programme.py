"""The programme of an event as plain, immutable rows, read in three queries and cached by
the event's version (any change bumps it), and the views of it that pages and exports share:
days in a viewer's time zone, "now" and "next", conflicts."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from science4peace.events.models import Contribution, Event, Session, Track
from science4peace.lib.programme import Conflict, Slot, find_conflicts
from science4peace.lib.timezones import local
from science4peace.people.models import full_name


@dataclass(frozen=True)
class Speaker:
    id: int
    name: str


@dataclass(frozen=True)
class Item:
    id: int
    guid: str
    title: str
    kind: str
    abstract: str
    start: dt.datetime | None
    end: dt.datetime | None
    duration: int
    speakers: tuple[Speaker, ...]
    session_id: int | None
    slides: str  # storage name, "" if none
    recording_url: str
    track: str = ""  # the contribution's own track, "" if it has none (then its session's)


@dataclass(frozen=True)
class Block:
    """A session, a break, or a contribution scheduled outside any session."""

    key: str
    session_id: int | None
    title: str
    kind: str
    start: dt.datetime
    end: dt.datetime
    track_id: int | None
    track: str
    room: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Programme:
    event_id: int
    version: int
    tracks: tuple[tuple[int, str], ...]
    blocks: tuple[Block, ...]
    unscheduled: tuple[Item, ...]

    @property
    def items(self) -> list[Item]:
        return [item for block in self.blocks for item in block.items]


def _item(row: list[Any], speakers: list[Speaker]) -> Item:
    pk, guid, title, kind, abstract, start, duration, session_id, slides, recording, track = row
    # positional: a frozen dataclass's keyword arguments cost twice as much, 300 times
    return Item(
        pk,
        str(guid),
        title,
        kind,
        abstract,
        start,
        start + dt.timedelta(minutes=duration) if start else None,
        duration,
        tuple(speakers),
        session_id,
        slides or "",
        recording,
        track or "",
    )


# Per thread (Django's connections are): name -> (connection, SQL, compiler, converters)
_COMPILED = threading.local()


def _event_rows(name: str, make: Callable[[int], QuerySet[Any, Any]], event_id: int) -> list[Any]:
    """The rows of ``make(event_id)``, a ``values_list`` whose only parameter is the event's
    id, with its SQL compiled once per database connection and reused for every event
    (building and compiling the three querysets was about a fifth of the CPU time of
    reading a 300-talk programme). The rows are converted as Django converts them (SQLite's
    texts into datetimes and UUIDs, say)."""
    connection = connections[Contribution.objects.db]
    compiled = _COMPILED.__dict__.setdefault("queries", {})
    found = compiled.get(name)
    if found is None or found[0] is not connection:
        queryset = make(event_id)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if tuple(params) != (event_id,):  # not the shape this is for: as Django reads it
            return list(queryset)
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        found = compiled[name] = (connection, sql, compiler, compiler.get_converters(fields))
    _connection, sql, compiler, converters = found
    with connection.cursor() as cursor:
        cursor.execute(sql, (event_id,))
        rows = cursor.fetchall()
    return list(compiler.apply_converters(rows, converters)) if converters else rows


def _contribution_rows(event_id: int) -> QuerySet[Any, Any]:
    return (
        Contribution.objects.filter(event_id=event_id)
        .order_by("start", "id", "speaker_links__position", "speaker_links__id")
        .values_list(
            "id", "guid", "title", "kind", "abstract", "start", "duration", "session",
            "slides", "recording_url", "track__name", "speaker_links__person",
            "speaker_links__person__given_name", "speaker_links__person__family_name",
        )
    )  # fmt: skip


def _session_rows(event_id: int) -> QuerySet[Any, Any]:
    return Session.objects.filter(event_id=event_id).values_list(
        "id", "title", "kind", "start", "end", "track", "track__name", "room"
    )


def _track_rows(event_id: int) -> QuerySet[Any, Any]:
    return Track.objects.filter(event_id=event_id).values_list("id", "name")


def read_programme(event: Event) -> Programme:
    """Three queries, read as plain values (no model instances): the contributions with
    their own track's name and their speakers in programme order (a row per speaker), the
    sessions with their track's name, the tracks."""
    by_session: dict[int | None, list[Item]] = defaultdict(list)
    people: dict[int, Speaker] = {}
    speakers: list[Speaker] = []
    last: list[Any] | None = None  # the contribution whose rows are being read
    for *row, person_id, given_name, family_name in _event_rows(
        "contributions", _contribution_rows, event.pk
    ):
        if last is None or row[0] != last[0]:
            if last is not None:
                by_session[last[7]].append(_item(last, speakers))
            last, speakers = row, []
        if person_id is not None:
            speaker = people.get(person_id)
            if speaker is None:
                speaker = people[person_id] = Speaker(person_id, full_name(given_name, family_name))
            speakers.append(speaker)
    if last is not None:
        by_session[last[7]].append(_item(last, speakers))
    blocks = [
        Block(
            key=f"s{pk}",
            session_id=pk,
            title=title,
            kind=kind,
            start=start,
            end=end,
            track_id=track_id,
            track=track or "",
            room=room,
            items=tuple(i for i in by_session.get(pk, []) if i.start is not None),
        )
        for pk, title, kind, start, end, track_id, track, room in _event_rows(
            "sessions", _session_rows, event.pk
        )
    ]
    loose = by_session.get(None, [])
    blocks += [
        Block(f"c{i.id}", None, i.title, "contribution", i.start, i.end, None, "", "", (i,))
        for i in loose
        if i.start is not None and i.end is not None
    ]
    unscheduled = tuple(
        item for items in by_session.values() for item in items if item.start is None
    )
    tracks = tuple(map(tuple, _event_rows("tracks", _track_rows, event.pk)))
    blocks.sort(key=lambda b: (b.start, b.end, b.key))
    return Programme(event.pk, event.version, tracks, tuple(blocks), unscheduled)


# Immutable rows, kept in the process as they are: unpickling 300 contributions from the
# cache on every request would cost more than rendering the cached page. This memo cannot go
# stale across workers or hosts: its key is the event's ``version``, read from the database
# with the event on every request and bumped by every change (signals.py), whichever process
# makes it. The rendered pages themselves live in the shared cache (S4P_CACHE_URL).
_IN_PROCESS: dict[tuple[int, int], Programme] = {}


def programme(event: Event) -> Programme:
    key = (event.pk, event.version)
    found = _IN_PROCESS.get(key)
    if found is None:
        found = read_programme(event)
        if len(_IN_PROCESS) >= 64:
            _IN_PROCESS.pop(next(iter(_IN_PROCESS)))
        _IN_PROCESS[key] = found
    return found


def forget_programmes() -> None:
    """For tests: database rows (and so keys) may repeat between them."""
    _IN_PROCESS.clear()


@dataclass(frozen=True)
class Day:
    date: dt.date
    columns: tuple[tuple[str, tuple[Block, ...]], ...]  # (track name, blocks), shared first


def days(prog: Programme, zone_name: str) -> list[Day]:
    """Blocks grouped by their local date in ``zone_name``, one column per track; blocks
    without a track (plenaries, breaks) form the first column."""
    grouped: dict[dt.date, dict[int | None, list[Block]]] = defaultdict(lambda: defaultdict(list))
    for block in prog.blocks:
        grouped[local(block.start, zone_name).date()][block.track_id].append(block)
    names: dict[int | None, str] = {None: ""} | dict(prog.tracks)
    order = [None, *(track_id for track_id, _name in prog.tracks)]
    return [
        Day(
            date,
            tuple(
                (names[track_id], tuple(grouped[date][track_id]))
                for track_id in order
                if grouped[date].get(track_id)
            ),
        )
        for date in sorted(grouped)
    ]


def now_and_next(prog: Programme, now: dt.datetime) -> tuple[list[Item], list[Item]]:
    """Contributions running at ``now`` and those starting next (all at the same instant)."""
    items = [i for i in prog.items if i.start and i.end]
    running = [i for i in items if i.start <= now < i.end]  # type: ignore[operator]
    upcoming = sorted((i for i in items if i.start > now), key=lambda i: i.start)  # type: ignore[operator,arg-type,return-value]
    following = [i for i in upcoming if i.start == upcoming[0].start] if upcoming else []
    return running, following


def conflicts(prog: Programme) -> list[Conflict]:
    sessions = [
        Slot(b.key, b.title, b.start, b.end, track=b.track or None)
        for b in prog.blocks
        if b.session_id is not None
    ]
    items = [
        Slot(
            f"c{i.id}",
            i.title,
            i.start,
            i.end,
            session=f"s{i.session_id}" if i.session_id else None,
            speakers=tuple(s.name for s in i.speakers),
        )
        for i in prog.items
        if i.start and i.end
    ]
    return find_conflicts(sessions, items)
