"""Time zones by IANA name (invariant 4): local wall-clock times become UTC instants only
through ``zoneinfo``, and a local time that does not exist (a daylight-saving gap) or an
unknown zone name is an error that says so, never a silent shift."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

UTC = dt.UTC


class TimeZoneError(ValueError):
    """An unknown zone name or a local time that does not exist in its zone."""


@lru_cache(maxsize=512)
def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone called ``name`` (for example ``Asia/Tokyo``); TimeZoneError if unknown."""
    cleaned = (name or "").strip()
    if not cleaned or cleaned.startswith(("/", ".")) or ".." in cleaned:
        raise TimeZoneError(f"unknown time zone {name!r}; use an IANA name like Europe/Zurich")
    try:
        return zoneinfo.ZoneInfo(cleaned)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise TimeZoneError(
            f"unknown time zone {name!r}; use an IANA name like Europe/Zurich"
        ) from exc


def is_zone(name: str) -> bool:
    try:
        zone(name)
    except TimeZoneError:
        return False
    return True


def to_utc(local: dt.datetime, zone_name: str) -> dt.datetime:
    """The UTC instant of wall-clock time ``local`` (naive) in ``zone_name``.

    A time in a daylight-saving gap raises TimeZoneError; in the repeated hour of a fall-back
    change the first occurrence (``fold=0``) is taken, as calendar programs do.
    """
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    tz = zone(zone_name)
    aware = local.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != local:
        raise TimeZoneError(
            f"{local:%Y-%m-%d %H:%M} does not exist in {zone_name}: the clocks skip that hour "
            "(daylight-saving change)"
        )
    return aware.astimezone(UTC)


def local(instant: dt.datetime, zone_name: str) -> dt.datetime:
    """``instant`` (aware) as wall-clock time in ``zone_name``, still aware."""
    return instant.astimezone(zone(zone_name))


def abbreviation(instant: dt.datetime, zone_name: str) -> str:
    """The zone's abbreviation at that instant (CEST, JST, -03 ...), for display."""
    return local(instant, zone_name).strftime("%Z")


def wall_and_utc(instant: dt.datetime, zone_name: str) -> str:
    """``instant`` as ``2026-12-08 15:00 Europe/Berlin (14:00 UTC)`` for a reader in
    ``zone_name``, or ``2026-12-08 14:00 UTC`` when that zone is UTC or unknown. Deadlines in
    mails and on pages say both, so nobody has to convert."""
    utc = instant.astimezone(UTC)
    try:
        wall = local(instant, zone_name) if zone_name else None
    except TimeZoneError:
        wall = None
    if wall is None or zone_name in {"UTC", "Etc/UTC"}:
        return f"{utc:%Y-%m-%d %H:%M} UTC"
    day = "" if wall.date() == utc.date() else f"{utc:%Y-%m-%d} "
    return f"{wall:%Y-%m-%d %H:%M} {zone_name} ({day}{utc:%H:%M} UTC)"
