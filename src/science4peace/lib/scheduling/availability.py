"""Availability from a participant's IANA time zone: each slot's local start time, on its
actual date (zoneinfo, so daylight-saving time is right), falls in a band with a value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from science4peace.lib.timezones import TimeZoneError, zone

from .model import SchedulingError


@dataclass(frozen=True)
class Band:
    """Local times from ``start`` (inclusive) to ``end`` (exclusive) are worth ``value``."""

    start: dt.time
    end: dt.time
    value: float


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(dt.time(8), dt.time(20), 1.0),
    Band(dt.time(6), dt.time(8), 0.5),
    Band(dt.time(20), dt.time(22), 0.5),
)


def value_at(local: dt.time, bands: Sequence[Band]) -> float:
    for band in bands:
        if band.start <= local < band.end:
            return band.value
    return 0.0


def availability(
    zones: Sequence[str], slot_starts: Sequence[dt.datetime], bands: Sequence[Band] = DEFAULT_BANDS
) -> np.ndarray:
    """Participants (by zone name) × slots (aware start instants): the value of the band the
    slot's local start time falls in, 0 outside every band."""
    if any(start.tzinfo is None for start in slot_starts):
        raise SchedulingError("slot start times must carry a time zone")
    values: dict[str, list[float]] = {}
    for name in dict.fromkeys(zones):
        try:
            here = zone(name)
        except TimeZoneError as exc:
            raise SchedulingError(str(exc)) from exc
        values[name] = [value_at(s.astimezone(here).time(), bands) for s in slot_starts]
    return np.array([values[name] for name in zones], dtype=float).reshape(
        len(zones), len(slot_starts)
    )
