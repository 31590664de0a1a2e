import datetime as dt
import html

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from science4peace.events.domain.changes import (
    do_create_event,
    do_save_contribution,
    do_save_session,
)
from science4peace.events.domain.programme import (
    conflicts,
    forget_programmes,
    programme,
    read_programme,
)
from science4peace.events.models import Contribution, Event, Session
from tests.conftest import cache_queries, data_queries

from .conftest import FIRST_DAY, make_users


def test_times_are_stored_in_utc_across_the_dst_change(conference):
    starts = sorted(
        Session.objects.filter(event=conference, kind="session").values_list("start", flat=True)
    )
    # 14:00 in Zurich is 12:00 UTC in summer time (24 Oct) and 13:00 UTC after it (25 Oct).
    assert [s.astimezone(dt.UTC).hour for s in starts] == [12, 12, 13, 13]


def test_a_session_ending_before_it_starts_saves_nothing(conference, organiser):
    before = Session.objects.count()
    with pytest.raises(ValidationError, match="ends before it starts"):
        do_save_session(
            conference,
            actor=organiser,
            title="Bad",
            day=FIRST_DAY,
            start=dt.time(16),
            end=dt.time(15),
        )
    assert Session.objects.count() == before


def test_a_time_in_the_dst_gap_saves_nothing_not_even_earlier_repeats(conference, organiser):
    before = Session.objects.count()
    with pytest.raises(ValidationError, match="does not exist in Europe/Zurich"):
        # weekly from 15 March: the third repeat, 29 March 02:30, does not exist
        do_save_session(
            conference,
            actor=organiser,
            title="Night seminar",
            day=dt.date(2026, 3, 15),
            start=dt.time(2, 30),
            end=dt.time(3, 30),
            repeat_weeks=3,
        )
    assert Session.objects.count() == before


def test_weekly_series_keeps_its_local_time_across_dst(conference, organiser):
    sessions = do_save_session(
        conference,
        actor=organiser,
        title="Seminar",
        day=dt.date(2026, 10, 15),
        start=dt.time(15),
        end=dt.time(16),
        repeat_weeks=2,
    )
    utc_hours = [s.start.astimezone(dt.UTC).hour for s in sessions]
    assert utc_hours == [13, 13, 14]  # 15:00 CEST, 15:00 CEST, 15:00 CET


def test_conflicts_are_flagged_on_the_manage_page(client, conference, organiser, speakers):
    session = Session.objects.filter(event=conference, track__name="Track B").first()
    do_save_contribution(
        conference,
        actor=organiser,
        title="Clash",
        kind="talk",
        duration=30,
        session=session,
        start=dt.datetime.combine(FIRST_DAY, dt.time(14, 10)),
        speakers=[speakers[0]],  # also speaking in Track A at 14:00
    )
    conference.refresh_from_db()  # the change bumped the programme's version
    kinds = sorted(c.kind for c in conflicts(programme(conference)))
    assert kinds == ["session", "speaker"]
    client.force_login(organiser)
    page = client.get(reverse("events:manage", args=[conference.pk])).content.decode()
    assert "Thandiwe Mokoena speaks in two places at once" in page


def test_editing_a_session_through_the_form(client, conference, organiser):
    client.force_login(organiser)
    session = Session.objects.filter(event=conference).first()
    url = reverse("events:edit-session", args=[conference.pk, session.pk])
    bad = client.post(
        url,
        {"title": "X", "kind": "session", "day": "2026-03-29", "start": "02:15", "end": "03:30"},
    )
    assert bad.status_code == 400
    assert "does not exist in Europe/Zurich" in bad.content.decode()
    good = client.post(
        url,
        {
            "title": "Renamed",
            "kind": "session",
            "day": "2026-10-24",
            "start": "09:00",
            "end": "10:00",
        },
    )
    assert good.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.start.astimezone(dt.UTC).hour) == ("Renamed", 7)


def test_contribution_form_names_unknown_speakers(client, conference, organiser):
    client.force_login(organiser)
    url = reverse("events:new-contribution", args=[conference.pk])
    response = client.post(
        url, {"title": "T", "kind": "talk", "duration": 20, "speakers": "Haruto Sato\nNobody Known"}
    )
    assert response.status_code == 400
    assert "No person found for: Nobody Known" in response.content.decode()
    assert not Contribution.objects.filter(title="T").exists()


def test_only_organisers_manage(client, conference, user):
    client.force_login(user)
    refused = client.get(reverse("events:manage", args=[conference.pk]))
    page = refused.content.decode()
    assert (refused.status_code, _reason(page)) == (403, "Only the event's organisers may do this.")
    assert 'name="capacity"' not in page


def test_a_private_event_is_not_found_by_strangers(client, conference, user):
    Event.objects.filter(pk=conference.pk).update(visibility=Event.Visibility.PRIVATE)
    client.force_login(user)
    for name in ("events:manage", "events:detail", "events:registrants"):
        missing = client.get(reverse(name, args=[conference.pk]))
        page = missing.content.decode()
        assert (missing.status_code, _reason(page)) == (404, "No such event.")
        assert conference.title not in page


def _reason(page: str) -> str:
    """What a 403 or 404 page gives as its reason."""
    return html.unescape(page.split('id="reason">')[1].split("</p>")[0])


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Tokyo", ["21:00 JST", "22:00 JST"]),  # 24 Oct, Zurich on CEST (UTC+2)
        ("America/Los_Angeles", ["05:00 PDT", "06:00 PDT"]),
        ("Europe/Zurich", ["14:00 CEST", "14:00 CET"]),
    ],
)
def test_timetable_in_a_viewers_zone(client, conference, zone, expected):
    response = client.get(reverse("events:timetable", args=[conference.pk]), {"tz": zone})
    page = response.content.decode()
    assert f'All times in <bdi dir="ltr">{zone}</bdi>.' in page
    for shown in expected:
        assert shown in page


def test_timetable_defaults_to_the_profile_zone_then_the_event_zone(client, conference, user):
    url = reverse("events:timetable", args=[conference.pk])
    assert 'All times in <bdi dir="ltr">Europe/Zurich</bdi>.' in client.get(url).content.decode()
    from science4peace.people.models import Person

    Person.objects.create(user=user, family_name="Lovelace", timezone="Asia/Kolkata")
    client.force_login(user)
    assert 'All times in <bdi dir="ltr">Asia/Kolkata</bdi>.' in client.get(url).content.decode()


def test_unknown_zone_is_a_clear_400(client, conference):
    response = client.get(reverse("events:timetable", args=[conference.pk]), {"tz": "Mars/Base"})
    assert response.status_code == 400
    assert "unknown time zone &#x27;Mars/Base&#x27;" in response.content.decode()


def test_now_and_next_marks(client, conference, monkeypatch):
    during = dt.datetime(2026, 10, 24, 12, 10, tzinfo=dt.UTC)  # 14:10 in Zurich, day 1
    monkeypatch.setattr("django.utils.timezone.now", lambda: during)
    page = client.get(reverse("events:timetable", args=[conference.pk])).content.decode()
    now_block = page.split('class="now-next"')[1].split("</aside>")[0]
    running, following = now_block.split("Next:</strong>")
    assert "Now:</strong>" in running
    assert "Talk Track A 1" in running
    assert "Talk Track B 1" in running
    assert "Talk Track A 2" in following
    # titles and times isolated: an English title in an Arabic line keeps its parentheses
    assert "<bdi>Talk Track A 2</bdi></a> (<bdi><time" in following


def _timetable_queries(client, event) -> int:
    """Cold: nothing of this programme cached, in the cache or in the process."""
    cache.clear()
    forget_programmes()
    with CaptureQueriesContext(connection) as queries:
        assert (
            client.get(
                reverse("events:timetable", args=[event.pk]), {"tz": "Asia/Tokyo"}
            ).status_code
            == 200
        )
    return len(data_queries(queries))


def test_timetable_query_count_does_not_grow_with_the_programme(
    client, conference, organiser, speakers
):
    small = _timetable_queries(client, conference)
    session = Session.objects.filter(event=conference).first()
    for n in range(20):
        do_save_contribution(
            conference,
            actor=organiser,
            title=f"Extra {n}",
            kind="talk",
            duration=5,
            session=session,
            start=dt.datetime.combine(FIRST_DAY, dt.time(14)) + dt.timedelta(minutes=n),
            speakers=speakers,
        )
    conference.refresh_from_db()
    assert _timetable_queries(client, conference) == small
    assert small <= 5
    # warm: one read of the shared page cache (the page and its topic's token), no data
    with CaptureQueriesContext(connection) as warm:
        client.get(reverse("events:timetable", args=[conference.pk]), {"tz": "Asia/Tokyo"})
    assert (len(data_queries(warm)), len(cache_queries(warm))) == (0, 1)


def test_registrant_list_query_count_does_not_grow(client, conference, organiser):
    from science4peace.events.domain.registrations import do_register

    client.force_login(organiser)
    url = reverse("events:registrants", args=[conference.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(data_queries(queries))

    do_register(conference, user=make_users(1, "one")[0], consent=True)
    one = count()
    for u in make_users(15, "many"):
        do_register(conference, user=u, consent=True)
    assert count() == one


def test_speakers_keep_the_order_they_were_given(conference, organiser, speakers):
    mokoena, sato, oliveira = speakers
    do_save_contribution(
        conference,
        actor=organiser,
        title="Three voices",
        kind="talk",
        duration=20,
        speakers=[sato, oliveira, mokoena, sato],  # a repeated name keeps its first place
    )
    conference.refresh_from_db()
    item = next(i for i in read_programme(conference).unscheduled if i.title == "Three voices")
    assert [s.name for s in item.speakers] == ["Haruto Sato", "Thiago Oliveira", "Thandiwe Mokoena"]


def test_two_events_read_one_after_the_other_each_get_their_own_rows(
    conference, organiser, speakers
):
    """The programme's queries are compiled once and reused with each event's id."""
    other = do_create_event(
        actor=organiser, title="Another", kind=Event.Kind.CONFERENCE, timezone="Asia/Tokyo",
        start_date=FIRST_DAY, end_date=FIRST_DAY,
    )  # fmt: skip
    (session,) = do_save_session(
        other, actor=organiser, title="Only session", day=FIRST_DAY, start=dt.time(9),
        end=dt.time(10),
    )  # fmt: skip
    do_save_contribution(
        other, actor=organiser, title="Only talk", kind="talk", duration=20, session=session,
        start=session.start, speakers=[speakers[1]],
    )  # fmt: skip
    first, second, again = (
        read_programme(conference),
        read_programme(other),
        read_programme(conference),
    )
    assert [b.title for b in second.blocks] == ["Only session"]
    assert [(i.title, [s.id for s in i.speakers]) for i in second.items] == [
        ("Only talk", [speakers[1].pk])
    ]
    assert second.tracks == ()
    assert first == again
    assert [i.title for i in first.items] == [
        "Talk Track A 1", "Talk Track B 1", "Talk Track A 2", "Talk Track B 2",
    ]  # fmt: skip
    assert first.tracks == tuple(conference.tracks.values_list("id", "name"))
