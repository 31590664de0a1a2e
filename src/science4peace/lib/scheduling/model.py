"""The scheduling problem: interest V, availability A, and the hard rules a schedule keeps
(talks per slot, repeats per talk, slots a talk may not take)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


class SchedulingError(ValueError):
    """Input that cannot be scheduled; the message says what is wrong."""


def read_matrix(source: Path | str, name: str) -> np.ndarray:
    """A matrix from a CSV file of numbers in [0, 1] (no header), one row per participant.
    ``name`` ("interest", "availability") is used in error messages."""
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchedulingError(f"{name} file {path}: cannot be read ({exc})") from exc
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte...
        raise SchedulingError(f"{name} file {path}: unreadable CSV: {exc}") from exc
    if not rows:
        raise SchedulingError(f"{name} file {path}: no rows")
    width = len(rows[0])
    values = []
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise SchedulingError(
                f"{name} file {path}, row {number}: {len(row)} columns, the first row has {width}"
            )
        try:
            values.append([float(cell) for cell in row])
        except ValueError as exc:
            raise SchedulingError(f"{name} file {path}, row {number}: {exc}") from exc
    matrix = np.array(values, dtype=float)
    _check_unit_range(matrix, f"{name} file {path}")
    return matrix


def _check_unit_range(matrix: np.ndarray, what: str) -> None:
    if not np.isfinite(matrix).all():
        raise SchedulingError(f"{what}: values must be numbers between 0 and 1")
    bad = np.argwhere((matrix < 0) | (matrix > 1))
    if len(bad):
        row, column = bad[0]
        raise SchedulingError(
            f"{what}: row {row + 1}, column {column + 1} is {matrix[row, column]:g}; "
            "values must lie between 0 and 1"
        )


@dataclass
class Problem:
    """V (m × n), A (m × l) and the rules: ``tracks`` talks at most per slot, each talk given
    ``repeats`` times, ``allowed_slots`` (n × l, bool) the slots each talk may take (a
    speaker's own availability, a slot of the wrong length); all if None."""

    V: np.ndarray
    A: np.ndarray
    tracks: int = 1
    repeats: int = 1
    allowed_slots: np.ndarray | None = field(default=None)

    def __post_init__(self) -> None:
        self.V = np.asarray(self.V, dtype=float)
        self.A = np.asarray(self.A, dtype=float)
        if self.V.ndim != 2 or self.A.ndim != 2:
            raise SchedulingError("interest and availability must be tables (rows × columns)")
        if self.V.shape[0] != self.A.shape[0]:
            raise SchedulingError(
                f"interest has {self.V.shape[0]} participants (rows), availability "
                f"{self.A.shape[0]}; they must be the same people in the same order"
            )
        _check_unit_range(self.V, "interest")
        _check_unit_range(self.A, "availability")
        if self.tracks < 1 or self.repeats < 1:
            raise SchedulingError("tracks and repeats must be at least 1")
        if self.allowed_slots is None:
            self.allowed_slots = np.ones((self.talks, self.slots), dtype=bool)
        self.allowed_slots = np.asarray(self.allowed_slots, dtype=bool)
        if self.allowed.shape != (self.talks, self.slots):
            raise SchedulingError("allowed must have one row per talk and one column per slot")
        self._check_room()

    @property
    def allowed(self) -> np.ndarray:
        assert self.allowed_slots is not None  # set in __post_init__
        return self.allowed_slots

    @property
    def participants(self) -> int:
        return self.V.shape[0]

    @property
    def talks(self) -> int:
        return self.V.shape[1]

    @property
    def slots(self) -> int:
        return self.A.shape[1]

    @property
    def basic(self) -> bool:
        """One talk per slot and each talk once: the assignment problem of the paper."""
        return self.tracks == 1 and self.repeats == 1

    def _check_room(self) -> None:
        needed = self.talks * self.repeats
        room = self.slots * self.tracks
        if needed > room:
            raise SchedulingError(
                f"more talks than slots: {self.talks} talks × {self.repeats} repeats need "
                f"{needed} places, {self.slots} slots × {self.tracks} tracks give {room}"
            )
        stuck = [t + 1 for t in range(self.talks) if self.allowed[t].sum() < self.repeats]
        if stuck:
            raise SchedulingError(
                f"talks {', '.join(map(str, stuck))} have fewer allowed slots than repeats "
                "(check the speakers' availability)"
            )

    def aggregated(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Participants with identical interest and availability merged: (V, A, counts).
        Exact for every metric here, and it makes a platform's problem (few zones, uniform
        interest) small."""
        joined = np.hstack([self.V, self.A])
        unique, counts = np.unique(joined, axis=0, return_counts=True)
        return unique[:, : self.talks], unique[:, self.talks :], counts.astype(float)
