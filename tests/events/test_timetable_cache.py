"""The timetable page is kept whole for anonymous visitors (core.interfaces.pagecache): each
still gets a working CSRF token of their own, and no visitor sees a stale programme."""

import datetime as dt
import re

from django.test import Client
from django.urls import reverse

from science4peace.core.interfaces.pagecache import PLACEHOLDER
from science4peace.events.domain.changes import do_save_contribution

from .conftest import FIRST_DAY

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _url(event):
    return reverse("events:timetable", args=[event.pk])


def test_every_anonymous_visitor_gets_a_token_of_their_own_that_works(conference):
    tokens = []
    for _visitor in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(_url(conference)).content.decode()
        assert PLACEHOLDER not in page
        (token,) = set(TOKEN.findall(page))
        tokens.append(token)
        switched = visitor.post(
            reverse("set_language"),
            {"language": "uk", "next": _url(conference), "csrfmiddlewaretoken": token},
        )
        assert switched.status_code == 302
        assert visitor.get(_url(conference)).content.decode().startswith("<!doctype html>")
    assert tokens[0] != tokens[1]


def test_a_programme_change_shows_at_once(client, conference, organiser, speakers):
    assert "Late addition" not in client.get(_url(conference)).content.decode()
    session = conference.sessions.filter(kind="session").first()
    do_save_contribution(
        conference,
        actor=organiser,
        title="Late addition",
        kind="talk",
        duration=5,
        session=session,
        start=dt.datetime.combine(FIRST_DAY, dt.time(15, 30)),
        speakers=speakers[:1],
    )
    assert "Late addition" in client.get(_url(conference)).content.decode()


def test_now_and_next_move_with_the_clock(client, conference, monkeypatch):
    first = dt.datetime(2026, 10, 24, 12, 10, tzinfo=dt.UTC)  # 14:10 in Zurich, day 1
    monkeypatch.setattr("django.utils.timezone.now", lambda: first)
    assert "Talk Track A 1" in _now_block(client.get(_url(conference)))
    later = dt.datetime(2026, 10, 24, 12, 35, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert "Talk Track A 1" not in _now_block(client.get(_url(conference)))


def _now_block(response) -> str:
    return response.content.decode().split('class="now-next"')[1].split("</aside>")[0]


def test_logged_in_visitors_and_waiting_messages_get_their_own_page(client, conference, user):
    client.get(_url(conference))  # now cached for anonymous visitors
    client.force_login(user)
    assert "Log out" in client.get(_url(conference)).content.decode()
    client.post(reverse("account_logout"))  # leaves "You have signed out." for the next page
    page = client.get(_url(conference)).content.decode()
    assert "You have signed out." in page
    assert "Log out" not in page
    assert "You have signed out." not in client.get(_url(conference)).content.decode()
