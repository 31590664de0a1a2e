"""Every page form that changes state is posted through the test client, as a browser posts it
(the fields the page renders, with some changed): a good post makes the change, a bad post
changes nothing and answers a form error or a 4xx (issue 12, defect 10). The tests run outside a
wrapping transaction, as requests run in production, so that a lock taken outside a transaction
fails here as it failed on PostgreSQL. A URL whose view handles POST and has no case here fails
``test_every_post_handling_url_has_a_case``."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from science4peace.events.models import Contribution, Event, Session, Track
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Affiliation, Person
from tests.events.conftest import conference, organiser, speakers  # noqa: F401 — fixtures

CASES: dict[str, Callable[..., None]] = {}

# URL names whose views handle POST but are not page forms of ours (none so far).
NOT_PAGE_FORMS: dict[str, str] = {}

_POST = re.compile(
    r"require_POST|request\.method\s*==\s*\"POST\"|request\.POST|request\.FILES|submit\("
)


def _walk(resolver: URLResolver, namespace: str | None = None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            name = ":".join(n for n in (namespace, inner) if n) if inner else namespace
            yield from _walk(pattern, name)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


def post_handling_url_names() -> set[str]:
    """Our URL names whose view reads POST data or accepts only POST."""
    names = set()
    for namespace, pattern in _walk(get_resolver()):
        view = inspect.unwrap(pattern.callback)
        if not getattr(view, "__module__", "").startswith("science4peace."):
            continue
        if view.__module__ == "science4peace.api" or view.__module__.endswith(".api"):
            continue
        try:
            source = inspect.getsource(view)
        except (OSError, TypeError):
            continue
        if _POST.search(source):
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def case(name: str):
    def register(function: Callable[..., None]) -> Callable[..., None]:
        CASES[name] = function
        return function

    return register


class _Forms(HTMLParser):
    """The forms of a page as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._multiple = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    fields.setdefault(name, []).append(a.get("value") or "on")
                return
            fields[name] = [a.get("value") or ""]
        elif tag == "select" and name:
            self._select, self._first_option = name, None
            self._multiple = "multiple" in a
            fields.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value") or ""
            if "selected" in a:
                fields[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            fields = self.forms[-1]["fields"]
            # a browser sends a single select's first option when none is selected
            if not fields[self._select] and not self._multiple and self._first_option is not None:
                fields[self._select] = [self._first_option]
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea][0] += data.removeprefix("\n")


def post_form(client, page: str, changes: dict[str, Any], *, action: str | None = None):
    """GET ``page``, take the form that posts to ``action`` (default: the page itself), change
    ``changes`` in it and post it as a browser would."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    parser = _Forms()
    parser.feed(response.content.decode())
    target = action or page
    forms = [f for f in parser.forms if (f["action"] or page) == target]
    assert forms, (target, [f["action"] for f in parser.forms])
    data: dict[str, Any] = {
        k: v for k, v in forms[0]["fields"].items() if k != "csrfmiddlewaretoken"
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return client.post(target, data)


def refused(response) -> bool:
    """A form error (the page again, 200/400) or a 4xx, never a redirect to success."""
    return response.status_code in {200, 400, 403, 404, 405, 409, 413, 422}


# ---------------------------------------------------------------------------- events


@case("events:create")
def _create_event(client, get):
    organiser = get("organiser")
    client.force_login(organiser)
    page = reverse("events:create")
    before = Event.objects.count()
    bad = post_form(client, page, {"title": "", "timezone": "Mars/Olympus"})
    assert (refused(bad), Event.objects.count()) == (True, before)
    good = post_form(
        client,
        page,
        {
            "title": "Workshop on Detectors",
            "kind": "workshop",
            "timezone": "Asia/Tokyo",
            "start_date": "2026-12-01",
            "end_date": "2026-12-02",
        },
    )
    created = Event.objects.get(title="Workshop on Detectors")
    assert good.url == reverse("events:manage", args=[created.pk])


@case("events:manage")
def _edit_event(client, get):
    event, organiser = get("conference"), get("organiser")
    client.force_login(organiser)
    page = reverse("events:manage", args=[event.pk])
    bad = post_form(client, page, {"title": "", "end_date": "2020-01-01"})
    assert (refused(bad), Event.objects.get(pk=event.pk).title) == (True, event.title)
    good = post_form(client, page, {"title": "Renamed conference", "capacity": "250"})
    event.refresh_from_db()
    assert (good.url, event.title, event.capacity) == (page, "Renamed conference", 250)


@case("events:add-track")
def _add_track(client, get):
    event, organiser = get("conference"), get("organiser")
    client.force_login(organiser)
    page = reverse("events:manage", args=[event.pk])
    action = reverse("events:add-track", args=[event.pk])
    post_form(client, page, {"name": ""}, action=action)
    assert Track.objects.filter(event=event).count() == 2
    post_form(client, page, {"name": "Track C", "position": "2"}, action=action)
    assert list(Track.objects.filter(event=event).values_list("name", flat=True)) == [
        "Track A",
        "Track B",
        "Track C",
    ]


@case("events:new-session")
def _new_session(client, get):
    event, organiser = get("conference"), get("organiser")
    client.force_login(organiser)
    page = reverse("events:new-session", args=[event.pk])
    before = Session.objects.filter(event=event).count()
    bad = post_form(
        client, page, {"title": "Late", "day": "2026-10-24", "start": "18:00", "end": "17:00"}
    )
    assert (refused(bad), Session.objects.filter(event=event).count()) == (True, before)
    post_form(
        client,
        page,
        {"title": "Poster session", "day": "2026-10-24", "start": "17:00", "end": "18:00"},
    )
    assert Session.objects.filter(event=event, title="Poster session").count() == 1


@case("events:edit-session")
def _edit_session(client, get):
    event, organiser = get("conference"), get("organiser")
    session = Session.objects.filter(event=event, title="Track A day 1").get()
    client.force_login(organiser)
    page = reverse("events:edit-session", args=[event.pk, session.pk])
    bad = post_form(client, page, {"title": ""})
    assert (refused(bad), Session.objects.get(pk=session.pk).title) == (True, "Track A day 1")
    post_form(client, page, {"title": "Track A, first day"})
    assert Session.objects.get(pk=session.pk).title == "Track A, first day"


@case("events:new-contribution")
def _new_contribution(client, get):
    event, organiser = get("conference"), get("organiser")
    client.force_login(organiser)
    page = reverse("events:new-contribution", args=[event.pk])
    before = Contribution.objects.filter(event=event).count()
    bad = post_form(client, page, {"title": "Lightning", "kind": "talk", "duration": "0"})
    assert (refused(bad), Contribution.objects.filter(event=event).count()) == (True, before)
    post_form(client, page, {"title": "Lightning", "kind": "talk", "duration": "5"})
    assert Contribution.objects.filter(event=event, title="Lightning").count() == 1


@case("events:edit-contribution")
def _edit_contribution(client, get):
    event, organiser = get("conference"), get("organiser")
    talk = Contribution.objects.get(event=event, title="Talk Track A 1")
    client.force_login(organiser)
    page = reverse("events:edit-contribution", args=[event.pk, talk.pk])
    bad = post_form(client, page, {"duration": "-3"})
    assert (refused(bad), Contribution.objects.get(pk=talk.pk).duration) == (True, talk.duration)
    post_form(client, page, {"title": "Open data in practice"})
    assert Contribution.objects.get(pk=talk.pk).title == "Open data in practice"


@case("events:delete")
def _delete(client, get):
    event, organiser = get("conference"), get("organiser")
    talk = Contribution.objects.get(event=event, title="Talk Track A 1")
    client.force_login(organiser)
    bad = client.post(reverse("events:delete", args=[event.pk, "track", talk.pk]))
    assert (bad.status_code, Contribution.objects.filter(pk=talk.pk).exists()) == (404, True)
    client.post(reverse("events:delete", args=[event.pk, "contribution", talk.pk]))
    assert Contribution.objects.filter(pk=talk.pk).exists() is False


# ---------------------------------------------------------------------------- people


@case("people:me")
def _profile(client, get):
    user = get("user")
    client.force_login(user)
    page = reverse("people:me")
    post_form(client, page, {"given_name": "Ada", "family_name": "Lovelace"})
    bad = post_form(client, page, {"family_name": "", "timezone": "Mars/Olympus"})
    person = Person.objects.get(user=user)
    assert (refused(bad), person.family_name) == (True, "Lovelace")
    post_form(client, page, {"family_name": "King", "timezone": "Europe/London"})
    person.refresh_from_db()
    assert (person.family_name, person.timezone) == ("King", "Europe/London")


@case("people:add-affiliation")
def _add_affiliation(client, get):
    user, cern = get("user"), get("cern")
    client.force_login(user)
    page, action = reverse("people:me"), reverse("people:add-affiliation")
    post_form(client, page, {"family_name": "Lovelace"})
    bad = post_form(
        client,
        page,
        {"institution": str(cern.pk), "start": "2021-01-01", "end": "2020-01-01"},
        action=action,
    )
    assert (refused(bad), Affiliation.objects.count()) == (True, 0)
    post_form(
        client,
        page,
        {"institution": str(cern.pk), "role": "fellow", "kind": "primary", "start": "2020-01-01"},
        action=action,
    )
    assert list(Affiliation.objects.values_list("institution__name", "role")) == [
        ("CERN", "fellow")
    ]


@case("people:remove-affiliation")
def _remove_affiliation(client, get):
    user, other, cern = get("user"), get("other_user"), get("cern")
    mine = Affiliation.objects.create(
        person=Person.objects.create(user=user, family_name="A"),
        institution=cern,
        start=dt.date(2020, 1, 1),
    )
    theirs = Affiliation.objects.create(
        person=Person.objects.create(user=other, family_name="B"),
        institution=cern,
        start=dt.date(2020, 1, 1),
    )
    client.force_login(user)
    bad = client.post(reverse("people:remove-affiliation", args=[theirs.pk]))
    assert (bad.status_code, Affiliation.objects.count()) == (403, 2)
    action = reverse("people:remove-affiliation", args=[mine.pk])
    post_form(client, reverse("people:me"), {}, action=action)
    assert list(Affiliation.objects.all()) == [theirs]


@case("people:tokens")
def _create_token(client, get):
    user = get("user")
    client.force_login(user)
    page = reverse("people:tokens")
    bad = post_form(client, page, {"name": ""})
    assert (refused(bad), user.api_tokens.count()) == (True, 0)
    post_form(client, page, {"name": "laptop"})
    assert list(user.api_tokens.values_list("name", flat=True)) == ["laptop"]


@case("people:revoke-token")
def _revoke_token(client, get):
    user, other = get("user"), get("other_user")
    do_create_api_token(actor=user, name="mine")
    do_create_api_token(actor=other, name="theirs")
    theirs = other.api_tokens.get()
    client.force_login(user)
    bad = client.post(reverse("people:revoke-token", args=[theirs.pk]))
    assert (bad.status_code, other.api_tokens.count()) == (404, 1)
    mine = user.api_tokens.get()
    post_form(
        client, reverse("people:tokens"), {}, action=reverse("people:revoke-token", args=[mine.pk])
    )
    assert (user.api_tokens.count(), other.api_tokens.count()) == (0, 1)


# ---------------------------------------------------------------------------- the guard


def test_every_post_handling_url_has_a_case():
    missing = sorted(post_handling_url_names() - set(CASES) - set(NOT_PAGE_FORMS))
    assert missing == []


def test_every_case_names_a_post_handling_url():
    assert sorted(set(CASES) - post_handling_url_names()) == []


@pytest.mark.usefixtures("transactional_db")
@pytest.mark.parametrize("name", sorted(CASES))
def test_posting_the_page_form_changes_state_and_a_bad_post_changes_nothing(name, client, request):
    CASES[name](client, request.getfixturevalue)
