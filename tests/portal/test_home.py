"""The home page shows what is happening on the platform and, logged in, the person's own part."""

import datetime as dt

import pytest

from science4peace.events.domain.changes import do_create_event
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Event
from science4peace.portal.domain import queries

# a fixed moment (the page is asked at it through time_machine); the events are placed around it
NOW = dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC)
TODAY = NOW.date()


def _event(actor, title, start, days=1, registration_open=True, zone="Asia/Tokyo"):
    event = do_create_event(
        actor=actor,
        title=title,
        kind=Event.Kind.WORKSHOP,
        timezone=zone,
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
    )
    if not registration_open:
        Event.objects.filter(pk=event.pk).update(registration_open=False)
        event.refresh_from_db()
    return event


@pytest.fixture
def calendar(staff):
    return {
        "past": _event(staff, "Past school", TODAY - dt.timedelta(days=30), days=3),
        "running": _event(staff, "Running workshop", TODAY - dt.timedelta(days=1), days=4),
        "soon": _event(staff, "Soon seminar", TODAY + dt.timedelta(days=3)),
        "later": _event(staff, "Later conference", TODAY + dt.timedelta(days=40), days=3),
        "closed": _event(
            staff, "Closed meeting", TODAY + dt.timedelta(days=10), registration_open=False
        ),
    }


def _titles(events):
    return [event.title for event in events]


def test_overview_lists_running_next_and_open_events(calendar):
    overview = queries.overview(NOW)
    assert (
        _titles(overview.running),
        _titles(overview.upcoming),
        _titles(overview.registration_open),
    ) == (
        ["Running workshop"],
        ["Soon seminar", "Closed meeting", "Later conference"],
        ["Running workshop", "Soon seminar", "Later conference"],
    )


def test_overview_lists_the_newest_collaborations_and_papers(helix):
    overview = queries.overview(NOW)
    assert ([c.name for c in overview.collaborations], overview.papers) == (["HELIX"], [])


def test_running_and_next_are_by_the_date_in_each_events_zone(staff):
    day = TODAY + dt.timedelta(days=1)
    _event(staff, "Tokyo workshop", day, zone="Asia/Tokyo")
    _event(staff, "Los Angeles workshop", TODAY, zone="America/Los_Angeles")
    _event(staff, "UTC workshop", day, zone="UTC")
    # 20:00 UTC: already 05:00 tomorrow in Tokyo, still 12:00 today in Los Angeles
    evening = dt.datetime.combine(TODAY, dt.time(20), dt.UTC)
    overview = queries.overview(evening)
    assert (_titles(overview.running), _titles(overview.upcoming)) == (
        ["Los Angeles workshop", "Tokyo workshop"],
        ["UTC workshop"],
    )
    # 03:00 UTC tomorrow: the Los Angeles workshop runs there until 24:00 (07:00 UTC)
    night = dt.datetime.combine(day, dt.time(3), dt.UTC)
    overview = queries.overview(night)
    assert (_titles(overview.running), _titles(overview.registration_open)) == (
        ["Los Angeles workshop", "Tokyo workshop", "UTC workshop"],
        ["Los Angeles workshop", "Tokyo workshop", "UTC workshop"],
    )


def test_anonymous_visitors_get_no_dashboard(client, calendar, time_machine):
    time_machine.move_to(NOW, tick=False)
    response = client.get("/")
    text = response.content.decode()
    assert (response.status_code, "My part" in text, "Running workshop" in text) == (
        200,
        False,
        True,
    )


def test_dashboard_shows_my_events_collaborations_with_access_reasons(
    client, user, mover, helix, calendar, time_machine
):
    time_machine.move_to(NOW, tick=False)
    do_register(calendar["soon"], user=user, consent=True)
    do_register(calendar["past"], user=user, consent=True)
    dashboard = queries.dashboard(user, NOW)
    assert dashboard is not None
    assert [r.event.title for r in dashboard.registrations] == ["Soon seminar"]
    assert [(c.collaboration.name, c.allowed) for c in dashboard.collaborations] == [
        ("HELIX", False)
    ]
    assert dashboard.collaborations[0].reasons == [
        "accept the civil-use pledge v1 first",
    ]
    client.force_login(user)
    text = client.get("/").content.decode()
    assert ("My part" in text, "HELIX" in text, "pledge v1 first" in text) == (
        True,
        True,
        True,
    )


def test_an_account_without_a_person_gets_no_dashboard(other_user):
    assert queries.dashboard(other_user, NOW) is None


def test_home_page_queries_do_not_grow_with_the_number_of_events(
    client, staff, django_assert_max_num_queries, time_machine
):
    time_machine.move_to(NOW, tick=False)
    for index in range(12):
        _event(staff, f"Workshop {index}", TODAY + dt.timedelta(days=index))
    with django_assert_max_num_queries(14):
        response = client.get("/")
    assert response.status_code == 200
