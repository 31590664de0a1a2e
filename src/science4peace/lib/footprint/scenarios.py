"""Scenarios: everyone in person at a venue; everyone online; online for everyone farther
than X km; k hubs chosen among candidate cities to minimise emissions (a p-median, solved
exactly by a search over the sets of candidates); the best single venue among the
candidates."""

from __future__ import annotations

import time
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
    """Open k of the candidates; everyone travels to the hub that costs least (p-median),
    solved exactly (``best_hubs``). FootprintError if that takes more than ``time_limit``
    seconds."""
    sites = len(candidates.labels)
    if not 1 <= k <= sites:
        raise FootprintError(f"k hubs must be between 1 and the {sites} candidate cities")
    cost = _costs(attendees, candidates, factors)
    opened = best_hubs(_grouped_costs(attendees, candidates, factors), k, time_limit)
    chosen = cost[:, opened].min(axis=1)
    return Scenario(
        f"{k} hubs",
        float(chosen.sum()) / 1000,
        attendees.total,
        0.0,
        tuple(candidates.labels[j] for j in opened),
        factors.name,
    )


def _grouped_costs(attendees: Attendees, candidates: Attendees, factors: FactorTable) -> np.ndarray:
    """The cost matrix with one row per distinct position, its people summed (the cost is
    proportional to them), and none for positions where nobody is."""
    positions = np.stack([attendees.lat, attendees.lon], axis=1).reshape(-1, 2)
    unique, inverse = np.unique(positions, axis=0, return_inverse=True)
    people = np.bincount(inverse.ravel(), weights=attendees.counts, minlength=len(unique))
    someone = people > 0
    grouped = Attendees(
        tuple(str(i) for i in range(int(someone.sum()))),
        unique[someone, 0],
        unique[someone, 1],
        people[someone],
    )
    return _costs(grouped, candidates, factors)


def best_hubs(cost: np.ndarray, k: int, time_limit: float = 60.0) -> np.ndarray:
    """The k columns of ``cost`` (places × candidates) whose row-wise minimum has the least
    sum, in increasing order; of several such sets, the first in lexicographic order.

    Exact: a depth-first search over the sets in lexicographic order that evaluates every
    last choice at once (one array operation for all the candidates that can complete a set
    of k - 1) and skips every branch whose lower bound exceeds the best set found. The bound
    is that adding r more candidates to a set saves at most the r largest savings any one of
    them brings alone (each place is saved at most the sum of what each brings it), and at
    most what opening all the remaining candidates would (each place goes to one); the first
    best set comes from a greedy choice improved by exchanges, so the search mostly proves it.
    FootprintError after ``time_limit`` seconds."""
    by_site = np.ascontiguousarray(cost.T, dtype=float)  # one row per candidate
    sites = len(by_site)
    deadline = time.monotonic() + time_limit
    best_set = _exchanged(by_site, k)
    best_total = float(by_site[list(best_set)].min(axis=0).sum())

    def visit(chosen: tuple[int, ...], nearest: np.ndarray | None) -> None:
        nonlocal best_set, best_total
        start = chosen[-1] + 1 if chosen else 0
        left = k - len(chosen)
        if left == 1:
            block = by_site[start:] if nearest is None else np.minimum(by_site[start:], nearest)
            totals = block.sum(axis=1)
            index = int(totals.argmin())
            found, total = (*chosen, start + index), float(totals[index])
            if total < best_total or (total == best_total and found < best_set):
                best_set, best_total = found, total
            return
        if nearest is not None:
            saved = np.maximum(nearest - by_site[start:], 0)  # per candidate and place
            each = float(np.sort(saved.sum(axis=1))[-left:].sum())
            bound = float(nearest.sum()) - min(each, float(saved.max(axis=0).sum()))
            if bound > best_total + 1e-9 * abs(best_total):
                return
        if time.monotonic() > deadline:
            raise FootprintError(
                f"the best {k} hubs among {sites} candidates were not found within "
                f"{time_limit:g} s: give fewer candidates"
            )
        for site in range(start, sites - left + 1):
            row = by_site[site] if nearest is None else np.minimum(nearest, by_site[site])
            visit((*chosen, site), row)

    visit((), None)
    return np.array(best_set, dtype=int)


def _exchanged(by_site: np.ndarray, k: int) -> tuple[int, ...]:
    """A good set of k candidates: chosen greedily, then improved by exchanging one chosen
    candidate for another while that lowers the cost."""
    places = by_site.shape[1]
    chosen: list[int] = []
    nearest = np.full(places, np.inf)
    for _index in range(k):
        totals = np.minimum(by_site, nearest).sum(axis=1)
        totals[chosen] = np.inf
        site = int(totals.argmin())
        chosen.append(site)
        nearest = np.minimum(nearest, by_site[site])
    current = float(nearest.sum())
    improved = True
    while improved:
        improved = False
        for position in range(k):
            others = chosen[:position] + chosen[position + 1 :]
            rest = by_site[others].min(axis=0) if others else np.full(places, np.inf)
            totals = np.minimum(by_site, rest).sum(axis=1)
            site = int(totals.argmin())
            if totals[site] < current - 1e-12 * abs(current):
                chosen[position], current, improved = site, float(totals[site]), True
    return tuple(sorted(chosen))
