"""Reading an Indico event with its timetable from Indico's HTTP export (framework-free),
``/export/event/ID.json?detail=contributions`` or ``detail=sessions``.

What the export carries and what is read:

- times as ``{"date", "time", "tz"}``; they become UTC through ``zoneinfo``;
- per contribution: ``title``, ``description``, ``startDate``/``endDate``/``duration``,
  ``type`` (a name), ``track`` and ``session`` (titles), and ``speakers`` in Indico's order;
- per speaker (``ContributionParticipation``): ``first_name``/``last_name`` or ``fullName``,
  ``affiliation``, ``emailHash`` (the MD5 of the e-mail address, when Indico knows one), and
  ``email`` only in exports made by a manager; Indico's export has no ORCID iD, but an
  ``orcid`` key is read when a site's export adds one;
- with ``detail=sessions``: ``sessions`` is a list of session *blocks* (``SessionSlot``), each
  with its own start, end and contributions; each block stays one block. With
  ``detail=contributions`` blocks are rebuilt: one per session title and local day, spanning
  its contributions.

Authors and co-authors, sub-contributions, materials, notes, rooms and conveners are not
read; what is skipped is listed in ``IndicoEvent.left_out``. Anything that cannot be read is
an :class:`IndicoError` naming the place."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from science4peace.lib import jsontext
from science4peace.lib.orcid import InvalidOrcid, normalise_orcid
from science4peace.lib.timezones import TimeZoneError, local, to_utc, zone

_MD5 = re.compile(r"^[0-9a-f]{32}$")


class IndicoError(ValueError):
    pass


@dataclass(frozen=True)
class Speaker:
    given_name: str
    family_name: str
    affiliation: str = ""
    orcid: str = ""  # normalised, "" if none
    email_hash: str = ""  # MD5 hex of the e-mail address, as Indico's ``emailHash``
    indico_id: str = ""  # Indico's ``person_id`` (the person within the event), "" if none

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


@dataclass(frozen=True)
class Contribution:
    id: str
    title: str
    description: str
    start: dt.datetime | None
    duration: int
    session: str
    track: str
    kind: str
    speakers: tuple[Speaker, ...]
    block: str = ""  # key of the block it is scheduled in, "" if none


@dataclass(frozen=True)
class Block:
    """One session block: Indico's ``SessionSlot``, or a session's contributions on a day."""

    key: str
    session: str
    title: str
    start: dt.datetime
    end: dt.datetime


@dataclass
class IndicoEvent:
    id: str
    title: str
    description: str
    timezone: str
    start: dt.datetime
    end: dt.datetime
    contributions: list[Contribution] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def email_hash(address: str) -> str:
    """The hash Indico exports as ``emailHash``: MD5 of the address as UTF-8, in hex."""
    return hashlib.md5(address.strip().encode("utf-8"), usedforsecurity=False).hexdigest()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _when(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not {"date", "time", "tz"} <= value.keys():
        raise IndicoError(f"{where}: expected {{date, time, tz}}, got {value!r:.80}")
    for key in ("date", "time", "tz"):
        if not isinstance(value[key], str):
            raise IndicoError(f"{where}.{key}: expected text, got {value[key]!r:.80}")
    try:
        naive = dt.datetime.fromisoformat(f"{value['date']}T{value['time']}")
        moment = to_utc(naive, value["tz"])
        # Every time must also be shown in the event's zone: a year away from the ends of
        # the calendar.
        if (
            not dt.datetime(2, 1, 1, tzinfo=dt.UTC)
            <= moment
            <= dt.datetime(9998, 1, 1, tzinfo=dt.UTC)
        ):
            raise ValueError(f"{value['date']} is out of range")
        return moment
    except (TypeError, ValueError, OverflowError) as error:
        raise IndicoError(f"{where}: {error}") from error


def _speaker(raw: Any, where: str, left_out: list[str]) -> Speaker:
    if not isinstance(raw, dict):
        raise IndicoError(f"{where}: expected a person, got {raw!r}")
    first, last = _text(raw.get("first_name")), _text(raw.get("last_name"))
    if not last:
        full = _text(raw.get("fullName")) or _text(raw.get("name"))
        if "," in full:  # Indico writes "Last, First"
            last, _comma, first = (part.strip() for part in full.partition(","))
        else:
            first, _space, last = full.rpartition(" ")
    if not last:
        raise IndicoError(f"{where}: a speaker without a name")
    orcid = ""
    if _text(raw.get("orcid")):
        try:
            orcid = normalise_orcid(raw["orcid"])
        except InvalidOrcid as error:
            left_out.append(f"{where} ({first} {last}): ORCID not used: {error}")
    hashed = _text(raw.get("emailHash")).lower()
    if _text(raw.get("email")):
        hashed = email_hash(raw["email"].lower())
    elif hashed and not _MD5.match(hashed):
        left_out.append(f"{where} ({first} {last}): emailHash {hashed!r} is not an MD5 hash")
        hashed = ""
    indico_id = raw.get("person_id")  # the link's "id" differs per contribution
    return Speaker(
        first[:150],
        last[:150],
        _text(raw.get("affiliation"))[:250],
        orcid,
        hashed,
        str(indico_id) if isinstance(indico_id, int | str) else "",
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(value: Any) -> str:
    """A title given as text or as Indico's ``{"title": ...}``/``{"name": ...}`` object."""
    if isinstance(value, dict):
        return _text(value.get("title")) or _text(value.get("name"))
    return _text(value)


def _contribution(
    raw: Any, where: str, left_out: list[str], session: str = "", block: str = ""
) -> Contribution:
    if not isinstance(raw, dict) or not _text(raw.get("title")):
        raise IndicoError(f"{where}: a contribution needs a title")
    start = _when(raw.get("startDate"), f"{where}.startDate")
    end = _when(raw.get("endDate"), f"{where}.endDate")
    duration = raw.get("duration")
    if start and end:
        duration = int((end - start).total_seconds() // 60)
    if isinstance(duration, bool) or not isinstance(duration, int) or not 1 <= duration <= 1440:
        raise IndicoError(f"{where}: duration must be 1 to 1440 minutes, got {duration!r}")
    speakers = raw.get("speakers") or []
    if not isinstance(speakers, list):
        raise IndicoError(f"{where}.speakers: expected a list")
    title = _text(raw["title"])[:300]
    speaking = {
        (_text(s.get("first_name")), _text(s.get("last_name")))
        for s in speakers
        if isinstance(s, dict)
    }
    authors = [
        a
        for key in ("primaryauthors", "coauthors")
        for a in _list(raw.get(key))
        if isinstance(a, dict)
        and (_text(a.get("first_name")), _text(a.get("last_name"))) not in speaking
    ]
    if authors:
        names = ", ".join(_text(a.get("fullName")) or _text(a.get("last_name")) for a in authors)
        left_out.append(
            f"{where} ({title}): authors who do not speak ({names}); the programme lists speakers"
        )
    for key, what in (("subContributions", "sub-contributions"), ("material", "materials")):
        if raw.get(key):
            left_out.append(f"{where} ({title}): {what} are not imported")
    return Contribution(
        id=str(raw.get("id", "")),
        title=title,
        description=raw["description"] if isinstance(raw.get("description"), str) else "",
        start=start,
        duration=duration,
        session=(_name(raw.get("session")) or session)[:250],
        track=_name(raw.get("track"))[:150],
        kind=_name(raw.get("type")).lower(),
        speakers=tuple(
            _speaker(s, f"{where}.speakers[{n}]", left_out) for n, s in enumerate(speakers)
        ),
        block=block if start is not None else "",
    )


def _span(items: list[Contribution]) -> tuple[dt.datetime, dt.datetime] | None:
    """From the first start to the last end of the scheduled ``items``; None if none is."""
    times = [
        (c.start, c.start + dt.timedelta(minutes=c.duration)) for c in items if c.start is not None
    ]
    if not times:
        return None
    return min(begin for begin, _end in times), max(end for _begin, end in times)


def _slots(raw: dict[str, Any], event: IndicoEvent) -> None:
    """``detail=sessions``: every session block with its contributions, as Indico had it."""
    sessions = raw.get("sessions") or []
    if not isinstance(sessions, list):
        raise IndicoError("sessions: expected a list of session blocks")
    for s_index, slot in enumerate(sessions):
        where = f"sessions[{s_index}]"
        if not isinstance(slot, dict):
            raise IndicoError(f"{where}: expected a session block")
        name = _name(slot.get("session")) or _text(slot.get("title"))
        if not name:
            raise IndicoError(f"{where}: a session block needs its session's title")
        key = f"slot:{slot.get('id', s_index)}:{s_index}"
        items = slot.get("contributions") or []
        if not isinstance(items, list):
            raise IndicoError(f"{where}.contributions: expected a list")
        contributions = [
            _contribution(item, f"{where}.contributions[{n}]", event.left_out, name, key)
            for n, item in enumerate(items)
        ]
        event.contributions += contributions
        start = _when(slot.get("startDate"), f"{where}.startDate")
        end = _when(slot.get("endDate"), f"{where}.endDate")
        span = _span(contributions)
        if span is not None:
            start, end = start or span[0], end or span[1]
        if start is None or end is None:
            event.left_out.append(f"{where} ({name}): a block without a time is not a session")
            continue
        if end <= start:
            raise IndicoError(f"{where}: the block ends before it starts")
        title = _text(slot.get("title")) or name
        event.blocks.append(Block(key, name[:250], title[:250], start, end))


def _rebuild_blocks(event: IndicoEvent) -> None:
    """``detail=contributions`` gives no blocks: one per session title and local day."""
    groups: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for index, item in enumerate(event.contributions):
        if item.start is not None and item.session and not item.block:
            groups[(item.session, local(item.start, event.timezone).date())].append(index)
    for (name, day), indexes in groups.items():
        key = f"day:{name}:{day.isoformat()}"
        span = _span([event.contributions[i] for i in indexes])
        assert span is not None  # every contribution grouped here has a start
        event.blocks.append(Block(key, name, name, *span))
        for i in indexes:
            event.contributions[i] = replace(event.contributions[i], block=key)


def parse(data: bytes | str) -> IndicoEvent:
    try:
        document = jsontext.loads(data)
    except jsontext.JSONTextError as error:
        raise IndicoError(f"not JSON: {error}") from error
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list) or len(results) != 1 or not isinstance(results[0], dict):
        raise IndicoError(
            'expected Indico\'s export of one event: {"results": [{...}]} '
            "from /export/event/ID.json?detail=contributions"
        )
    raw = results[0]
    start = _when(raw.get("startDate"), "startDate")
    end = _when(raw.get("endDate"), "endDate")
    title = _text(raw.get("title"))
    begins = raw.get("startDate")
    timezone = _text(raw.get("timezone")) or (
        _text(begins.get("tz")) if isinstance(begins, dict) else ""
    )
    if not title or start is None or end is None:
        raise IndicoError("the event needs a title, a startDate and an endDate")
    try:
        zone(timezone)
    except TimeZoneError as error:
        raise IndicoError(f"timezone: {error}") from error
    if end < start:
        raise IndicoError("the event ends before it starts")
    event = IndicoEvent(
        id=str(raw.get("id", "")),
        title=title[:250],
        description=raw["description"] if isinstance(raw.get("description"), str) else "",
        timezone=timezone,
        start=start,
        end=end,
    )
    items = raw.get("contributions") or []
    if not isinstance(items, list):
        raise IndicoError("contributions: expected a list")
    for index, item in enumerate(items):
        where = f"contributions[{index}]"
        event.contributions.append(_contribution(item, where, event.left_out))
    _slots(raw, event)
    _rebuild_blocks(event)
    event.blocks.sort(key=lambda b: (b.start, b.end, b.key))
    return event
