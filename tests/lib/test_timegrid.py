"""The grid of a timetable's day (lib/timegrid.py): rows of time, lanes per track."""

from hypothesis import given
from hypothesis import strategies as st

from science4peace.lib.timegrid import MAX_LINES, Box, layout


def test_parallel_talks_share_their_rows_and_a_break_spans_every_track():
    morning_a = Box(0, 60, 0, ((0, 30), (30, 60)))
    morning_b = Box(0, 60, 1, ((0, 30), (30, 60)))
    lunch = Box(60, 90, None)
    grid = layout([morning_a, morning_b, lunch])
    a, b, brk = grid.places
    assert grid.slot == 30
    assert (a.row, a.rows, a.column, a.columns) == (2, 3, 2, 1)  # heading row + two slots
    assert (b.row, b.rows, b.column, b.columns) == (2, 3, 3, 1)
    assert a.items == b.items == ((1, 1), (2, 1))
    assert (brk.row, brk.column, brk.columns) == (5, 2, 2)
    assert grid.hours == ((0, 2), (60, 5))


def test_a_talk_starting_with_another_session_starts_below_that_sessions_heading():
    session = Box(0, 60, 0, ((0, 20), (20, 40), (40, 60)))
    later = Box(20, 60, 1, ((20, 40),))
    grid = layout([session, later])
    first, second = grid.places
    assert grid.heads == (0, 1)  # slot 20 minutes: headings before 0:00 and 0:20
    # second talk of the first session and first talk of the second: the same line
    assert first.row + 1 + first.items[1][0] - 1 == second.row + 1 + second.items[0][0] - 1


def test_overlapping_sessions_of_one_track_get_a_lane_each():
    grid = layout([Box(0, 60, 0), Box(30, 90, 0), Box(60, 120, 0)])
    assert [p.column for p in grid.places] == [2, 3, 2]
    assert grid.groups == ((0, 2, 2),)


def test_a_plenary_overlapping_a_track_gets_its_own_column():
    grid = layout([Box(0, 60, None), Box(30, 90, 0)])
    assert [(p.column, p.columns) for p in grid.places] == [(2, 1), (3, 1)]


@given(
    st.lists(
        st.tuples(st.integers(0, 1440), st.integers(1, 600), st.none() | st.integers(0, 3)),
        min_size=1,
        max_size=40,
    )
)
def test_any_day_fits_the_stylesheet_and_boxes_in_a_lane_never_overlap(rows):
    boxes = [Box(start, start + length, track) for start, length, track in rows]
    grid = layout(boxes)
    assert grid.lines <= MAX_LINES
    taken: dict[int, list[tuple[int, int]]] = {}
    for place in grid.places:
        for column in range(place.column, place.column + place.columns):
            for top, bottom in taken.get(column, []):
                assert place.row >= bottom or place.row + place.rows <= top
            taken.setdefault(column, []).append((place.row, place.row + place.rows))
