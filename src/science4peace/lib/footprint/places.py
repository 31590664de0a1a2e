"""Attendees by place, great-circle distances, and an offline lookup of cities (the
airportsdata database: a city is placed at the mean position of its airports with an IATA
code)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import numpy as np

from science4peace.lib.countries import country_code

EARTH_RADIUS_KM = 6371.0
COLUMNS = ("city", "country", "lat", "lon", "count")
OPTIONAL_COLUMNS = ("weight", "distance")


class FootprintError(ValueError):
    """Input the footprint cannot be computed from; the message says what is wrong."""


@dataclass(frozen=True)
class Attendees:
    """People by place. ``counts`` are non-negative real numbers (published attendance is
    often a count times a share). ``distance_km``, when the data give it, is each place's
    one-way distance to the one venue the data were made for."""

    labels: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray
    counts: np.ndarray
    distance_km: np.ndarray | None = None

    @property
    def total(self) -> float:
        return float(self.counts.sum())


def great_circle_km(
    lat1: np.ndarray | float,
    lon1: np.ndarray | float,
    lat2: np.ndarray | float,
    lon2: np.ndarray | float,
) -> np.ndarray:
    """Haversine distance on a sphere of radius 6,371 km; arrays broadcast."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(np.asarray(lon2) - np.asarray(lon1)) / 2
    h = np.sin(half_dphi) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _airports() -> dict[tuple[str, str], list[tuple[float, float]]]:
    import airportsdata

    positions: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for airport in airportsdata.load("IATA").values():
        if airport["city"]:
            key = (_fold(airport["city"]), airport["country"])
            positions[key].append((airport["lat"], airport["lon"]))
    return positions


@cache
def _city_index() -> dict[tuple[str, str], tuple[float, float]]:
    return {key: tuple(np.mean(points, axis=0)) for key, points in _airports().items()}


@cache
def _by_city_alone() -> dict[str, tuple[float, float]]:
    """A city named without its country: the country where that name has most airports."""
    best: dict[str, tuple[int, tuple[str, str]]] = {}
    for key, points in _airports().items():
        if key[0] not in best or len(points) > best[key[0]][0]:
            best[key[0]] = (len(points), key)
    index = _city_index()
    return {city: index[key] for city, (_count, key) in best.items()}


def place(city: str, country: str) -> tuple[float, float] | None:
    """(lat, lon) of a city in a country (name or ISO code), or None if unknown."""
    code = country_code(country)
    if code is None:
        return None
    found = _city_index().get((_fold(city), code))
    return (float(found[0]), float(found[1])) if found else None


def place_name(text: str) -> tuple[float, float] | None:
    """(lat, lon) of "City, Country" or of a city named alone, or None."""
    city, _, country = text.rpartition(",")
    if city.strip() and country.strip():
        found = place(city, country)
        if found is not None:
            return found
    alone = _by_city_alone().get(_fold(text.split(",")[0]))
    return (float(alone[0]), float(alone[1])) if alone else None


def _number(value: str, what: str, row: int) -> float:
    try:
        number = float(value)
    except ValueError:
        raise FootprintError(f"row {row}: {what} {value!r} is not a number") from None
    if not np.isfinite(number):
        raise FootprintError(f"row {row}: {what} {value!r} is not a finite number")
    return number


def _amount(value: str, what: str, row: int) -> float:
    """A count, weight or distance: a real number ≥ 0."""
    number = _number(value.strip(), what, row)
    if number < 0:
        raise FootprintError(f"row {row}: {what} {value.strip()!r} is negative; it must be ≥ 0")
    return number


def _columns(fieldnames: list[str], names: dict[str, str] | None) -> dict[str, str]:
    """Our column -> the CSV's header; ``names`` renames any of them (e.g. count=Numbers)."""
    names = names or {}
    unknown = sorted(set(names) - set(COLUMNS) - set(OPTIONAL_COLUMNS))
    if unknown:
        known = ", ".join(COLUMNS + OPTIONAL_COLUMNS)
        raise FootprintError(f"unknown column {', '.join(unknown)}; the columns are {known}")
    chosen = {key: names.get(key, key) for key in COLUMNS + OPTIONAL_COLUMNS}
    missing = [chosen[k] for k in COLUMNS if chosen[k] not in fieldnames]
    for key in OPTIONAL_COLUMNS:
        if key in names and names[key] not in fieldnames:
            missing.append(names[key])
        elif chosen[key] not in fieldnames:
            del chosen[key]
    if missing:
        raise FootprintError(
            f"the attendee CSV needs the columns {','.join(COLUMNS)} "
            f"(optional: {','.join(OPTIONAL_COLUMNS)}); missing: {', '.join(missing)}"
        )
    return chosen


def read_attendees(text: str, columns: dict[str, str] | None = None) -> Attendees:
    """Attendees from CSV with the header ``city,country,lat,lon,count`` and optionally
    ``weight`` (people = count × weight) and ``distance`` (km to the venue, one way);
    ``columns`` maps these names to other headers. ``count`` and ``weight`` are real numbers
    ≥ 0. ``lat`` and ``lon`` may be empty: the city is then looked up. Every row that cannot
    be placed is named."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        rows = list(reader)
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte...
        raise FootprintError(f"unreadable CSV at line {reader.line_num}: {exc}") from exc
    col = _columns(list(reader.fieldnames or []), columns)
    labels, lats, lons, counts, distances, unplaced = [], [], [], [], [], []
    for row, record in enumerate(rows, start=2):
        city, country = (record[col["city"]] or "").strip(), (record[col["country"]] or "").strip()
        count = _amount(record[col["count"]] or "", "count", row)
        if "weight" in col:
            count *= _amount(record[col["weight"]] or "", "weight", row)
        if "distance" in col:
            distances.append(_amount(record[col["distance"]] or "", "distance", row))
        lat_text, lon_text = (record[col["lat"]] or "").strip(), (record[col["lon"]] or "").strip()
        if lat_text and lon_text:
            lat, lon = _number(lat_text, "lat", row), _number(lon_text, "lon", row)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise FootprintError(f"row {row}: ({lat}, {lon}) is not a position on Earth")
        else:
            found = place(city, country)
            if found is None:
                unplaced.append(f"row {row}: {city or '?'}, {country or '?'}")
                continue
            lat, lon = found
        labels.append(f"{city}, {country}".strip(", "))
        lats.append(lat)
        lons.append(lon)
        counts.append(count)
    if unplaced:
        raise FootprintError(
            "these places could not be found; give lat and lon for them: " + "; ".join(unplaced)
        )
    if not labels:
        raise FootprintError("the attendee CSV has no rows")
    return Attendees(
        tuple(labels),
        np.array(lats),
        np.array(lons),
        np.array(counts, dtype=float),
        np.array(distances, dtype=float) if "distance" in col else None,
    )
