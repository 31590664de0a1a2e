"""The fair timetable and the travel avoided, as organisers and participants use them."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.events.domain.changes import (
    do_create_event,
    do_save_contribution,
    do_save_session,
    do_update_event,
)
from science4peace.events.domain.fairness import propose, travel_avoided
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Contribution, Event
from science4peace.people.models import Person

from .conftest import make_users

DAY = dt.date(2026, 12, 7)
HOURS = (0, 6, 12, 18)  # UTC


@pytest.fixture
def workshop(organiser):
    """Four one-hour talks at 00, 06, 12 and 18 UTC; the one at 18:00 has a speaker in Los
    Angeles (awake there 06–22: 14–06 UTC in December)."""
    event = do_create_event(
        actor=organiser, title="Around the clock", kind=Event.Kind.WORKSHOP, timezone="UTC",
        start_date=DAY, end_date=DAY,
    )  # fmt: skip
    west = Person.objects.create(family_name="West", timezone="America/Los_Angeles")
    for hour in HOURS:
        (session,) = do_save_session(
            event, actor=organiser, title=f"At {hour}", day=DAY, start=dt.time(hour),
            end=dt.time(hour + 1) if hour < 23 else dt.time(23, 59),
        )  # fmt: skip
        do_save_contribution(
            event, actor=organiser, title=f"Talk at {hour:02d}", kind="talk", duration=60,
            session=session, start=dt.datetime.combine(DAY, dt.time(hour)),
            speakers=[west] if hour == 18 else [],
        )  # fmt: skip
    event.refresh_from_db()
    return event


def _register(event, zones_and_cities):
    users = make_users(len(zones_and_cities), "fair")
    for user, (zone, city) in zip(users, zones_and_cities, strict=True):
        do_register(event, user=user, consent=True, timezone_name=zone, city=city)
    return users


def test_participants_mark_interests_and_the_proposal_serves_them(client, workshop, organiser):
    users = _register(workshop, [("Asia/Tokyo", "Tokyo")] * 3 + [("Europe/Berlin", "Berlin")])
    wanted = Contribution.objects.get(event=workshop, title="Talk at 12")  # 21:00 in Tokyo
    for user in users[:3]:
        client.force_login(user)
        page = client.get(reverse("events:interests", args=[workshop.pk]))
        assert "Talk at 12" in page.content.decode()
        client.post(reverse("events:interests", args=[workshop.pk]), {"talk": [wanted.pk]})
    assert wanted.interested.count() == 3
    foreign = client.post(reverse("events:interests", args=[workshop.pk]), {"talk": ["x", 10**9]})
    assert foreign.status_code == 400  # not a contribution of this event: nothing saved
    assert "“x” is not a valid value." in html.unescape(foreign.content.decode())
    assert wanted.interested.count() == 3
    client.post(reverse("events:interests", args=[workshop.pk]), {})  # every box cleared
    assert wanted.interested.count() == 2
    client.post(reverse("events:interests", args=[workshop.pk]), {"talk": [wanted.pk]})

    proposal = propose(workshop, lambda1=0.3, lambda2=0.1)
    where = proposal.positions[proposal.assignment[proposal.talks.index(wanted)]]
    assert where.start.hour == 0  # 09:00 in Tokyo, where all who want it are awake
    assert proposal.proposed.ncg_mean > proposal.current.ncg_mean
    west_talk = proposal.talks.index(Contribution.objects.get(title="Talk at 18"))
    # never into the speaker's night: not 06 (22:00 in LA) nor 12 UTC (04:00)
    assert proposal.positions[proposal.assignment[west_talk]].start.hour in (0, 18)

    client.force_login(organiser)
    url = reverse("events:fair-timetable", args=[workshop.pk])
    page = client.get(url, {"lambda1": "0.3", "lambda2": "0.1"}).content.decode()
    assert 'id="fairness-metrics"' in page
    fields = dict(re.findall(r'name="(version|talks|to)" value="([^"]*)"', page))
    version = workshop.version
    applied = client.post(reverse("events:apply-fair-timetable", args=[workshop.pk]), fields)
    assert applied.status_code == 302
    wanted.refresh_from_db()
    assert wanted.start == dt.datetime.combine(DAY, dt.time(0), tzinfo=dt.UTC)
    workshop.refresh_from_db()
    assert workshop.version > version
    assert AuditEntry.objects.filter(action="event.fair_timetable").count() == 1
    # the same proposal again: the programme has changed, nothing is applied
    starts = list(Contribution.objects.order_by("pk").values_list("start", flat=True))
    again = client.post(
        reverse("events:apply-fair-timetable", args=[workshop.pk]), fields, follow=True
    )
    assert "The programme changed since the proposal" in again.content.decode()
    assert list(Contribution.objects.order_by("pk").values_list("start", flat=True)) == starts


def test_a_proposal_needs_registrants_and_organisers(client, workshop, other_user):
    client.force_login(workshop.roles.get().user)
    page = client.get(
        reverse("events:fair-timetable", args=[workshop.pk]), {"lambda1": "0.3", "lambda2": "0"}
    )
    assert page.status_code == 400
    assert "Nobody is registered yet" in page.content.decode()
    client.force_login(other_user)
    refused = client.get(reverse("events:fair-timetable", args=[workshop.pk]))
    assert refused.status_code == 403
    assert "Only the event&#x27;s organisers may do this." in refused.content.decode()
    starts = list(Contribution.objects.order_by("pk").values_list("start", flat=True))
    tampered = client.post(
        reverse("events:apply-fair-timetable", args=[workshop.pk]),
        {"version": workshop.version, "talks": "1", "to": "0"},
    )
    assert tampered.status_code == 403
    assert "Only the event&#x27;s organisers may do this." in tampered.content.decode()
    assert list(Contribution.objects.order_by("pk").values_list("start", flat=True)) == starts


def test_a_forged_proposal_changes_nothing(client, workshop, organiser):
    _register(workshop, [("Asia/Tokyo", "")])
    client.force_login(organiser)
    ids = ",".join(str(c.pk) for c in Contribution.objects.order_by("start", "id"))
    before = list(Contribution.objects.order_by("pk").values_list("start", flat=True))
    for to in ("0,0,1,2", "0,1,2", "a,b,c,d"):
        client.post(
            reverse("events:apply-fair-timetable", args=[workshop.pk]),
            {"version": workshop.version, "talks": ids, "to": to},
        )
    assert list(Contribution.objects.order_by("pk").values_list("start", flat=True)) == before


def test_travel_avoided_is_a_range_across_factor_tables(client, workshop, organiser):
    assert travel_avoided(workshop) is None  # no notional venue yet
    do_update_event(workshop, actor=organiser, venue_name="Geneva, Switzerland")
    _register(workshop, [("", "Tokyo"), ("", "Nairobi"), ("", "Atlantis")])
    avoided = travel_avoided(workshop)
    assert avoided.placed == 2
    assert avoided.unplaced == 1
    assert set(avoided.tonnes) == {"klower2020", "egu2019"}
    assert 0 < avoided.low < avoided.high
    page = client.get(reverse("events:detail", args=[workshop.pk])).content.decode()
    assert "Meeting online instead of in Geneva, Switzerland avoids" in page
    assert "1 city could not be placed." in page
    chart = client.get(reverse("events:travel-chart", args=[workshop.pk]))
    assert chart["Content-Type"] == "image/svg+xml"
    assert b"klower2020" in chart.content
    assert b"<script" not in chart.content


def test_a_venue_that_cannot_be_placed_saves_nothing(workshop, organiser):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="could not be placed"):
        do_update_event(workshop, actor=organiser, venue_name="Atlantis, Nowhere")
    workshop.refresh_from_db()
    assert workshop.venue_name == ""
    assert workshop.venue_lat is None
