"""The permission funnel: what each actor obtains from ``domain.access``, and which of the two
errors says no (404: may not know it exists; 403: may see it but not do this)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from science4peace.events.domain import queries
from science4peace.events.domain.access import (
    access_application,
    access_certificate,
    access_contribution,
    access_event,
    access_participation,
    access_session,
)
from science4peace.events.domain.changes import do_set_role
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Contribution, Event, EventRole
from science4peace.people.models import Person

from .conftest import FIRST_DAY, make_users


@pytest.fixture
def committee(conference, organiser):
    (member,) = make_users(1, "committee")
    do_set_role(conference, actor=organiser, user=member, role=EventRole.Role.COMMITTEE)
    return member


def _refusal(call) -> tuple[type, str]:
    with pytest.raises((Http404, PermissionDenied)) as caught:
        call()
    return caught.type, str(caught.value)


def test_a_public_event_is_seen_by_all_and_managed_by_its_organisers(
    conference, organiser, committee, user
):
    anonymous = AnonymousUser()
    assert access_event(anonymous, conference.pk) == conference
    assert access_event(committee, conference.pk, to="review") == conference
    assert access_event(organiser, conference.pk, to="manage") == conference
    assert _refusal(lambda: access_event(committee, conference.pk, to="manage")) == (
        PermissionDenied,
        "Only the event's organisers may do this.",
    )
    assert _refusal(lambda: access_event(user, conference.pk, to="review")) == (
        PermissionDenied,
        "Only the organisers and the programme committee may do this.",
    )
    assert _refusal(lambda: access_event(user, 10**9)) == (Http404, "No such event.")


def test_a_private_event_does_not_exist_for_those_without_a_role(
    conference, organiser, committee, user
):
    Event.objects.filter(pk=conference.pk).update(visibility=Event.Visibility.PRIVATE)
    for to in ("see", "review", "manage"):
        assert _refusal(lambda to=to: access_event(user, conference.pk, to=to)) == (
            Http404,
            "No such event.",
        )
    assert access_event(committee, conference.pk, to="review").pk == conference.pk


def test_objects_of_another_event_are_not_found(conference, organiser, speakers):
    other = Event.objects.create(
        title="Other", start_date=FIRST_DAY, end_date=FIRST_DAY, timezone="UTC"
    )
    contribution = Contribution.objects.create(event=other, title="Elsewhere")
    session = other.sessions.create(
        title="S",
        start=dt.datetime(2026, 10, 24, 9, tzinfo=dt.UTC),
        end=dt.datetime(2026, 10, 24, 10, tzinfo=dt.UTC),
    )
    assert _refusal(lambda: access_contribution(organiser, conference.pk, contribution.pk)) == (
        Http404,
        "No such contribution.",
    )
    assert _refusal(lambda: access_session(organiser, conference.pk, session.pk)) == (
        Http404,
        "No such session.",
    )
    assert _refusal(lambda: access_application(organiser, conference.pk, "NOCODE")) == (
        Http404,
        "No such application.",
    )


def test_speakers_present_their_own_contributions_only(conference, speakers, user):
    Person.objects.filter(pk=speakers[0].pk).update(user=user)
    user.refresh_from_db()
    own = Contribution.objects.filter(event=conference, speakers=speakers[0]).first()
    other = Contribution.objects.filter(event=conference, speakers=speakers[1]).first()
    assert access_contribution(user, conference.pk, own.pk, to="present") == own
    assert _refusal(lambda: access_contribution(user, conference.pk, other.pk, to="present")) == (
        PermissionDenied,
        "Only the speakers and organisers may do this.",
    )
    assert [c.title for c in queries.spoken_by(user, conference)] == [
        "Talk Track A 1",
        "Talk Track A 2",
    ]
    assert queries.is_speaker(user, conference, session=own.session)
    assert not queries.is_speaker(user, conference, session=other.session)
    assert not queries.is_speaker(AnonymousUser(), conference)


def test_certificates_from_the_first_day_for_participants_and_speakers(conference, user):
    do_register(conference, user=user, consent=True)
    before = dt.datetime.combine(FIRST_DAY, dt.time(12), dt.UTC) - dt.timedelta(days=1)
    during = dt.datetime.combine(FIRST_DAY, dt.time(12), dt.UTC)
    assert _refusal(
        lambda: access_certificate(user, conference.pk, kind="attendance", now=before)
    ) == (PermissionDenied, "Certificates are issued from the first day of the event.")
    grant = access_certificate(user, conference.pk, kind="attendance", now=during)
    assert (grant.event, grant.name, grant.contributions) == (conference, "ada", ())
    assert _refusal(
        lambda: access_certificate(user, conference.pk, kind="presentation", now=during)
    ) == (PermissionDenied, "Certificates of presentation are for the event's speakers.")


def test_the_first_day_of_certificates_is_the_first_day_in_the_events_zone(conference, user):
    do_register(conference, user=user, consent=True)
    # 00:30 on the first day in Zurich (UTC+2) is still the day before in UTC
    zurich_first_morning = dt.datetime.combine(FIRST_DAY, dt.time(22, 30), dt.UTC) - dt.timedelta(
        days=1
    )
    grant = access_certificate(user, conference.pk, kind="attendance", now=zurich_first_morning)
    assert grant.event == conference
    # 03:00 UTC on the first day is still the evening before in Los Angeles (UTC-7)
    Event.objects.filter(pk=conference.pk).update(timezone="America/Los_Angeles")
    los_angeles_evening_before = dt.datetime.combine(FIRST_DAY, dt.time(3), dt.UTC)
    assert _refusal(
        lambda: access_certificate(
            user, conference.pk, kind="attendance", now=los_angeles_evening_before
        )
    ) == (PermissionDenied, "Certificates are issued from the first day of the event.")


def test_only_participants_mark_interests(conference, user):
    assert _refusal(lambda: access_participation(user, conference.pk)) == (
        PermissionDenied,
        "Only registered participants mark their interests.",
    )
    registration, _new = do_register(conference, user=user, consent=True)
    assert access_participation(user, conference.pk) == registration
