import datetime as dt

from science4peace.lib.programme import Slot, find_conflicts

T = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T + dt.timedelta(minutes=minutes)


def test_speaker_in_two_places_and_track_overlap_are_flagged():
    sessions = [
        Slot("s1", "A1", at(0), at(90), track="A"),
        Slot("s2", "A2", at(60), at(120), track="A"),
        Slot("s3", "B1", at(0), at(90), track="B"),
    ]
    talks = [
        Slot("c1", "Talk 1", at(0), at(30), session="s1", speakers=("Sato",)),
        Slot("c2", "Talk 2", at(15), at(45), session="s3", speakers=("Sato",)),
        Slot("c3", "Talk 3", at(80), at(100), session="s1"),
    ]
    kinds = sorted((c.kind, c.subject) for c in find_conflicts(sessions, talks))
    assert kinds == [("outside", "A1"), ("speaker", "Sato"), ("track", "A")]


def test_back_to_back_is_no_conflict():
    sessions = [
        Slot("s1", "A1", at(0), at(60), track="A"),
        Slot("s2", "A2", at(60), at(90), track="A"),
    ]
    talks = [
        Slot("c1", "1", at(0), at(30), session="s1", speakers=("X",)),
        Slot("c2", "2", at(30), at(60), session="s1", speakers=("X",)),
    ]
    assert find_conflicts(sessions, talks) == []
