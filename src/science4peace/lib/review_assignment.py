"""Reviewer assignment as a mixed-integer programme solved by HiGHS (``scipy.optimize.milp``):
each submission gets ``k`` reviewers among the pairs without a conflict, no reviewer gets more
than ``max_load``, the sum of the pairs' weights (expertise match and bids) is maximised and the
largest load is kept small so the work is balanced. Plain data in and out; no Django. NumPy
and SciPy are imported when a programme is solved, not when the application loads."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

BID_WEIGHT = {"eager": 2.0, "willing": 1.0, "": 0.0, "not_willing": -2.0}
KEYWORD_WEIGHT = 1.0


class Uncoverable(ValueError):
    """No assignment meets the constraints; ``submissions`` names those that cannot get
    their reviewers (empty when only the total capacity is short)."""

    def __init__(self, message: str, submissions: Iterable[int] = ()) -> None:
        super().__init__(message)
        self.submissions = sorted(submissions)


@dataclass(frozen=True)
class Result:
    pairs: list[tuple[int, int]]  # (submission, reviewer), sorted
    objective: float  # total weight minus the balance penalty
    bound: float  # the LP relaxation's value: no assignment can do better
    max_load: int
    seconds: float

    @property
    def gap(self) -> float:
        """Relative distance to the relaxation's bound (0: provably optimal)."""
        return abs(self.bound - self.objective) / max(1.0, abs(self.bound))


def normalise_keywords(text: str | Iterable[str]) -> frozenset[str]:
    parts = text.replace(";", ",").split(",") if isinstance(text, str) else text
    return frozenset(" ".join(p.lower().split()) for p in parts if p.strip())


def weight(shared_keywords: int, bid: str) -> float:
    return KEYWORD_WEIGHT * shared_keywords + BID_WEIGHT.get(bid, 0.0)


def _check_coverable(
    submissions: list[int], eligible: Mapping[int, list[int]], k: int, capacity: int
) -> None:
    short = [s for s in submissions if len(eligible.get(s, [])) < k]
    if short:
        raise Uncoverable(
            "Too few reviewers without a conflict for submissions " + ", ".join(map(str, short)),
            short,
        )
    if k * len(submissions) > capacity:
        raise Uncoverable(
            f"{k * len(submissions)} reviews are needed but the reviewers can take {capacity}"
        )


def assign(
    submissions: list[int],
    reviewers: list[int],
    weights: Mapping[tuple[int, int], float],
    *,
    k: int = 3,
    max_load: int = 10,
    keep: Iterable[tuple[int, int]] = (),
    balance: float = 10.0,
    time_limit: float = 25.0,
) -> Result:
    """``weights`` holds every allowed pair (no conflict) with its weight; pairs not in it are
    never chosen. ``keep`` pairs (chosen by the organisers) stay assigned."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    started = time.perf_counter()
    wanted_s, wanted_r = set(submissions), set(reviewers)
    pairs = sorted(p for p in weights if p[0] in wanted_s and p[1] in wanted_r)
    eligible: dict[int, list[int]] = {}
    for s, r in pairs:
        eligible.setdefault(s, []).append(r)
    _check_coverable(submissions, eligible, k, max_load * len(reviewers))
    s_index = {s: i for i, s in enumerate(submissions)}
    r_index = {r: i for i, r in enumerate(reviewers)}
    n, m = len(pairs), len(reviewers)
    if not submissions:
        return Result([], 0.0, 0.0, 0, time.perf_counter() - started)
    cols = np.arange(n)
    rows_s = np.array([s_index[s] for s, _ in pairs])
    rows_r = np.array([r_index[r] for _, r in pairs])
    cover = coo_matrix((np.ones(n), (rows_s, cols)), shape=(len(submissions), n + 1))
    # load_r - t <= 0: t is the largest load, kept small for balance
    load = coo_matrix(
        (
            np.concatenate([np.ones(n), -np.ones(m)]),
            (np.concatenate([rows_r, np.arange(m)]), np.concatenate([cols, np.full(m, n)])),
        ),
        shape=(m, n + 1),
    )
    cost = np.concatenate([-np.array([weights[p] for p in pairs]), [balance]])
    lower = np.zeros(n + 1)
    kept = set(keep)
    for i, p in enumerate(pairs):
        if p in kept:
            lower[i] = 1
    fair = math.ceil(k * len(submissions) / m)
    lower[n] = fair
    upper = np.concatenate([np.ones(n), [max_load]])
    constraints = [
        LinearConstraint(cover.tocsr(), k, k),
        LinearConstraint(load.tocsr(), -np.inf, 0),
    ]
    integrality = np.concatenate([np.ones(n), [0]])
    options = {"time_limit": time_limit, "mip_rel_gap": 1e-4}
    relaxed = milp(cost, constraints=constraints, bounds=Bounds(lower, upper), options=options)
    if relaxed.status == 2:
        raise Uncoverable(
            "The reviewers without a conflict cannot cover submissions "
            + ", ".join(map(str, _uncovered(submissions, pairs, k, max_load, reviewers))),
            _uncovered(submissions, pairs, k, max_load, reviewers),
        )
    solved = relaxed
    if relaxed.x is None or not _integral(
        relaxed.x[:n]
    ):  # the relaxation's vertex is often an assignment already
        solved = milp(
            cost,
            constraints=constraints,
            integrality=integrality,
            bounds=Bounds(lower, upper),
            options=options,
        )
    if solved.x is None:
        raise Uncoverable(f"The solver found no assignment: {solved.message}")
    chosen = [pairs[i] for i in range(n) if solved.x[i] > 0.5]
    return Result(
        pairs=sorted(chosen),
        objective=-float(cost[:n] @ np.round(solved.x[:n])) - balance * max_used(chosen),
        bound=-float(relaxed.fun),
        max_load=max_used(chosen),
        seconds=time.perf_counter() - started,
    )


def _integral(values: np.ndarray, tolerance: float = 1e-6) -> bool:
    import numpy as np

    return bool(np.all(np.minimum(np.abs(values), np.abs(values - 1)) <= tolerance))


def max_used(pairs: Iterable[tuple[int, int]]) -> int:
    loads: dict[int, int] = {}
    for _s, r in pairs:
        loads[r] = loads.get(r, 0) + 1
    return max(loads.values(), default=0)


def _uncovered(
    submissions: list[int],
    pairs: list[tuple[int, int]],
    k: int,
    max_load: int,
    reviewers: list[int],
) -> list[int]:
    """The submissions left short when as many reviews as possible are placed (an LP with
    one slack per submission)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    s_index = {s: i for i, s in enumerate(submissions)}
    r_index = {r: i for i, r in enumerate(reviewers)}
    n, ns = len(pairs), len(submissions)
    cols = np.arange(n)
    cover = coo_matrix(
        (
            np.ones(n + ns),
            (
                np.concatenate([[s_index[s] for s, _ in pairs], np.arange(ns)]),
                np.concatenate([cols, n + np.arange(ns)]),
            ),
        ),
        shape=(ns, n + ns),
    )
    load = coo_matrix(
        (np.ones(n), ([r_index[r] for _, r in pairs], cols)), shape=(len(reviewers), n + ns)
    )
    cost = np.concatenate([np.zeros(n), np.ones(ns)])
    result = milp(
        cost,
        constraints=[
            LinearConstraint(cover.tocsr(), k, k),
            LinearConstraint(load.tocsr(), 0, max_load),
        ],
        bounds=Bounds(0, np.concatenate([np.ones(n), np.full(ns, k)])),
    )
    if result.x is None:
        return list(submissions)
    return [s for i, s in enumerate(submissions) if result.x[n + i] > 1e-6]
