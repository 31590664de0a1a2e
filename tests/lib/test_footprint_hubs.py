"""The p-median hubs (issue 17, point 7): the exact search agrees with brute force and with
the integer programme it replaced, places at one position count once, and a search that
cannot finish in its time limit says so."""

import itertools

import numpy as np
import pytest

from science4peace.lib.footprint import Attendees, FootprintError, hubs, table
from science4peace.lib.footprint.scenarios import _costs, best_hubs

FACTORS = table("klower2020")


def instance(seed: int, places: int, sites: int) -> tuple[Attendees, Attendees]:
    """Random places over the inhabited latitudes, a third of them repeating an earlier
    position (several rows for one city), and candidates among the first places."""
    rng = np.random.default_rng(seed)
    lat, lon = rng.uniform(-45, 65, places), rng.uniform(-180, 180, places)
    again = rng.random(places) < 1 / 3
    source = rng.integers(0, places, places)
    lat[again], lon[again] = lat[source[again]], lon[source[again]]
    counts = rng.integers(0, 40, places).astype(float)
    labels = tuple(f"P{i}" for i in range(places))
    attendees = Attendees(labels, lat, lon, counts)
    candidates = Attendees(labels[:sites], lat[:sites], lon[:sites], counts[:sites])
    return attendees, candidates


def brute_force(cost: np.ndarray, k: int) -> tuple[float, tuple[int, ...]]:
    """Every set of k columns, the least total (the first such set in lexicographic order)."""
    totals = {
        s: float(cost[:, list(s)].min(axis=1).sum())
        for s in itertools.combinations(range(cost.shape[1]), k)
    }
    best = min(totals.values())
    return best, next(s for s, total in totals.items() if total == best)


def integer_programme(cost: np.ndarray, k: int) -> float:
    """The formulation hubs() solved before (open[j] binary, go[i, j] continuous, every place
    goes once, only to an open hub, k open), with HiGHS to its default gap; the least total."""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    places, sites = cost.shape
    c = np.concatenate([np.zeros(sites), cost.ravel()])
    go = sites + np.arange(places * sites)
    each_goes = sparse.csr_array(
        (np.ones(places * sites), (np.repeat(np.arange(places), sites), go)),
        shape=(places, sites + places * sites),
    )
    link = np.arange(places * sites)
    only_open = sparse.csr_array(
        (
            np.concatenate([np.ones(places * sites), -np.ones(places * sites)]),
            (np.concatenate([link, link]), np.concatenate([go, link % sites])),
        ),
        shape=(places * sites, sites + places * sites),
    )
    count_open = sparse.csr_array(np.concatenate([np.ones(sites), np.zeros(places * sites)])[None])
    result = milp(
        c,
        integrality=np.concatenate([np.ones(sites), np.zeros(places * sites)]),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(
            sparse.vstack([each_goes, only_open, count_open]).tocsr(),
            np.concatenate([np.ones(places), np.full(places * sites, -np.inf), [k]]),
            np.concatenate([np.ones(places), np.zeros(places * sites), [k]]),
        ),
        options={"time_limit": 600},
    )
    assert result.status == 0, result.message  # optimal within HiGHS's gap, not stopped
    opened = np.flatnonzero(result.x[:sites] > 0.5)
    return float(cost[:, opened].min(axis=1).sum())


@pytest.mark.parametrize("seed", range(6))
def test_best_hubs_are_the_brute_force_optimum(seed):
    attendees, candidates = instance(seed, places=80, sites=4 + seed)
    cost = _costs(attendees, candidates, FACTORS)
    for k in range(1, len(candidates.labels) + 1):
        total, chosen = brute_force(cost, k)
        found = best_hubs(cost, k)
        assert (tuple(found), float(cost[:, found].min(axis=1).sum())) == (
            chosen,
            pytest.approx(total, rel=1e-12),
        )


@pytest.mark.parametrize(("seed", "k"), [(10, 1), (11, 2), (12, 3), (13, 4), (14, 5)])
def test_hubs_reach_the_optimum_of_the_integer_programme_they_replace(seed, k):
    attendees, candidates = instance(seed, places=150, sites=12)
    cost = _costs(attendees, candidates, FACTORS)
    scenario = hubs(attendees, candidates, FACTORS, k)
    # never worse, and at most HiGHS's default relative gap (1e-4) better
    reference = integer_programme(cost, k) / 1000
    assert (
        scenario.tonnes <= reference * (1 + 1e-12),
        scenario.tonnes >= reference * (1 - 1e-4),
    ) == (
        True,
        True,
    )


def test_places_at_one_position_count_once_with_their_people_summed():
    attendees, candidates = instance(20, places=300, sites=15)
    positions = {}
    for lat, lon, count in zip(attendees.lat, attendees.lon, attendees.counts, strict=True):
        positions[lat, lon] = positions.get((lat, lon), 0.0) + count
    merged = Attendees(
        tuple(str(i) for i in range(len(positions))),
        np.array([lat for lat, _lon in positions]),
        np.array([lon for _lat, lon in positions]),
        np.array(list(positions.values())),
    )
    assert len(merged.labels) < len(attendees.labels)
    rows, once = hubs(attendees, candidates, FACTORS, 3), hubs(merged, candidates, FACTORS, 3)
    assert (rows.venues, rows.tonnes) == (once.venues, pytest.approx(once.tonnes, rel=1e-12))


def test_nobody_anywhere_opens_the_first_candidates():
    attendees, candidates = instance(21, places=30, sites=6)
    empty = Attendees(attendees.labels, attendees.lat, attendees.lon, np.zeros(30))
    scenario = hubs(empty, candidates, FACTORS, 2)
    assert (scenario.venues, scenario.tonnes) == (("P0", "P1"), 0.0)


def test_a_search_that_cannot_finish_in_its_time_limit_says_so():
    attendees, candidates = instance(22, places=200, sites=30)
    with pytest.raises(FootprintError, match="best 4 hubs among 30 candidates were not found"):
        hubs(attendees, candidates, FACTORS, 4, time_limit=0)
