"""Conflicts in a programme (framework-free): a speaker in two places at once, two sessions
overlapping in one track, two contributions overlapping in one session, a contribution outside
its session."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    key: str  # e.g. "contribution:12"
    title: str
    start: dt.datetime
    end: dt.datetime
    track: str | None = None  # sessions: their track
    session: str | None = None  # contributions: their session's key
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conflict:
    kind: str  # "speaker", "track", "session", "outside"
    first: Slot
    second: Slot | None
    subject: str  # the speaker, track or session concerned


def _overlaps(a: Slot, b: Slot) -> bool:
    return a.start < b.end and b.start < a.end


def _pairs(slots: list[Slot]) -> Iterable[tuple[Slot, Slot]]:
    """Overlapping pairs by a sweep over start times: O(n log n + overlaps)."""
    ordered = sorted(slots, key=lambda s: (s.start, s.end, s.key))
    active: list[Slot] = []
    for slot in ordered:
        active = [other for other in active if other.end > slot.start]
        for other in active:
            yield other, slot
        active.append(slot)


def find_conflicts(sessions: Iterable[Slot], contributions: Iterable[Slot]) -> list[Conflict]:
    sessions, contributions = list(sessions), list(contributions)
    conflicts: list[Conflict] = []
    by_track: dict[str, list[Slot]] = defaultdict(list)
    for session in sessions:
        if session.track:
            by_track[session.track].append(session)
    for track, slots in sorted(by_track.items()):
        conflicts += [Conflict("track", a, b, track) for a, b in _pairs(slots)]
    by_session: dict[str, list[Slot]] = defaultdict(list)
    by_speaker: dict[str, list[Slot]] = defaultdict(list)
    session_of = {session.key: session for session in sessions}
    for item in contributions:
        if item.session:
            by_session[item.session].append(item)
            parent = session_of.get(item.session)
            if parent and (item.start < parent.start or item.end > parent.end):
                conflicts.append(Conflict("outside", item, parent, parent.title))
        for speaker in item.speakers:
            by_speaker[speaker].append(item)
    for key, slots in by_session.items():
        subject = session_of[key].title if key in session_of else key
        conflicts += [Conflict("session", a, b, subject) for a, b in _pairs(slots)]
    for speaker, slots in sorted(by_speaker.items()):
        conflicts += [Conflict("speaker", a, b, speaker) for a, b in _pairs(slots)]
    return conflicts
