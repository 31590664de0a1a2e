"""Date periods: open-ended spans, month arithmetic, and merging consecutive spans."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date | None = None  # None: still running

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def covers(self, other: Period) -> bool:
        if other.start < self.start:
            return False
        if self.end is None:
            return True
        return other.end is not None and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        starts_before_other_ends = other.end is None or self.start <= other.end
        ends_after_other_starts = self.end is None or other.start <= self.end
        return starts_before_other_ends and ends_after_other_starts


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def merge_consecutive(periods: Iterable[Period]) -> list[Period]:
    """Periods that overlap or follow each other without a day's gap become one."""
    merged: list[Period] = []
    for period in sorted(periods):
        if merged:
            last = merged[-1]
            if last.end is None or period.start <= last.end + ONE_DAY:
                end = None if last.end is None or period.end is None else max(last.end, period.end)
                merged[-1] = Period(last.start, end)
                continue
        merged.append(period)
    return merged


def union_covers(periods: Iterable[Period], inner: Period) -> bool:
    """Whether ``inner`` lies within the union of ``periods``."""
    return any(span.covers(inner) for span in merge_consecutive(periods))
