"""Nothing is deleted or withdrawn in one click: the first GET asks "Are you sure?", the POST
of its form acts. And the certificate link shows only when a certificate can be had."""

import datetime as dt

from django.urls import reverse

from science4peace.events.domain.registrations import do_register
from science4peace.events.models import Contribution, Registration, Session

from .conftest import FIRST_DAY

BEFORE = dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
DURING = dt.datetime(2026, 10, 24, 12, tzinfo=dt.UTC)
# 00:30 on the first day in the conference's zone, Europe/Zurich (UTC+2): the day before in UTC
FIRST_MORNING_IN_ZURICH = dt.datetime(2026, 10, 23, 22, 30, tzinfo=dt.UTC)


def test_withdrawing_asks_first(client, conference, user):
    do_register(conference, user=user, consent=True)
    client.force_login(user)
    url = reverse("events:withdraw", args=[conference.pk])
    page = client.get(url)
    assert (page.status_code, b"Are you sure?" in page.content) == (200, True)
    assert Registration.objects.get(user=user).status == "registered"
    client.post(url)
    assert Registration.objects.get(user=user).status == "withdrawn"


def test_deleting_a_contribution_asks_first(client, conference, organiser):
    talk = Contribution.objects.filter(event=conference).order_by("id").first()
    client.force_login(organiser)
    url = reverse("events:delete", args=[conference.pk, "contribution", talk.pk])
    page = client.get(url)
    assert f"Delete “{talk.title}”?" in page.content.decode()
    assert Contribution.objects.filter(pk=talk.pk).exists()
    client.post(url)
    assert not Contribution.objects.filter(pk=talk.pk).exists()


def test_deleting_a_session_asks_first(client, conference, organiser):
    session = Session.objects.filter(event=conference).order_by("id").first()
    client.force_login(organiser)
    url = reverse("events:delete", args=[conference.pk, "session", session.pk])
    assert b"Are you sure?" in client.get(url).content
    assert Session.objects.filter(pk=session.pk).exists()


def test_the_manage_page_links_to_confirmation_pages(client, conference, organiser):
    client.force_login(organiser)
    page = client.get(reverse("events:manage", args=[conference.pk])).content.decode()
    session = Session.objects.filter(event=conference).order_by("id").first()
    assert (
        f'<a href="{reverse("events:delete", args=[conference.pk, "session", session.pk])}">'
        in page
    )
    assert 'action="/events/' not in page.split("Programme")[1].split("</table>")[0]


def test_certificate_link_waits_for_the_first_day(client, conference, user, monkeypatch):
    do_register(conference, user=user, consent=True)
    client.force_login(user)
    url = reverse("events:detail", args=[conference.pk])
    certificate = reverse("events:certificate", args=[conference.pk, "attendance"])
    monkeypatch.setattr("django.utils.timezone.now", lambda: BEFORE)
    before = client.get(url).content.decode()
    assert (certificate in before, f"available from <bdi>{FIRST_DAY:%Y-%m-%d}</bdi>" in before) == (
        False,
        True,
    )
    for now in (FIRST_MORNING_IN_ZURICH, DURING):
        monkeypatch.setattr("django.utils.timezone.now", lambda now=now: now)
        during = client.get(url).content.decode()
        assert (now, certificate in during, "available from" in during) == (now, True, False)
