import datetime as dt

import pytest

from science4peace.lib.periods import Period, add_months, merge_consecutive, union_covers

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 11, 15), 2, D(2025, 1, 15)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 5, 5), 0, D(2024, 5, 5)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_merge_consecutive_joins_touching_and_overlapping_periods():
    periods = [
        Period(D(2019, 7, 1), D(2023, 8, 31)),
        Period(D(2012, 9, 1), D(2019, 6, 30)),
        Period(D(2023, 9, 1), None),
        Period(D(2000, 1, 1), D(2001, 1, 1)),
    ]
    assert merge_consecutive(periods) == [
        Period(D(2000, 1, 1), D(2001, 1, 1)),
        Period(D(2012, 9, 1), None),
    ]


def test_merge_consecutive_keeps_a_gap_of_two_days():
    periods = [Period(D(2020, 1, 1), D(2020, 1, 10)), Period(D(2020, 1, 12), D(2020, 2, 1))]
    assert merge_consecutive(periods) == periods


def test_union_covers_a_period_across_two_memberships():
    spans = [Period(D(2010, 1, 1), D(2014, 12, 31)), Period(D(2015, 1, 1), D(2016, 1, 1))]
    assert union_covers(spans, Period(D(2013, 1, 1), D(2015, 6, 1)))
    assert not union_covers(spans, Period(D(2013, 1, 1), D(2016, 6, 1)))
    assert not union_covers(spans, Period(D(2013, 1, 1), None))
