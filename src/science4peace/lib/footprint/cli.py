"""``s4p footprint``: travel emissions of a conference under scenarios. Needs no database;
on bad input it prints the reason and exits with 2."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .factors import FACTOR_TABLES, table
from .places import Attendees, FootprintError, read_attendees
from .scenarios import Scenario, best_venue, hubs, in_person, online, online_beyond

SCENARIO_HELP = "in-person, online, online-beyond:KM, hubs:K, best-venue (repeatable)"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("footprint", help="travel emissions of a conference (Klöwer 2020)")
    parser.add_argument(
        "--attendees",
        type=Path,
        required=True,
        help="CSV: city,country,lat,lon,count (real numbers ≥ 0), optional weight, distance",
    )
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="NAME=HEADER",
        help="read column NAME (city, country, lat, lon, count, weight, distance) from HEADER, "
        "e.g. --column count=Numbers --column weight=Fraction (repeatable)",
    )
    parser.add_argument(
        "--venue",
        help="LAT,LON of the venue (for in-person scenarios; not with a distance column)",
    )
    parser.add_argument(
        "--ground-below",
        type=float,
        default=0.0,
        metavar="KM",
        help="in-person trips shorter than KM go by ground (rail) at the table's ground factor",
    )
    parser.add_argument("--factors", choices=FACTOR_TABLES, default="klower2020")
    parser.add_argument("--scenario", action="append", help=SCENARIO_HELP)
    parser.add_argument(
        "--candidates", type=Path, help="CSV of candidate venues (default: attendee cities)"
    )
    parser.add_argument("--json", action="store_true")


def _venue(text: str | None, attendees: Attendees) -> tuple[float, float] | None:
    if attendees.distance_km is not None:
        if text:
            raise FootprintError(
                "--venue and a distance column exclude each other: "
                "the distances already belong to one venue"
            )
        return None
    if not text:
        raise FootprintError("--venue LAT,LON is needed for this scenario")
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise FootprintError(f"--venue {text!r}: write it as LAT,LON, e.g. 48.21,16.37") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FootprintError(f"--venue {text!r} is not a position on Earth")
    return lat, lon


def _columns(specs: list[str]) -> dict[str, str]:
    columns = {}
    for spec in specs:
        name, sep, header = spec.partition("=")
        if not sep or not name.strip() or not header:
            raise FootprintError(f"--column {spec!r}: write it as NAME=HEADER, e.g. count=Numbers")
        columns[name.strip()] = header
    return columns


def _read(path: Path, columns: dict[str, str] | None = None) -> Attendees:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FootprintError(f"{path}: cannot be read ({exc})") from exc
    try:
        return read_attendees(text, columns)
    except FootprintError as exc:
        raise FootprintError(f"{path}: {exc}") from exc


def _scenario(
    spec: str, args: argparse.Namespace, attendees: Attendees, candidates: Attendees
) -> Scenario:
    factors = table(args.factors)
    name, _, value = spec.partition(":")
    try:
        if name == "in-person":
            venue = _venue(args.venue, attendees)
            return in_person(attendees, venue, factors, ground_below_km=args.ground_below)
        if name == "online":
            return online(attendees, factors)
        if name == "online-beyond":
            venue = _venue(args.venue, attendees)
            return online_beyond(attendees, venue, factors, float(value), args.ground_below)
        if name == "hubs":
            return hubs(attendees, candidates, factors, int(value))
        if name == "best-venue":
            return best_venue(attendees, candidates, factors)
    except ValueError as exc:
        if isinstance(exc, FootprintError):
            raise
        raise FootprintError(f"--scenario {spec!r}: {exc}") from exc
    raise FootprintError(f"unknown scenario {spec!r}; choose from {SCENARIO_HELP}")


def run(args: argparse.Namespace) -> int:
    try:
        if args.ground_below < 0:
            raise FootprintError(f"--ground-below {args.ground_below:g}: a distance is ≥ 0")
        attendees = _read(args.attendees, _columns(args.column))
        candidates = _read(args.candidates) if args.candidates else attendees
        specs = args.scenario or ["in-person", "online"]
        results = [_scenario(spec, args, attendees, candidates) for spec in specs]
    except FootprintError as exc:
        print(f"s4p footprint: {exc}", file=sys.stderr)
        return 2
    factors = table(args.factors)
    if args.json:
        out = {
            "attendees": attendees.total,
            "places": len(attendees.labels),
            "factors": {"name": factors.name, "version": factors.version, "source": factors.source},
            "scenarios": [r.as_dict() for r in results],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    places = len(attendees.labels)
    total = attendees.total
    people = f"{total:,.0f}" if total == int(total) else f"{total:,.1f}"
    print(f"{people} attendees from {places} places; factors {factors.name}")
    for r in results:
        where = f" at {', '.join(r.venues)}" if r.venues else ""
        print(f"  {r.name + where:72} {r.tonnes:12,.1f} t CO2e")
    return 0
