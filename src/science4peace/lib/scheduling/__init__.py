"""Fair scheduling of online conferences across time zones, after Patro et al., "Scheduling
Virtual Conferences Fairly: Achieving Equitable Participant and Speaker Satisfaction",
WWW 2022. Framework-free: NumPy arrays in, NumPy arrays out.

Notation: V (participants × talks) interest in [0, 1]; A (participants × slots) availability
in [0, 1]; X (talks × slots) 0/1, the schedule.
"""

from .availability import DEFAULT_BANDS, Band, availability
from .metrics import Metrics, evaluate
from .model import Problem, SchedulingError, read_matrix
from .solvers import METHODS, SOLVERS, Result, solve

__all__ = [
    "DEFAULT_BANDS",
    "METHODS",
    "SOLVERS",
    "Band",
    "Metrics",
    "Problem",
    "Result",
    "SchedulingError",
    "availability",
    "evaluate",
    "read_matrix",
    "solve",
]
