"""Emission factors by distance band, as versioned data with their source
(``data/factors.json``). Further tables belong there only with a cited source."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).with_name("data") / "factors.json"


@dataclass(frozen=True)
class FactorTable:
    name: str
    version: str
    source: str
    limits_km: tuple[float, ...]  # upper band limits; the last band is open
    g_per_pkm: tuple[float, ...]
    modes: tuple[str, ...]
    ground_g_per_pkm: float

    def grams_per_pkm(self, distance_km: np.ndarray) -> np.ndarray:
        """The factor of each one-way distance's band."""
        band = np.searchsorted(np.asarray(self.limits_km), distance_km, side="right")
        return np.asarray(self.g_per_pkm)[band]

    def round_trip_kg(
        self, distance_km: np.ndarray, counts: np.ndarray, ground_below_km: float = 0.0
    ) -> np.ndarray:
        """kg CO2e of ``counts`` people travelling ``distance_km`` and back; trips shorter than
        ``ground_below_km`` go by ground (rail) at the table's ground factor."""
        distance = np.asarray(distance_km, dtype=float)
        factor = np.where(
            distance < ground_below_km, self.ground_g_per_pkm, self.grams_per_pkm(distance)
        )
        return 2 * distance * np.asarray(counts, dtype=float) * factor / 1000


@cache
def _tables() -> dict[str, FactorTable]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    tables = {}
    for name, entry in raw.items():
        bands = entry["bands"]
        tables[name] = FactorTable(
            name=name,
            version=entry["version"],
            source=entry["source"],
            limits_km=tuple(b["below_km"] for b in bands[:-1]),
            g_per_pkm=tuple(b["g_per_pkm"] for b in bands),
            modes=tuple(b["mode"] for b in bands),
            ground_g_per_pkm=entry["ground_g_per_pkm"],
        )
    return tables


FACTOR_TABLES: tuple[str, ...] = tuple(_tables())


def table(name: str) -> FactorTable:
    try:
        return _tables()[name]
    except KeyError:
        raise ValueError(
            f"unknown factor table {name!r}; choose one of {', '.join(FACTOR_TABLES)}"
        ) from None
