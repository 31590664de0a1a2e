"""A day of a timetable laid out on a grid: time down the side, tracks across.

Pure arithmetic on minutes, computed once per day so that the page only writes numbers:

- **Rows** are equal slices of time (``slot`` minutes: the greatest common divisor of every
  start, end and full hour of the day when that keeps the grid small, otherwise the first of
  5, 10, 15, 30 or 60 minutes that does, times rounded to it). Before each instant at which a
  box starts, one more row holds the boxes' headings, so two talks that start together in
  parallel sessions start on the same row whatever the headings above them.
- **Columns**: line 1 is the time axis; each track gets as many lanes (columns) as it has
  boxes at once (usually one); boxes without a track (breaks, plenaries) span every lane,
  unless one of them overlaps another box: then they get lanes of their own, first.
- **Lines** are numbered as CSS grid lines are (from 1); line 1 to 2 is the row of the track
  names. A box's items are placed relative to its body (the box minus its heading row).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

MAX_LINES = 240  # the stylesheet has a class for each start line and span up to this
MAX_COLUMNS = 16
SLOTS = (5, 10, 15, 30, 60)


@dataclass(frozen=True)
class Box:
    """A session, break or lone talk: minutes from the grid's origin (its day's first hour)."""

    start: int
    end: int
    track: int | None  # index of the track (its position among the day's), None for all
    items: tuple[tuple[int, int], ...] = ()  # (start, end) of each talk in it


@dataclass(frozen=True)
class Place:
    row: int  # first line
    rows: int  # span
    column: int
    columns: int
    items: tuple[tuple[int, int], ...]  # (first line, span) in the box's body


@dataclass(frozen=True)
class Grid:
    slot: int  # minutes per row
    slots: int  # rows of time (heading rows not counted)
    heads: tuple[int, ...]  # slot indices preceded by a heading row, ascending
    columns: int  # lanes (the time axis not counted)
    groups: tuple[tuple[int | None, int, int], ...]  # (track or None, first column, lanes)
    places: tuple[Place, ...]  # one per box, in the order given
    hours: tuple[tuple[int, int], ...]  # (minutes from the origin, line) of each full hour

    @property
    def lines(self) -> int:
        """The last line."""
        return self.line(self.slots)

    def line(self, index: int) -> int:
        """The line at which slot ``index`` begins (above its heading row, if it has one)."""
        return 2 + index + bisect_left(self.heads, index)


def _lanes(boxes: list[tuple[int, int, int]]) -> dict[int, int]:
    """Box number -> lane, boxes (start, end, number) laid in the first lane free at their start."""
    ends: list[int] = []
    lane_of: dict[int, int] = {}
    for start, end, number in sorted(boxes):
        lane = next((n for n, last in enumerate(ends) if last <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        lane_of[number] = lane
    return lane_of


def _slot(boxes: Sequence[Box]) -> int:
    minutes = [m for b in boxes for m in (b.start, b.end, *(t for i in b.items for t in i))]
    span = max(minutes, default=60)
    exact = math.gcd(60, *minutes)
    for slot in (exact, *(s for s in SLOTS if s > exact)):
        heads = len({round(b.start / slot) for b in boxes})
        if 2 + math.ceil(span / slot) + heads <= MAX_LINES:
            return slot
    return 60 * math.ceil((span + 60 * len(boxes)) / 60 / (MAX_LINES - 2))


def layout(boxes: Sequence[Box]) -> Grid:
    """The grid of one day's ``boxes``."""
    slot = _slot(boxes)

    def at(minute: int) -> int:
        return round(minute / slot)

    spans = []
    for box in boxes:
        start = at(box.start)
        spans.append((start, max(at(box.end), start + 1)))
    heads = tuple(sorted({start for start, _end in spans}))
    slots = max((end for _start, end in spans), default=0)

    grid_line = Grid(slot, slots, heads, 0, (), (), ()).line
    headed = set(heads)
    tracked = [n for n, b in enumerate(boxes) if b.track is not None]
    shared = [n for n, b in enumerate(boxes) if b.track is None]
    apart = any(  # a box without a track overlaps another box: lanes of their own
        spans[s][0] < spans[t][1] and spans[t][0] < spans[s][1]
        for s in shared
        for t in range(len(boxes))
        if t != s
    )
    groups: list[tuple[int | None, int, int]] = []
    lane_of: dict[int, int] = {}
    group_of: dict[int | None, int] = {}
    keys: list[int | None] = [None] if apart and shared else []
    keys += sorted({boxes[n].track for n in tracked})  # type: ignore[type-var]
    column = 2
    for key in keys:
        members = [n for n in (shared if key is None else tracked) if boxes[n].track == key]
        lanes = _lanes([(*spans[n], n) for n in members])
        lane_of |= lanes
        width = max(lanes.values()) + 1
        group_of[key] = len(groups)
        groups.append((key, column, width))
        column += width
    columns = max(column - 2, 1)
    places = []
    for n, box in enumerate(boxes):
        start, end = spans[n]
        if box.track is None and not apart:
            first, width = 2, columns
        else:
            first = groups[group_of[box.track]][1] + lane_of[n]
            width = 1
        body = grid_line(start) + 1
        items = []
        for item_start, item_end in box.items:
            a = min(max(at(item_start), start), end - 1)
            b = min(max(at(item_end), a + 1), end)
            top = grid_line(a) + (a in headed)
            items.append((top - body + 1, grid_line(b) - top))
        places.append(
            Place(grid_line(start), grid_line(end) - grid_line(start), first, width, tuple(items))
        )
    hours = tuple(
        (minute, grid_line(minute // slot))
        for minute in range(0, slots * slot, 60)
        if minute % slot == 0
    )
    return Grid(slot, slots, heads, columns, tuple(groups), tuple(places), hours)
