"""Times of a call shown in the viewer's zone, each with its zone's name (invariant 4)."""

from __future__ import annotations

import datetime as dt

from science4peace.lib.timezones import zone


def when(value: dt.datetime | None, zone_name: str) -> str:
    if value is None:
        return ""
    return f"{value.astimezone(zone(zone_name)):%Y-%m-%d %H:%M} ({zone_name})"


def local_naive(value: dt.datetime | None, zone_name: str) -> dt.datetime | None:
    """The wall-clock time in ``zone_name``, for a form that edits in the event's zone."""
    return value.astimezone(zone(zone_name)).replace(tzinfo=None) if value else None
