"""Query counts of the events lists, pinned with 1 and 3 items (STYLE.md rule 14): a list
that starts to query per row fails here."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from science4peace.events.domain.changes import do_create_event, do_save_contribution
from science4peace.events.domain.programme import forget_programmes
from science4peace.events.domain.registrations import do_decide, do_register
from science4peace.events.models import Contribution, Event
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Person
from tests.conftest import data_queries

from .conftest import FIRST_DAY, make_users


def _queries(client, url: str, **kwargs) -> int:
    cache.clear()
    forget_programmes()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(data_queries(queries))


def _bearer(user) -> dict[str, str]:
    _token, secret = do_create_api_token(actor=user, name="counts")
    return {"Authorization": f"Bearer {secret}"}


def _with_people(users) -> None:
    for n, u in enumerate(users):
        Person.objects.create(user=u, given_name="Given", family_name=f"Family{n}")


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_queries(client, organiser, count):
    for n in range(count):
        do_create_event(
            actor=organiser, title=f"E{n}", kind="workshop", timezone="UTC",
            start_date=dt.date(2027, 1, 1 + n), end_date=dt.date(2027, 1, 1 + n),
        )  # fmt: skip
    assert (_queries(client, reverse("events:list")), _queries(client, "/api/events")) == (1, 2)


@pytest.mark.parametrize("count", [1, 3])
def test_registrants_queries(client, conference, organiser, count):
    users = make_users(count, "r")
    _with_people(users[:1])
    for u in users:
        do_register(conference, user=u, consent=True)
    headers = _bearer(organiser)
    client.force_login(organiser)
    counts = (
        _queries(client, reverse("events:registrants", args=[conference.pk])),
        _queries(client, reverse("events:registrants-csv", args=[conference.pk])),
        _queries(client, f"/api/events/{conference.pk}/registrations", headers=headers),
    )
    # session, user, event, its roles (may review?), the registration form's questions, the
    # rows: the same for 1 and 3; the page also counts the header's unread notifications and
    # asks whether the viewer manages the event (the link to the questions)
    assert counts == (8, 6, 6)


@pytest.mark.parametrize("count", [1, 3])
def test_applications_queries(client, organiser, count):
    school = do_create_event(
        actor=organiser, title="School", kind=Event.Kind.SCHOOL, timezone="UTC",
        start_date=dt.date(2027, 7, 5), end_date=dt.date(2027, 7, 9),
    )  # fmt: skip
    users = make_users(2 * count, "a")
    _with_people(users)
    for n, u in enumerate(users):
        application, _new = do_register(school, user=u, consent=True, motivation=f"M{n}")
        if n % 2:
            do_decide(application, actor=organiser, accept=True)
    client.force_login(organiser)
    assert _queries(client, reverse("events:applications", args=[school.pk])) == 7  # + unread


@pytest.mark.parametrize("count", [1, 3])
def test_programme_queries(client, conference, organiser, speakers, count):
    session = conference.sessions.filter(kind="session").first()
    for n in range(count):
        do_save_contribution(
            conference, actor=organiser, title=f"Extra {n}", kind="talk", duration=5,
            session=session, start=dt.datetime.combine(FIRST_DAY, dt.time(14, 30 + n)),
            speakers=speakers,
        )  # fmt: skip
    conference.refresh_from_db()
    client.force_login(organiser)
    counts = (
        _queries(client, f"/api/events/{conference.pk}/programme"),
        _queries(client, reverse("events:manage", args=[conference.pk])),
    )
    # cold: the programme in three queries (contributions with their speakers, sessions,
    # tracks), after the event; the manage page also counts the header's unread notifications
    assert counts == (4, 8)


@pytest.mark.parametrize(("count", "expected"), [(1, 6), (3, 12)])
def test_my_agenda_queries(client, organiser, user, count, expected):
    """Each event's programme is read once (three queries, then kept by its version):
    cold, the agenda costs three queries per event it holds, no more."""
    for n in range(count):
        event = do_create_event(
            actor=organiser, title=f"E{n}", kind="workshop", timezone="UTC",
            start_date=dt.date(2027, 1, 1 + n), end_date=dt.date(2027, 1, 1 + n),
        )  # fmt: skip
        do_register(event, user=user, consent=True)
    client.force_login(user)
    assert _queries(client, reverse("events:my-agenda")) == expected


def test_interests_page_queries(client, conference, user):
    do_register(conference, user=user, consent=True)
    client.force_login(user)
    assert _queries(client, reverse("events:interests", args=[conference.pk])) == 7  # + unread


@pytest.mark.parametrize("count", [1, 3])
def test_timetable_and_exports_queries(client, conference, organiser, speakers, count):
    """Cold (no cached page, no programme kept in the process), each face of the programme
    reads the event and then the programme in three queries, however many talks and speakers:
    1 or 3 more talks with three speakers each, one with slides and a recording."""
    session = conference.sessions.filter(kind="session").first()
    for n in range(count):
        do_save_contribution(
            conference, actor=organiser, title=f"Extra {n}", kind="talk", duration=5,
            session=session, start=dt.datetime.combine(FIRST_DAY, dt.time(14, 30 + n)),
            speakers=speakers,
        )  # fmt: skip
    Contribution.objects.filter(title="Extra 0").update(
        slides="slides/2026/extra.pdf", recording_url="https://media.example.org/v/1"
    )
    conference.refresh_from_db()
    pk = conference.pk
    counts = [
        _queries(client, url)
        for url in (
            reverse("events:timetable", args=[pk]),
            reverse("events:schedule-xml", args=[pk]),
            reverse("events:schedule-json", args=[pk]),
            reverse("events:ics", args=[pk]),
            reverse("events:session-ics", args=[pk, session.pk]),
            f"/api/events/{pk}/programme",
        )
    ]
    assert counts == [4, 4, 4, 4, 4, 4]
