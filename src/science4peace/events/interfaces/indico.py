"""Reading an Indico event with its timetable from Indico's HTTP export,
``/export/event/ID.json?detail=contributions`` (also ``detail=sessions``, whose contributions
sit inside their sessions). Times arrive as ``{"date", "time", "tz"}`` and become UTC through
``zoneinfo``; anything that cannot be read is an IndicoError naming the place."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from science4peace.lib.timezones import TimeZoneError, to_utc, zone


class IndicoError(ValueError):
    pass


@dataclass(frozen=True)
class Speaker:
    given_name: str
    family_name: str


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


@dataclass
class IndicoEvent:
    id: str
    title: str
    description: str
    timezone: str
    start: dt.datetime
    end: dt.datetime
    contributions: list[Contribution] = field(default_factory=list)


def _when(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not {"date", "time", "tz"} <= value.keys():
        raise IndicoError(f"{where}: expected {{date, time, tz}}, got {value!r}")
    try:
        naive = dt.datetime.fromisoformat(f"{value['date']}T{value['time']}")
        return to_utc(naive, value["tz"])
    except (TypeError, ValueError) as error:
        raise IndicoError(f"{where}: {error}") from error


def _speaker(raw: Any) -> Speaker:
    first = str(raw.get("first_name") or "").strip()
    last = str(raw.get("last_name") or "").strip()
    if not last:
        full = str(raw.get("fullName") or raw.get("name") or "").strip()
        if "," in full:  # Indico writes "Last, First"
            last, _comma, first = (part.strip() for part in full.partition(","))
        else:
            first, _space, last = full.rpartition(" ")
    if not last:
        raise IndicoError(f"a speaker without a name: {raw!r}")
    return Speaker(first, last)


def _contribution(raw: Any, where: str, session: str = "") -> Contribution:
    if not isinstance(raw, dict) or not str(raw.get("title") or "").strip():
        raise IndicoError(f"{where}: a contribution needs a title")
    start = _when(raw.get("startDate"), f"{where}.startDate")
    end = _when(raw.get("endDate"), f"{where}.endDate")
    duration = raw.get("duration")
    if start and end:
        duration = int((end - start).total_seconds() // 60)
    if not isinstance(duration, int) or not 1 <= duration <= 1440:
        raise IndicoError(f"{where}: duration must be 1 to 1440 minutes, got {duration!r}")
    track = raw.get("track")
    kind = raw.get("type")
    return Contribution(
        id=str(raw.get("id", "")),
        title=str(raw["title"]).strip()[:300],
        description=str(raw.get("description") or ""),
        start=start,
        duration=duration,
        session=str(raw.get("session") or session or "").strip()[:250],
        track=(track.get("title", "") if isinstance(track, dict) else str(track or "")).strip(),
        kind=str(kind.get("name", "") if isinstance(kind, dict) else kind or "").lower(),
        speakers=tuple(_speaker(s) for s in raw.get("speakers") or [] if isinstance(s, dict)),
    )


def parse(data: bytes | str) -> IndicoEvent:
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
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
    title = str(raw.get("title") or "").strip()
    timezone = str(raw.get("timezone") or (raw.get("startDate") or {}).get("tz") or "")
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
        description=str(raw.get("description") or ""),
        timezone=timezone,
        start=start,
        end=end,
    )
    for index, item in enumerate(raw.get("contributions") or []):
        event.contributions.append(_contribution(item, f"contributions[{index}]"))
    for s_index, session in enumerate(raw.get("sessions") or []):
        name = str(session.get("title") or "") if isinstance(session, dict) else ""
        for index, item in enumerate(session.get("contributions") or []):
            where = f"sessions[{s_index}].contributions[{index}]"
            event.contributions.append(_contribution(item, where, session=name))
    return event
