import datetime as dt

import pytest

from science4peace.lib.timezones import TimeZoneError, abbreviation, to_utc, wall_and_utc, zone


def test_local_times_on_both_sides_of_a_dst_change_map_to_different_offsets():
    summer = to_utc(dt.datetime(2026, 10, 24, 14, 0), "Europe/Zurich")
    winter = to_utc(dt.datetime(2026, 10, 26, 14, 0), "Europe/Zurich")
    assert summer == dt.datetime(2026, 10, 24, 12, 0, tzinfo=dt.UTC)
    assert winter == dt.datetime(2026, 10, 26, 13, 0, tzinfo=dt.UTC)
    assert (abbreviation(summer, "Europe/Zurich"), abbreviation(winter, "Europe/Zurich")) == (
        "CEST",
        "CET",
    )


def test_a_time_in_the_spring_gap_is_refused_with_the_reason():
    with pytest.raises(TimeZoneError, match="2026-03-29 02:30 does not exist in Europe/Zurich"):
        to_utc(dt.datetime(2026, 3, 29, 2, 30), "Europe/Zurich")


def test_the_repeated_autumn_hour_takes_its_first_occurrence():
    first = to_utc(dt.datetime(2026, 10, 25, 2, 30), "Europe/Zurich")
    assert first == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "UTC+3", "/usr"])
def test_unknown_zones_are_refused(name):
    with pytest.raises(TimeZoneError, match="unknown time zone"):
        zone(name)


def test_a_deadline_reads_in_the_readers_zone_with_utc_beside_it():
    instant = dt.datetime(2026, 12, 8, 14, 0, tzinfo=dt.UTC)
    assert wall_and_utc(instant, "Europe/Berlin") == "2026-12-08 15:00 Europe/Berlin (14:00 UTC)"
    assert wall_and_utc(instant, "Asia/Tokyo") == "2026-12-08 23:00 Asia/Tokyo (14:00 UTC)"
    late = dt.datetime(2026, 12, 8, 20, 0, tzinfo=dt.UTC)
    assert wall_and_utc(late, "Asia/Tokyo") == (
        "2026-12-09 05:00 Asia/Tokyo (2026-12-08 20:00 UTC)"
    )


@pytest.mark.parametrize("name", ["UTC", "", "Mars/Olympus"])
def test_a_deadline_for_a_reader_in_utc_or_without_a_known_zone_is_in_utc(name):
    instant = dt.datetime(2026, 12, 8, 14, 0, tzinfo=dt.UTC)
    assert wall_and_utc(instant, name) == "2026-12-08 14:00 UTC"
