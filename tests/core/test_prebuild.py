"""Public pages built inside the transaction of the change that renews them (issue 17, point 3):
the commit hook of ``core.db`` runs ``pagewarm.prebuild``, so with the database cache the new
pages appear together with the change and the next visitor finds them ready. These tests commit
for real (the project's ``transactional_db``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from science4peace.core.domain import pagetopics
from science4peace.events.interfaces.forms import ContributionForm
from science4peace.events.models import Contribution, Event, Registration, Session

pytestmark = pytest.mark.usefixtures("transactional_db")


@pytest.fixture
def talk(event):
    begin = dt.datetime(2027, 5, 3, 7, 0, tzinfo=dt.UTC)
    session = Session.objects.create(
        event=event, title="Morning", start=begin, end=begin + dt.timedelta(hours=2)
    )
    return Contribution.objects.create(
        event=event, session=session, title="First title", duration=20, start=begin
    )


@pytest.fixture
def organiser(staff):
    client = Client()
    client.force_login(staff)
    return client


def _edit(organiser, talk, **changes):
    """The organiser's form, sent back with ``changes``."""
    form = ContributionForm(event=talk.event, contribution=talk)
    data = {field.name: field.value() or "" for field in form} | changes
    url = reverse("events:edit-contribution", args=[talk.event_id, talk.pk])
    return organiser.post(url, data)


def _visit(client, pages):
    answers = [client.get(path, HTTP_ACCEPT_LANGUAGE=language) for path, language in pages]
    return [(got["S4P-Page-Cache"], "Renamed talk" in got.content.decode()) for got in answers]


def _pages(event):
    """The timetable in three variants: the event's zone in English and in Russian, Tokyo."""
    timetable = reverse("events:timetable", args=[event.pk])
    return [(timetable, "en"), (timetable, "ru"), (timetable + "?tz=Asia/Tokyo", "en")]


def test_a_programme_change_commits_with_its_pages_already_built(client, organiser, talk):
    pages = _pages(talk.event)
    _visit(client, pages)  # the pages visitors ask for
    sent = _edit(organiser, talk, title="Renamed talk")
    assert (sent.status_code, _visit(client, pages)) == (302, [("hit", True)] * 3)


def test_without_prebuilding_the_first_visitor_after_a_change_renders(
    client, organiser, talk, settings
):
    settings.S4P_PAGE_PREBUILD = 0
    pages = _pages(talk.event)
    _visit(client, pages)
    _edit(organiser, talk, title="Renamed talk")
    assert _visit(client, pages) == [("miss", True)] * 3


def test_only_the_most_recently_built_pages_are_built_in_the_change(
    client, organiser, talk, settings
):
    settings.S4P_PAGE_PREBUILD = 2
    pages = _pages(talk.event)
    _visit(client, pages)  # Tokyo was built last, then the Russian timetable
    _edit(organiser, talk, title="Renamed talk")
    assert _visit(client, pages) == [("miss", True), ("hit", True), ("hit", True)]


def test_a_change_that_hides_the_pages_commits_and_builds_none(client, organiser, talk):
    pages = _pages(talk.event)
    _visit(client, pages)
    with transaction.atomic():
        Event.objects.filter(pk=talk.event_id).update(visibility=Event.Visibility.PRIVATE)
        talk.title = "Renamed talk"
        talk.save()
    answers = [client.get(path).status_code for path, _language in pages]
    assert (Contribution.objects.get(pk=talk.pk).title, answers) == (
        "Renamed talk",
        [404, 404, 404],
    )


def test_registrations_leave_their_pages_to_the_worker(client, talk, user):
    page = reverse("events:detail", args=[talk.event_id])
    client.get(page)
    with transaction.atomic():
        Registration.objects.create(
            event=talk.event,
            user=user,
            status=Registration.Status.REGISTERED,
            queued_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
            consent_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        )
    assert client.get(page)["S4P-Page-Cache"] == "miss"


def test_with_the_database_cache_a_change_is_published_once_with_the_data():
    first = pagetopics.tokens(["demo"])
    with transaction.atomic():
        pagetopics.changed("demo")
        during = pagetopics.tokens(["demo"])
    after = pagetopics.tokens(["demo"])
    assert (first != during, during == after) == (True, True)


def test_with_another_cache_a_change_is_published_again_when_it_commits(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    first = pagetopics.tokens(["demo"])
    with transaction.atomic():
        pagetopics.changed("demo")
        during = pagetopics.tokens(["demo"])
    after = pagetopics.tokens(["demo"])
    assert len({first, during, after}) == 3
