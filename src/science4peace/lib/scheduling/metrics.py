"""How good a schedule is, for participants and for speakers (definitions of Patro et al.).

- CG, a participant's expected attendance: the sum over talks of interest × availability in
  the slot they would attend it in. When a talk is given more than once, or several talks run
  in parallel, each participant attends each talk at most once and one talk per slot, the
  best way they can (a maximum-weight matching).
- NCG = CG / ICG, ICG being the best CG any schedule could give that participant.
- EC, a speaker's expected audience, and NEC = EC / IEC, IEC the audience of the talk's best
  slot.
- TEP, total expected participation = Σ CG.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment


@dataclass(frozen=True)
class Metrics:
    ncg_mean: float
    ncg_min: float
    ncg_max_min: float
    ncg_gini: float
    nec_mean: float
    nec_min: float
    nec_max_min: float
    nec_gini: float
    tep: float

    def as_dict(self) -> dict[str, float]:
        return {key: round(value, 4) for key, value in asdict(self).items()}


def gini(values: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Half the relative mean absolute difference (0: all equal)."""
    values = np.asarray(values, dtype=float)
    weights = np.ones_like(values) if weights is None else np.asarray(weights, dtype=float)
    mean = np.average(values, weights=weights)
    if mean == 0:
        return 0.0
    differences = np.abs(values[:, None] - values[None, :])
    pairs = np.outer(weights, weights)
    return float((differences * pairs).sum() / pairs.sum() / mean / 2)


def ideal_gains(V: np.ndarray, A: np.ndarray) -> np.ndarray:
    """ICG: each participant's interests and availabilities paired best with best."""
    k = min(V.shape[1], A.shape[1])
    interest = -np.sort(-V, axis=1)[:, :k]
    available = -np.sort(-A, axis=1)[:, :k]
    return (interest * available).sum(axis=1)


def ideal_audiences(V: np.ndarray, A: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """IEC: each talk's audience in its best slot."""
    return ((V * weights[:, None]).T @ A).max(axis=1)


def attendance(V: np.ndarray, A: np.ndarray, X: np.ndarray) -> np.ndarray:
    """G (participants × talks): what each participant gains from each talk."""
    X = np.asarray(X) > 0.5
    if (X.sum(axis=1) == 1).all() and (X.sum(axis=0) <= 1).all():
        slot_of = X.argmax(axis=1)
        return V * A[:, slot_of]
    talks, slots = np.nonzero(X)
    gains = np.zeros_like(V)
    for p in range(V.shape[0]):
        weight = np.zeros(X.shape)
        weight[talks, slots] = V[p, talks] * A[p, slots]
        rows, columns = linear_sum_assignment(weight, maximize=True)
        gains[p, rows] = weight[rows, columns]
    return gains


def evaluate(
    V: np.ndarray, A: np.ndarray, X: np.ndarray, weights: np.ndarray | None = None
) -> Metrics:
    """The metrics of schedule ``X``; ``weights`` counts participants merged into one row."""
    weights = np.ones(V.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    gains = attendance(V, A, X)
    cg = gains.sum(axis=1)
    icg = ideal_gains(V, A)
    ncg = np.divide(cg, icg, out=np.ones_like(cg), where=icg > 0)
    ec = (gains * weights[:, None]).sum(axis=0)
    iec = ideal_audiences(V, A, weights)
    nec = np.divide(ec, iec, out=np.ones_like(ec), where=iec > 0)
    return Metrics(
        ncg_mean=float(np.average(ncg, weights=weights)),
        ncg_min=float(ncg.min()),
        ncg_max_min=float(ncg.max() - ncg.min()),
        ncg_gini=gini(ncg, weights),
        nec_mean=float(nec.mean()),
        nec_min=float(nec.min()),
        nec_max_min=float(nec.max() - nec.min()),
        nec_gini=gini(nec),
        tep=float((cg * weights).sum()),
    )
