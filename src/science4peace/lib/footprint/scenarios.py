"""Scenarios: everyone in person at a venue; everyone online; online for everyone farther
than X km; k hubs chosen among candidate cities to minimise emissions (a p-median model
solved with HiGHS); the best single venue among the candidates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .factors import FactorTable
from .places import Attendees, FootprintError, great_circle_km


@dataclass(frozen=True)
class Scenario:
    name: str
    tonnes: float
    travelling: float  # people who travel
    online: float  # people who join online
    venues: tuple[str, ...]
    factors: str

    def as_dict(self) -> dict[str, object]:
        return {
            "scenario": self.name,
            "tCO2e": round(self.tonnes, 1),
            "travelling": self.travelling,
            "online": self.online,
            "venues": list(self.venues),
            "factors": self.factors,
        }


GIVEN = "the venue of the given distances"


def _distances(attendees: Attendees, venue: tuple[float, float] | None) -> np.ndarray:
    """Great-circle distances to ``venue``; with no venue, the distances the data give."""
    if venue is not None:
        return great_circle_km(attendees.lat, attendees.lon, *venue)
    if attendees.distance_km is None:
        raise FootprintError("a venue is needed: the attendee data give no distances")
    return attendees.distance_km


def _ground(name: str, ground_below_km: float) -> str:
    return f"{name} (ground under {ground_below_km:g} km)" if ground_below_km else name


def in_person(
    attendees: Attendees,
    venue: tuple[float, float] | None,
    factors: FactorTable,
    label: str = "",
    ground_below_km: float = 0.0,
) -> Scenario:
    """Everyone travels to ``venue`` (None: the distances given with the attendees); trips
    shorter than ``ground_below_km`` go by ground at the table's ground factor."""
    distance = _distances(attendees, venue)
    kg = factors.round_trip_kg(distance, attendees.counts, ground_below_km)
    return Scenario(
        _ground("in person", ground_below_km),
        float(kg.sum()) / 1000,
        attendees.total,
        0.0,
        (label or (_where(venue) if venue else GIVEN),),
        factors.name,
    )


def online(attendees: Attendees, factors: FactorTable) -> Scenario:
    """Travel only; the energy of the video conference itself is not counted."""
    return Scenario("online", 0.0, 0.0, attendees.total, (), factors.name)


def online_beyond(
    attendees: Attendees,
    venue: tuple[float, float] | None,
    factors: FactorTable,
    km: float,
    ground_below_km: float = 0.0,
) -> Scenario:
    distance = _distances(attendees, venue)
    near = distance <= km
    kg = factors.round_trip_kg(distance[near], attendees.counts[near], ground_below_km)
    return Scenario(
        _ground(f"online beyond {km:g} km", ground_below_km),
        float(kg.sum()) / 1000,
        float(attendees.counts[near].sum()),
        float(attendees.counts[~near].sum()),
        (_where(venue) if venue else GIVEN,),
        factors.name,
    )


def _where(venue: tuple[float, float]) -> str:
    return f"{venue[0]:.2f},{venue[1]:.2f}"


def _costs(attendees: Attendees, candidates: Attendees, factors: FactorTable) -> np.ndarray:
    """kg for each attendee place (rows) travelling to each candidate (columns)."""
    distance = great_circle_km(
        attendees.lat[:, None], attendees.lon[:, None], candidates.lat, candidates.lon
    )
    return factors.round_trip_kg(distance, attendees.counts[:, None])


def best_venue(attendees: Attendees, candidates: Attendees, factors: FactorTable) -> Scenario:
    cost = _costs(attendees, candidates, factors).sum(axis=0)
    best = int(cost.argmin())
    return Scenario(
        "best venue",
        float(cost[best]) / 1000,
        attendees.total,
        0.0,
        (candidates.labels[best],),
        factors.name,
    )


def hubs(
    attendees: Attendees,
    candidates: Attendees,
    factors: FactorTable,
    k: int,
    time_limit: float = 60.0,
) -> Scenario:
    """Open k of the candidates; everyone travels to the hub that costs least (p-median)."""
    from scipy import sparse  # here, not at import: SciPy takes a second to load
    from scipy.optimize import Bounds, LinearConstraint, milp

    places, sites = len(attendees.labels), len(candidates.labels)
    if not 1 <= k <= sites:
        raise FootprintError(f"k hubs must be between 1 and the {sites} candidate cities")
    cost = _costs(attendees, candidates, factors)
    # variables: open[j] (sites), then go[i, j] (places × sites, row-major)
    c = np.concatenate([np.zeros(sites), cost.ravel()])
    go = sites + np.arange(places * sites)
    each_goes = sparse.csr_array(
        (np.ones(places * sites), (np.repeat(np.arange(places), sites), go)),
        shape=(places, sites + places * sites),
    )
    link_rows = np.arange(places * sites)
    only_open = sparse.csr_array(
        (
            np.concatenate([np.ones(places * sites), -np.ones(places * sites)]),
            (np.concatenate([link_rows, link_rows]), np.concatenate([go, link_rows % sites])),
        ),
        shape=(places * sites, sites + places * sites),
    )
    count_open = sparse.csr_array(np.concatenate([np.ones(sites), np.zeros(places * sites)])[None])
    matrix = sparse.vstack([each_goes, only_open, count_open]).tocsr()
    lower = np.concatenate([np.ones(places), np.full(places * sites, -np.inf), [k]])
    upper = np.concatenate([np.ones(places), np.zeros(places * sites), [k]])
    integrality = np.concatenate([np.ones(sites), np.zeros(places * sites)])
    result = milp(
        c,
        integrality=integrality,
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, lower, upper),
        options={"time_limit": time_limit},
    )
    if result.x is None:
        raise FootprintError(f"the hub model found no solution: {result.message}")
    opened = np.flatnonzero(result.x[:sites] > 0.5)
    chosen = cost[:, opened].min(axis=1)
    return Scenario(
        f"{k} hubs",
        float(chosen.sum()) / 1000,
        attendees.total,
        0.0,
        tuple(candidates.labels[j] for j in opened),
        factors.name,
    )
