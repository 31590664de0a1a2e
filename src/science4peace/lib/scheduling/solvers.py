"""Schedules: EM (most expected attendance, an assignment problem), IAM (most-wanted talks in
the most-available slots), mFairConf (attendance traded against fairness to participants,
weight λ1, and to speakers, weight λ2, an integer programme solved with HiGHS) and RRFS (its
linear relaxation rounded repeatedly, for large conferences).

mFairConf maximises TEP/(m·n) + λ1·(min NCG − max NCG) + λ2·(min NEC − max NEC) in the
paper's model. With parallel tracks or repeated talks, each participant's attendance becomes
a variable of the programme; there the fairness terms reward the lowest NCG and NEC only,
because "− max" would reward keeping people away from talks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, linprog, milp

from .metrics import Metrics, evaluate, ideal_audiences, ideal_gains
from .model import Problem, SchedulingError

METHODS = ("em", "iam", "mfairconf")
SOLVERS = ("auto", "milp", "rrfs")
FORBIDDEN = -1e9
# Above this many participant types × talks × slots, "auto" rounds the relaxation (RRFS)
# rather than solving the integer programme (FATREC: 10,560; RecSys: 1,387,776).
LARGE = 100_000


@dataclass(frozen=True)
class Result:
    method: str
    solver: str  # "assignment", "greedy", "milp" or "rrfs"
    X: np.ndarray  # talks × slots, 0/1
    metrics: Metrics
    seconds: float
    proven_optimal: bool | None  # None: a heuristic, nothing to prove

    def slots_of(self, talk: int) -> list[int]:
        return [int(s) for s in np.flatnonzero(self.X[talk])]


def solve(
    problem: Problem,
    method: str = "em",
    lambda1: float = 0.0,
    lambda2: float = 0.0,
    solver: str = "auto",
    time_limit: float = 60.0,
) -> Result:
    """A schedule by ``method``; for mfairconf, ``solver`` "milp" solves the integer
    programme (stopping after ``time_limit`` seconds with the best schedule found), "rrfs"
    rounds its relaxation, "auto" chooses by size."""
    if method not in METHODS:
        raise SchedulingError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if solver not in SOLVERS:
        raise SchedulingError(f"unknown solver {solver!r}; choose one of {', '.join(SOLVERS)}")
    if lambda1 < 0 or lambda2 < 0:
        raise SchedulingError("λ1 and λ2 must not be negative")
    begin = time.perf_counter()
    optimal: bool | None
    if method == "em" and problem.basic:
        used, X, optimal = "assignment", _assignment(problem), True
    elif method == "iam":
        used, X, optimal = "greedy", _iam(problem), None
    elif method == "em":  # tracks or repeats: the integer programme without fairness
        used, (X, optimal) = "milp", _extended(problem, 0.0, 0.0, time_limit)
    elif solver == "rrfs" or (solver == "auto" and _size(problem) > LARGE and problem.basic):
        used, X, optimal = "rrfs", _rrfs(problem, lambda1, lambda2), None
    elif problem.basic:
        used, (X, optimal) = "milp", _milp(problem, lambda1, lambda2, time_limit)
    else:
        used, (X, optimal) = "milp", _extended(problem, lambda1, lambda2, time_limit)
    seconds = time.perf_counter() - begin
    return Result(method, used, X, evaluate(problem.V, problem.A, X), seconds, optimal)


def _size(problem: Problem) -> int:
    types = len(problem.aggregated()[0])
    return types * problem.talks * problem.slots


def _basic_only(problem: Problem, method: str) -> None:
    if not problem.basic:
        raise SchedulingError(f"{method} needs one track and one repeat; use em or mfairconf")


def _assignment(problem: Problem) -> np.ndarray:
    W = problem.V.T @ problem.A
    W[~problem.allowed] = FORBIDDEN
    talks, slots = linear_sum_assignment(W, maximize=True)
    if not problem.allowed[talks, slots].all():
        raise SchedulingError("no schedule gives every talk an allowed slot")
    X = np.zeros(W.shape)
    X[talks, slots] = 1
    return X


def _iam(problem: Problem) -> np.ndarray:
    _basic_only(problem, "iam")
    X = np.zeros((problem.talks, problem.slots))
    free = list(np.argsort(-problem.A.sum(axis=0), kind="stable"))
    for talk in np.argsort(-problem.V.sum(axis=0), kind="stable"):
        slot = next((s for s in free if problem.allowed[talk, s]), None)
        if slot is None:
            raise SchedulingError("iam found no allowed slot left for a talk")
        X[talk, slot] = 1
        free.remove(slot)
    return X


@dataclass
class _Model:
    """Variables: x (talks × slots, flattened), then zmin, zmax (NCG), emin, emax (NEC)."""

    c: np.ndarray
    rows: list[sparse.csr_array]
    lower: list[np.ndarray]
    upper: list[np.ndarray]
    var_upper: np.ndarray


def _basic_model(problem: Problem, lambda1: float, lambda2: float) -> _Model:
    V, A, counts = problem.aggregated()
    n, slots = problem.talks, problem.slots
    size = n * slots
    m = problem.participants
    W = (V * counts[:, None]).T @ A
    c = np.zeros(size + 4)
    c[:size] = -W.ravel() / (m * n)
    c[size : size + 4] = [-lambda1, lambda1, -lambda2, lambda2]
    talk_rows = sparse.kron(sparse.eye_array(n), np.ones((1, slots)))
    slot_rows = sparse.kron(np.ones((1, n)), sparse.eye_array(slots))
    pad = sparse.csr_array((n + slots, 4))
    rows = [sparse.hstack([sparse.vstack([talk_rows, slot_rows]), pad]).tocsr()]
    lower = [np.concatenate([np.ones(n), np.zeros(slots)])]
    upper = [np.ones(n + slots)]
    # participants who can gain nothing (ICG 0) and talks nobody can attend (IEC 0) have
    # nothing to be fair about: their NCG and NEC count as 1 and stay out of the bounds
    if lambda1 > 0:
        icg = ideal_gains(V, A)
        some = icg > 0
        gain = (V[some, :, None] * A[some, None, :]).reshape(int(some.sum()), size)
        rows += _bounded_by(gain / icg[some, None], size, 0)
        lower += [np.full(int(some.sum()), -np.inf)] * 2
        upper += [np.zeros(int(some.sum()))] * 2
    if lambda2 > 0:
        iec = ideal_audiences(V, A, counts)
        talks_seen = np.flatnonzero(iec > 0)
        audience = np.zeros((len(talks_seen), size))
        for row, t in enumerate(talks_seen):
            audience[row, t * slots : (t + 1) * slots] = W[t] / iec[t]
        rows += _bounded_by(audience, size, 2)
        lower += [np.full(len(talks_seen), -np.inf)] * 2
        upper += [np.zeros(len(talks_seen))] * 2
    var_upper = np.concatenate([problem.allowed.ravel().astype(float), np.ones(4)])
    return _Model(c, rows, lower, upper, var_upper)


def _bounded_by(values: np.ndarray, size: int, first: int) -> list[sparse.csr_array]:
    """Rows saying low ≤ every row of ``values``·x ≤ high, low and high being the extra
    variables ``first`` and ``first + 1``: low − v·x ≤ 0 and v·x − high ≤ 0."""
    count = len(values)
    extra = np.zeros((count, 4))
    extra[:, first] = 1
    below = sparse.csr_array(np.hstack([-values, extra]))
    extra = np.zeros((count, 4))
    extra[:, first + 1] = -1
    above = sparse.csr_array(np.hstack([values, extra]))
    return [below, above]


def _run(model: _Model, integral: int, time_limit: float, relax: bool = False) -> Any:
    matrix = sparse.vstack(model.rows).tocsr()
    lower = np.concatenate(model.lower)
    upper = np.concatenate(model.upper)
    bounds = Bounds(np.zeros(len(model.c)), model.var_upper)
    if relax:
        return linprog(
            model.c,
            A_ub=sparse.vstack([matrix, -matrix]).tocsr()[_finite(upper, lower)],
            b_ub=np.concatenate([upper, -lower])[_finite(upper, lower)],
            bounds=list(zip(bounds.lb, bounds.ub, strict=True)),
            method="highs",
        )
    integrality = np.zeros(len(model.c))
    integrality[:integral] = 1
    return milp(
        model.c,
        integrality=integrality,
        bounds=bounds,
        constraints=LinearConstraint(matrix, lower, upper),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-4},
    )


def _finite(upper: np.ndarray, lower: np.ndarray) -> np.ndarray:
    return np.concatenate([np.isfinite(upper), np.isfinite(lower)])


def _solution(result: Any, problem: Problem, size: int) -> np.ndarray:
    if result.x is None:
        raise SchedulingError(f"the solver found no schedule: {result.message}")
    return (result.x[:size] > 0.5).astype(float).reshape(problem.talks, problem.slots)


def _milp(
    problem: Problem, lambda1: float, lambda2: float, limit: float
) -> tuple[np.ndarray, bool]:
    model = _basic_model(problem, lambda1, lambda2)
    size = problem.talks * problem.slots
    result = _run(model, size, limit)
    return _solution(result, problem, size), result.status == 0


def _rrfs(problem: Problem, lambda1: float, lambda2: float) -> np.ndarray:
    """Solve the relaxation; fix talks to slots in order of their largest fractional values,
    each talk and slot once; solve again for what is left, until every talk has a slot."""
    _basic_only(problem, "rrfs")
    model = _basic_model(problem, lambda1, lambda2)
    n, slots = problem.talks, problem.slots
    size = n * slots
    X = np.zeros((n, slots))
    while X.sum() < n:
        result = _run(model, 0, 0, relax=True)
        if result.x is None:
            raise SchedulingError(f"the solver found no schedule: {result.message}")
        fractional = result.x[:size].reshape(n, slots).copy()
        fixed_before = X.sum()
        fractional[X.sum(axis=1) > 0, :] = 0
        fractional[:, X.sum(axis=0) > 0] = 0
        while fractional.max() > 1e-6:
            talk, slot = np.unravel_index(fractional.argmax(), fractional.shape)
            X[talk, slot] = 1
            fractional[talk, :] = 0
            fractional[:, slot] = 0
        if X.sum() == fixed_before:
            raise SchedulingError("the relaxation gave no slot to the talks left")
        done = X.sum(axis=1) > 0
        used = X.sum(axis=0) > 0
        upper = problem.allowed.astype(float)
        upper[done, :] = X[done, :]
        upper[:, used] = np.minimum(upper[:, used], X[:, used])
        model.var_upper[:size] = upper.ravel()
    return X


def _extended(
    problem: Problem, lambda1: float, lambda2: float, limit: float
) -> tuple[np.ndarray, bool]:
    """Tracks and repeats: x (talks × slots) binary, y (type × talk × slot) each participant
    type's attendance, y ≤ x, one attendance per talk and per slot."""
    V, A, counts = problem.aggregated()
    n, slots, types = problem.talks, problem.slots, len(V)
    size = n * slots
    gain = V[:, :, None] * A[:, None, :] * problem.allowed[None, :, :]
    g_idx, t_idx, s_idx = np.nonzero(gain > 0)
    k = len(g_idx)
    values = gain[g_idx, t_idx, s_idx]
    first_y = size + 4
    total = first_y + k
    y_cols = first_y + np.arange(k)
    m = problem.participants

    c = np.zeros(total)
    c[y_cols] = -values * counts[g_idx] / (m * n)
    c[size], c[size + 2] = -lambda1, -lambda2

    def rows_of(
        row_ids: np.ndarray, cols: np.ndarray, data: np.ndarray, count: int
    ) -> sparse.csr_array:
        return sparse.csr_array((data, (row_ids, cols)), shape=(count, total))

    blocks: list[sparse.csr_array] = []
    lower: list[np.ndarray] = []
    upper: list[np.ndarray] = []

    def add(matrix: sparse.csr_array, low: float, high: float | np.ndarray) -> None:
        blocks.append(matrix)
        lower.append(np.broadcast_to(low, matrix.shape[0]).astype(float))
        upper.append(np.broadcast_to(high, matrix.shape[0]).astype(float))

    x_cols = np.arange(size)
    add(rows_of(x_cols // slots, x_cols, np.ones(size), n), problem.repeats, problem.repeats)
    add(rows_of(x_cols % slots, x_cols, np.ones(size), slots), 0, problem.tracks)
    link = np.arange(k)
    add(
        rows_of(
            np.concatenate([link, link]),
            np.concatenate([y_cols, t_idx * slots + s_idx]),
            np.concatenate([np.ones(k), -np.ones(k)]),
            k,
        ),
        -np.inf,
        0,
    )
    add(rows_of(g_idx * n + t_idx, y_cols, np.ones(k), types * n), 0, 1)
    add(rows_of(g_idx * slots + s_idx, y_cols, np.ones(k), types * slots), 0, 1)
    if lambda1 > 0:
        icg = ideal_gains(V, A)  # a type with nothing to gain has no y and no bound
        add(
            rows_of(
                np.concatenate([g_idx, np.arange(types)]),
                np.concatenate([y_cols, np.full(types, size)]),
                np.concatenate([-values / icg[g_idx], np.ones(types)]),
                types,
            ),
            -np.inf,
            np.where(icg > 0, 0, np.inf),
        )
    if lambda2 > 0:
        iec = ideal_audiences(V, A, counts)  # a talk nobody can attend: no bound
        add(
            rows_of(
                np.concatenate([t_idx, np.arange(n)]),
                np.concatenate([y_cols, np.full(n, size + 2)]),
                np.concatenate([-values * counts[g_idx] / iec[t_idx], np.ones(n)]),
                n,
            ),
            -np.inf,
            np.where(iec > 0, 0, np.inf),
        )
    integrality = np.zeros(total)
    integrality[:size] = 1
    var_upper = np.concatenate([problem.allowed.ravel(), np.ones(4), np.ones(k)]).astype(float)
    result = milp(
        c,
        integrality=integrality,
        bounds=Bounds(np.zeros(total), var_upper),
        constraints=LinearConstraint(
            sparse.vstack(blocks).tocsr(), np.concatenate(lower), np.concatenate(upper)
        ),
        options={"time_limit": limit, "mip_rel_gap": 1e-4},
    )
    return _solution(result, problem, size), result.status == 0
