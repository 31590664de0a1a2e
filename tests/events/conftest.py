import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from science4peace.events.domain.changes import (
    do_create_event,
    do_save_contribution,
    do_save_session,
    do_save_track,
)
from science4peace.events.models import Event
from science4peace.people.models import Person

# Europe/Zurich leaves summer time on 2026-10-25: the conference spans the change.
FIRST_DAY = dt.date(2026, 10, 24)


@pytest.fixture
def organiser(db):
    return get_user_model().objects.create_user(
        username="olga", email="olga@example.org", password="organiser pass phrase 7"
    )


def make_users(count: int, prefix: str = "p") -> list:
    users = get_user_model().objects
    return [
        users.create_user(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org")
        for n in range(count)
    ]


@pytest.fixture
def speakers(db):
    return [
        Person.objects.create(
            given_name="Thandiwe", family_name="Mokoena", timezone="Africa/Johannesburg"
        ),
        Person.objects.create(given_name="Haruto", family_name="Sato", timezone="Asia/Tokyo"),
        Person.objects.create(
            given_name="Thiago", family_name="Oliveira", timezone="America/Sao_Paulo"
        ),
    ]


@pytest.fixture
def conference(organiser, speakers):
    """Two days across the end of summer time in Zurich, two tracks, one break."""
    event = do_create_event(
        actor=organiser,
        title="Online Conference on Open Data",
        kind=Event.Kind.CONFERENCE,
        timezone="Europe/Zurich",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + dt.timedelta(days=1),
        video=Event.Video.JITSI,
    )
    a = do_save_track(event, actor=organiser, name="Track A", position=0)
    b = do_save_track(event, actor=organiser, name="Track B", position=1)
    for offset in (0, 1):
        day = FIRST_DAY + dt.timedelta(days=offset)
        for track, speaker in ((a, speakers[0]), (b, speakers[1])):
            (session,) = do_save_session(
                event,
                actor=organiser,
                title=f"{track.name} day {offset + 1}",
                day=day,
                start=dt.time(14),
                end=dt.time(15),
                track=track,
            )
            do_save_contribution(
                event,
                actor=organiser,
                title=f"Talk {track.name} {offset + 1}",
                kind="talk",
                duration=30,
                session=session,
                start=dt.datetime.combine(day, dt.time(14)),
                speakers=[speaker],
            )
        do_save_session(
            event,
            actor=organiser,
            title="Break",
            day=day,
            start=dt.time(15),
            end=dt.time(15, 30),
            kind="break",
        )
    event.refresh_from_db()
    return event
