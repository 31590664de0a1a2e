"""Every page form that changes state is posted through the test client, as a browser posts it
(the fields the page renders, with some changed): a good post makes the change, a bad post
changes nothing and answers a form error or a 4xx (issue 12, defect 10). The tests run outside a
wrapping transaction, as requests run in production, so that a lock taken outside a transaction
fails here as it failed on PostgreSQL. A URL whose view handles POST and has no case here fails
``test_every_post_handling_url_has_a_case``."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from science4peace.catalog.models import Record
from science4peace.collaborations.domain import joining
from science4peace.collaborations.models import (
    Collaboration,
    JoinRequest,
    MemberInstitution,
    Membership,
    PledgeAcceptance,
    Resource,
    WorkContribution,
)
from science4peace.core.models import AuditEntry, OutgoingMail
from science4peace.events.domain import queries as event_queries
from science4peace.events.domain import questions as event_questions
from science4peace.events.domain.changes import do_create_event, do_set_role
from science4peace.events.domain.registrations import do_register
from science4peace.events.models import (
    Contribution,
    Event,
    EventMessage,
    Registration,
    Session,
    Track,
)
from science4peace.notifications.domain.notify import notify
from science4peace.notifications.domain.tokens import make_token
from science4peace.notifications.models import ChannelPreference, MailSettings, Notification
from science4peace.papers.domain import changes as papers_changes
from science4peace.papers.domain import signoffs
from science4peace.papers.models import Draft, Paper, Signoff
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Affiliation, Person
from science4peace.projects.domain import changes as projects_changes
from science4peace.projects.domain import profiles
from science4peace.projects.models import Project, ProjectMember
from science4peace.review.domain import assignment as review_assignment
from science4peace.review.domain import calls as review_calls
from science4peace.review.domain import queries as review_queries
from science4peace.review.domain import reviews as review_reviews
from science4peace.review.domain import schools as review_schools
from science4peace.review.models import Assignment as ReviewAssignment
from science4peace.review.models import Call as ReviewCall
from science4peace.review.models import Comment as ReviewComment
from science4peace.review.models import Offer as ReviewOffer
from science4peace.review.models import Review as ReviewReview
from science4peace.review.models import School as ReviewSchool
from science4peace.review.models import Submission as ReviewSubmission
from science4peace.spaces.models import (
    Announcement,
    Block,
    Message,
    MessageSettings,
    Space,
    Thread,
    ThreadSubscription,
)
from tests.catalog.conftest import RECORDS
from tests.events.conftest import conference, make_users, organiser, speakers  # noqa: F401 — fixtures
from tests.events.test_fairness import workshop  # noqa: F401 — fixture
from tests.events.test_indico import EXPORT as INDICO_EXPORT
from tests.projects.conftest import dimuon, joiner, lead, project  # noqa: F401 — fixtures
from tests.review.conftest import (  # noqa: F401 — fixtures
    call_fixture,
    event_fixture,
    institutions_fixture,
    reviewers_fixture,
    submitters_fixture,
)
from tests.review.conftest import submit as review_submit
from tests.spaces.conftest import (  # noqa: F401 — fixtures
    space,
    space_admin,
    space_collaboration,
    space_colleague,
    space_institute,
    space_member,
    space_outsider,
    space_thread,
)

CASES: dict[str, Callable[..., None]] = {}

# URL names whose views handle POST but are not page forms of ours (none so far).
NOT_PAGE_FORMS: dict[str, str] = {}

_POST = re.compile(
    r"require_POST|request\.method\s*[!=]=\s*\"POST\"|request\.POST|request\.FILES|submit\("
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


def post_form(
    client,
    page: str,
    changes: dict[str, Any],
    *,
    action: str | None = None,
    having: tuple[str, str] | str | None = None,
):
    """GET ``page``, take the form that posts to ``action`` (default: the page itself) and
    has the field ``having`` (a name, or a name and its value), change ``changes`` in it and
    post it as a browser would."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    parser = _Forms()
    parser.feed(response.content.decode())
    target = action or page
    forms = [f for f in parser.forms if (f["action"] or page).split("?")[0] == target]
    if isinstance(having, str):
        forms = [f for f in forms if having in f["fields"]]
    elif having is not None:
        forms = [f for f in forms if f["fields"].get(having[0]) == [having[1]]]
    assert forms, (target, [f["action"] for f in parser.forms])
    data: dict[str, Any] = {
        k: v for k, v in forms[0]["fields"].items() if k != "csrfmiddlewaretoken"
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return client.post(forms[0]["action"] or page, data)


def refused(response) -> bool:
    """A form error (the page again, 200/400) or a 4xx, never a redirect to success."""
    return response.status_code in {200, 400, 403, 404, 405, 409, 413, 422}


# ---------------------------------------------------------------------------- events


@case("events:create")
def _create_event(client, get):
    manager = get("organiser")
    client.force_login(manager)
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
    event, manager = get("conference"), get("organiser")
    client.force_login(manager)
    page = reverse("events:manage", args=[event.pk])
    bad = post_form(client, page, {"title": "", "end_date": "2020-01-01"})
    assert (refused(bad), Event.objects.get(pk=event.pk).title) == (True, event.title)
    good = post_form(client, page, {"title": "Renamed conference", "capacity": "250"})
    event.refresh_from_db()
    assert (good.url, event.title, event.capacity) == (page, "Renamed conference", 250)


@case("events:add-track")
def _add_track(client, get):
    event, manager = get("conference"), get("organiser")
    client.force_login(manager)
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
    event, manager = get("conference"), get("organiser")
    client.force_login(manager)
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
    event, manager = get("conference"), get("organiser")
    session = Session.objects.filter(event=event, title="Track A day 1").get()
    client.force_login(manager)
    page = reverse("events:edit-session", args=[event.pk, session.pk])
    bad = post_form(client, page, {"title": ""})
    assert (refused(bad), Session.objects.get(pk=session.pk).title) == (True, "Track A day 1")
    post_form(client, page, {"title": "Track A, first day"})
    assert Session.objects.get(pk=session.pk).title == "Track A, first day"


@case("events:new-contribution")
def _new_contribution(client, get):
    event, manager = get("conference"), get("organiser")
    client.force_login(manager)
    page = reverse("events:new-contribution", args=[event.pk])
    before = Contribution.objects.filter(event=event).count()
    bad = post_form(client, page, {"title": "Lightning", "kind": "talk", "duration": "0"})
    assert (refused(bad), Contribution.objects.filter(event=event).count()) == (True, before)
    post_form(client, page, {"title": "Lightning", "kind": "talk", "duration": "5"})
    assert Contribution.objects.filter(event=event, title="Lightning").count() == 1


@case("events:edit-contribution")
def _edit_contribution(client, get):
    event, manager = get("conference"), get("organiser")
    talk = Contribution.objects.get(event=event, title="Talk Track A 1")
    client.force_login(manager)
    page = reverse("events:edit-contribution", args=[event.pk, talk.pk])
    bad = post_form(client, page, {"duration": "-3"})
    assert (refused(bad), Contribution.objects.get(pk=talk.pk).duration) == (True, talk.duration)
    post_form(client, page, {"title": "Open data in practice"})
    assert Contribution.objects.get(pk=talk.pk).title == "Open data in practice"


@case("events:delete")
def _delete(client, get):
    event, manager = get("conference"), get("organiser")
    talk = Contribution.objects.get(event=event, title="Talk Track A 1")
    client.force_login(manager)
    bad = client.post(reverse("events:delete", args=[event.pk, "track", talk.pk]))
    assert (bad.status_code, Contribution.objects.filter(pk=talk.pk).exists()) == (404, True)
    page = reverse("events:delete", args=[event.pk, "contribution", talk.pk])
    assert (client.get(page).status_code, Contribution.objects.filter(pk=talk.pk).exists()) == (
        200,
        True,
    )
    post_form(client, page, {})  # the confirmation page's form
    assert Contribution.objects.filter(pk=talk.pk).exists() is False


@case("events:register")
def _register(client, get):
    event, user = get("conference"), get("user")
    client.force_login(user)
    page = reverse("events:detail", args=[event.pk])
    action = reverse("events:register", args=[event.pk])
    bad = post_form(client, page, {"consent": None, "timezone": "Asia/Tokyo"}, action=action)
    assert (refused(bad), event.registrations.count()) == (True, 0)
    post_form(client, page, {"consent": "on", "timezone": "Asia/Tokyo"}, action=action)
    assert list(event.registrations.values_list("user", "status", "timezone")) == [
        (user.pk, "registered", "Asia/Tokyo")
    ]
    assert list(OutgoingMail.objects.values_list("recipients", flat=True)) == [user.email]


@case("events:withdraw")
def _withdraw(client, get):
    event, user, other = get("conference"), get("user"), get("other_user")
    do_register(event, user=user, consent=True)
    client.force_login(other)
    client.post(reverse("events:withdraw", args=[event.pk]))  # not registered: nothing to do
    assert list(event.registrations.values_list("status", flat=True)) == ["registered"]
    client.force_login(user)
    post_form(client, reverse("events:withdraw", args=[event.pk]), {})  # the confirmation page
    assert list(event.registrations.values_list("status", flat=True)) == ["withdrawn"]


@case("events:interests")
def _interests(client, get):
    event, user = get("conference"), get("user")
    do_register(event, user=user, consent=True)
    talk = Contribution.objects.get(event=event, title="Talk Track A 1")
    client.force_login(user)
    page = reverse("events:interests", args=[event.pk])
    bad = post_form(client, page, {"talk": ["x", str(10**9)]})
    assert (refused(bad), talk.interested.count()) == (True, 0)
    post_form(client, page, {"talk": [str(talk.pk)]})
    assert list(talk.interested.values_list("user", flat=True)) == [user.pk]


@case("events:apply-fair-timetable")
def _apply_fair_timetable(client, get):
    fair, manager = get("workshop"), get("organiser")
    zones = [("Asia/Tokyo", "Tokyo")] * 3 + [("Europe/Berlin", "Berlin")]
    for member, (zone, city) in zip(make_users(4, "fair"), zones, strict=True):
        do_register(fair, user=member, consent=True, timezone_name=zone, city=city)
    client.force_login(manager)
    starts = list(Contribution.objects.order_by("pk").values_list("start", flat=True))
    page = reverse("events:fair-timetable", args=[fair.pk]) + "?lambda1=0.3&lambda2=0.1"
    action = reverse("events:apply-fair-timetable", args=[fair.pk])
    stale = post_form(client, page, {"version": str(fair.version - 1)}, action=action)
    assert (stale.status_code, starts) == (
        302,
        list(Contribution.objects.order_by("pk").values_list("start", flat=True)),
    )
    post_form(client, page, {}, action=action)
    assert list(Contribution.objects.order_by("pk").values_list("start", flat=True)) != starts
    assert AuditEntry.objects.filter(action="event.fair_timetable").count() == 1


@case("events:materials")
def _materials(client, get):
    event, manager = get("conference"), get("organiser")
    talk = Contribution.objects.get(event=event, title="Talk Track A 1")
    client.force_login(manager)
    page = reverse("events:materials", args=[event.pk, talk.pk])
    bad = post_form(client, page, {"recording_url": "not a link at all"})
    assert (refused(bad), Contribution.objects.get(pk=talk.pk).recording_url) == (True, "")
    post_form(client, page, {"recording_url": "https://v.example.org/1"})
    assert Contribution.objects.get(pk=talk.pk).recording_url == "https://v.example.org/1"


@case("events:decide")
def _decide(client, get):
    manager, user = get("organiser"), get("user")
    school = do_create_event(
        actor=manager,
        title="Summer School",
        kind=Event.Kind.SCHOOL,
        timezone="Asia/Kolkata",
        start_date=dt.date(2027, 7, 5),
        end_date=dt.date(2027, 7, 9),
    )
    application, _new = do_register(school, user=user, consent=True, motivation="To learn.")
    page = reverse("events:applications", args=[school.pk])
    action = reverse("events:decide", args=[school.pk, application.code])
    client.force_login(user)
    assert client.post(action, {"decision": "accept"}).status_code in {403, 404}
    client.force_login(manager)
    post_form(client, page, {"decision": "maybe"}, action=action)
    assert Registration.objects.get(pk=application.pk).status == "applied"
    post_form(client, page, {"decision": "accept"}, action=action)
    assert Registration.objects.get(pk=application.pk).status == "registered"


@case("events:import-indico")
def _import_indico(client, get):
    manager = get("organiser")
    client.force_login(manager)
    page = reverse("events:import-indico")
    bad = post_form(client, page, {"file": SimpleUploadedFile("e.json", b'{"results": 5}')})
    assert (refused(bad), Event.objects.count()) == (True, 0)
    export = json.dumps(INDICO_EXPORT).encode()
    good = post_form(client, page, {"file": SimpleUploadedFile("e.json", export)})
    event = Event.objects.get()
    assert good.url == reverse("events:manage", args=[event.pk])


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
    post_form(client, action, {})  # the confirmation page's form
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
    post_form(client, reverse("people:revoke-token", args=[mine.pk]), {})  # the confirmation
    assert (user.api_tokens.count(), other.api_tokens.count()) == (0, 1)


# ---------------------------------------------------------------------------- collaborations


@case("collaborations:pledge")
def _pledge(client, get):
    user = get("user")
    Person.objects.create(user=user, family_name="Lovelace")
    page = reverse("collaborations:pledge")
    anonymous = client.post(page)
    assert (anonymous.url.startswith("/accounts/login/"), PledgeAcceptance.objects.count()) == (
        True,
        0,
    )
    client.force_login(user)
    post_form(client, page, {})
    assert list(PledgeAcceptance.objects.values_list("person__user", flat=True)) == [user.pk]


@case("collaborations:end-membership")
def _end_membership(client, get):
    staff, helix, mover = get("staff"), get("helix"), get("mover")
    current = Membership.objects.get(person=mover, end__isnull=True)
    page = reverse("collaborations:members", args=[helix.pk])
    action = reverse("collaborations:end-membership", args=[helix.pk, current.pk])
    client.force_login(staff)
    post_form(client, page, {"end": "2020-01-01"}, action=action)
    assert Membership.objects.get(pk=current.pk).end is None
    post_form(client, page, {"end": "2026-06-30"}, action=action)
    assert Membership.objects.get(pk=current.pk).end == dt.date(2026, 6, 30)


@case("collaborations:contributions")
def _submit_contribution(client, get):
    user, helix = get("user"), get("helix")
    get("mover")
    page = reverse("collaborations:contributions", args=[helix.pk])
    client.force_login(user)
    before = WorkContribution.objects.count()
    good = {"kind": "software", "description": "Trigger firmware", "start": "2020-02-01"}
    bad = post_form(client, page, {**good, "start": "2001-01-01"}, having="description")
    assert (refused(bad), WorkContribution.objects.count()) == (True, before)
    post_form(client, page, good, having="description")
    assert WorkContribution.objects.get(description="Trigger firmware").status == "pending"


@case("collaborations:decide-contribution")
def _decide_contribution(client, get):
    user, staff, helix, mover = get("user"), get("staff"), get("helix"), get("mover")
    pending = WorkContribution.objects.create(
        collaboration=helix,
        person=mover,
        kind="software",
        description="Trigger firmware",
        start=dt.date(2020, 2, 1),
    )
    action = reverse("collaborations:decide-contribution", args=[helix.pk, pending.pk])
    client.force_login(user)
    bad = client.post(action, {"decision": "confirm"})
    assert (bad.status_code, WorkContribution.objects.get(pk=pending.pk).status) == (
        403,
        "pending",
    )
    client.force_login(staff)
    page = reverse("collaborations:contributions", args=[helix.pk])
    post_form(client, page, {"decision": "confirm"}, action=action)  # the button pressed
    assert WorkContribution.objects.get(pk=pending.pk).status == "confirmed"


@case("collaborations:manage")
def _manage_collaboration(client, get):
    staff, helix, jinr = get("staff"), get("helix"), get("jinr")
    person = Person.objects.create(family_name="Sokolov")
    page = reverse("collaborations:manage", args=[helix.pk])
    client.force_login(staff)
    membership = {
        "m-person": str(person.pk),
        "m-institution": str(jinr.pk),
        "m-start": "2020-01-01",
    }
    # the person and the institution as their pickers post them once chosen (a radio button)
    bad = post_form(client, page, {**membership, "m-start": "not a date"}, having="m-person-q")
    assert (refused(bad), Membership.objects.filter(person=person).count()) == (True, 0)
    post_form(client, page, membership, having="m-person-q")
    assert list(Membership.objects.filter(person=person).values_list("institution", flat=True)) == [
        jinr.pk
    ]
    resource = {"r-title": "Run 4 data", "r-url": "https://data.example.org/r4"}
    bad = post_form(client, page, {**resource, "r-title": ""}, having="r-title")
    assert (refused(bad), Resource.objects.filter(collaboration=helix).count()) == (True, 0)
    post_form(client, page, resource, having="r-title")
    assert list(Resource.objects.filter(collaboration=helix).values_list("title", flat=True)) == [
        "Run 4 data"
    ]


@case("collaborations:funding")
def _funding(client, get):
    helix, jinr, other = get("helix"), get("jinr"), get("other_user")
    helix.administrators.add(other)
    member = MemberInstitution.objects.create(collaboration=helix, institution=jinr)
    page = reverse("collaborations:funding", args=[helix.pk])
    client.force_login(other)
    having = ("member", str(member.pk))
    bad = post_form(client, page, {"agencies": "x" * 201}, having=having)
    member.refresh_from_db()
    assert (refused(bad), member.funding_agencies) == (True, [])
    post_form(client, page, {"agencies": "JINR Member States"}, having=having)
    member.refresh_from_db()
    assert member.funding_agencies == ["JINR Member States"]


# ---------------------------------------------------------------------------- papers


def _paper(get):
    staff = get("staff")
    get("mover")
    return papers_changes.do_create_paper(
        get("helix"), actor=staff, title="Dark photons", reference_date=dt.date(2023, 10, 1)
    )


@case("papers:create")
def _create_paper(client, get):
    staff, helix = get("staff"), get("helix")
    get("mover")
    client.force_login(staff)
    page = reverse("papers:create")
    good = {"collaboration": str(helix.pk), "title": "Rare decays", "reference_date": "2024-01-01"}
    bad = post_form(client, page, {**good, "reference_date": "yesterday"})
    assert (refused(bad), Paper.objects.count()) == (True, 0)
    post_form(client, page, good)
    assert Paper.objects.get().authors.count() == 1


@case("papers:add-author")
def _add_author(client, get):
    paper, jinr = _paper(get), get("jinr")
    newcomer = Person.objects.create(given_name="Yuri", family_name="Petrov")
    client.force_login(get("staff"))
    page, action = (
        reverse("papers:edit", args=[paper.pk]),
        reverse("papers:add-author", args=[paper.pk]),
    )
    good = {
        "add-person": str(newcomer.pk),
        "add-institutions": [str(jinr.pk)],
        "add-reason": "joined",
    }
    post_form(client, page, {**good, "add-reason": ""}, action=action)
    assert paper.authors.count() == 1
    post_form(client, page, good, action=action)
    assert paper.authors.filter(person=newcomer).count() == 1


@case("papers:change-author")
def _change_author(client, get):
    paper = _paper(get)
    author = paper.authors.get()
    client.force_login(get("staff"))
    page = reverse("papers:edit", args=[paper.pk])
    action = reverse("papers:change-author", args=[paper.pk])
    good = {
        "change-author": str(author.pk),
        "change-operation": "deceased",
        "change-reason": "obituary",
    }
    post_form(client, page, {**good, "change-reason": ""}, action=action)
    author.refresh_from_db()
    assert author.deceased is False
    post_form(client, page, good, action=action)
    author.refresh_from_db()
    assert author.deceased is True


@case("papers:policy")
def _policy(client, get):
    paper = _paper(get)
    client.force_login(get("staff"))
    page, action = (
        reverse("papers:edit", args=[paper.pk]),
        reverse("papers:policy", args=[paper.pk]),
    )
    good = {"policy-policy": "names-orcid", "policy-reason": "journal asks for ORCID"}
    post_form(client, page, {**good, "policy-policy": "anything"}, action=action)
    assert Paper.objects.get(pk=paper.pk).policy == paper.policy
    post_form(client, page, good, action=action)
    assert Paper.objects.get(pk=paper.pk).policy == "names-orcid"


@case("papers:audit")
def _audit(client, get):
    """The audit stores nothing: a good upload shows its result, a bad one a form error."""
    paper = _paper(get)
    ours = client.get(reverse("papers:download", args=[paper.pk, "json"])).content
    page = reverse("papers:audit")
    before = (Paper.objects.count(), AuditEntry.objects.count())
    bad = post_form(
        client, page, {"file": SimpleUploadedFile("bad.xml", b"<collaborationauthorlist><x>")}
    )
    assert (bad.status_code, "malformed XML" in bad.content.decode()) == (400, True)
    good = post_form(client, page, {"file": SimpleUploadedFile("authors.json", ours)})
    assert (good.status_code, good.context["result"] is not None) == (200, True)
    assert (Paper.objects.count(), AuditEntry.objects.count()) == before


# ---------------------------------------------------------------------------- events: roles


@case("events:roles")
def _give_role(client, get):
    event, manager = get("conference"), get("organiser")
    (reviewer,) = make_users(1, "rev")
    client.force_login(manager)
    page = reverse("events:roles", args=[event.pk])
    bad = post_form(client, page, {"email": "nobody@example.org", "role": "reviewer"})
    assert (refused(bad), _roles(event)) == (True, [("olga", "organiser")])
    bad = post_form(client, page, {"email": reviewer.email, "role": "king"})
    assert (refused(bad), _roles(event)) == (True, [("olga", "organiser")])
    good = post_form(client, page, {"email": "REV0@example.org", "role": "reviewer"})
    assert (good.url, _roles(event)) == (page, [("olga", "organiser"), ("rev0", "reviewer")])


@case("events:remove-role")
def _remove_role(client, get):
    event, manager = get("conference"), get("organiser")
    (reviewer,) = make_users(1, "rev")
    do_set_role(event, actor=manager, user=reviewer, role="reviewer")
    client.force_login(manager)
    last = reverse("events:remove-role", args=[event.pk, manager.pk])
    post_form(client, last, {})  # the last organiser keeps the role
    assert _roles(event) == [("olga", "organiser"), ("rev0", "reviewer")]
    client.force_login(reviewer)
    page = reverse("events:remove-role", args=[event.pk, reviewer.pk])
    assert client.post(page).status_code in {403, 404}
    assert _roles(event) == [("olga", "organiser"), ("rev0", "reviewer")]
    client.force_login(manager)
    post_form(client, page, {})  # the confirmation page's form
    assert _roles(event) == [("olga", "organiser")]


def _roles(event) -> list[tuple[str, str]]:
    return [(r.user.username, r.role) for r in event_queries.list_roles(event)]


# ---------------------------------------------------------------------------- catalog


@case("catalog:import")
def _import_records(client, get):
    client.force_login(get("staff"))
    page = reverse("catalog:import")
    bad = post_form(client, page, {"files": SimpleUploadedFile("x.json", b"nope")})
    assert (refused(bad), Record.objects.count()) == (True, 0)
    source = RECORDS / "alice-records.json"
    recids = sorted(int(r["recid"]) for r in json.loads(source.read_text("utf-8")))
    good = post_form(client, page, {"files": SimpleUploadedFile(source.name, source.read_bytes())})
    assert (good.status_code, good.context["report"].errors) == (200, [])
    assert sorted(Record.objects.values_list("recid", flat=True)) == recids


# ---------------------------------------------------------------------------- projects


def _member(get):
    """The project of tests/projects with Omar as an accepted member."""
    proposed, lena, omar = get("project"), get("lead"), get("joiner")
    member, _changed = projects_changes.do_ask_to_join(
        proposed, actor=omar, message="", language="en"
    )
    projects_changes.do_decide(member, actor=lena, accept=True)
    return proposed, lena, omar


def _status(proposed) -> list[tuple[str, str, str]]:
    return list(
        ProjectMember.objects.filter(project=proposed)
        .order_by("person__given_name")
        .values_list("person__given_name", "role", "status")
    )


@case("projects:create")
def _create_project(client, get):
    lena, record = get("lead"), get("dimuon")
    client.force_login(lena)
    page = reverse("projects:create")
    good = {
        "title": "Upsilon cross-section",
        "kind": "experiment",
        "records": str(record.recid),
        "keywords": "upsilon, dimuon",
    }
    bad = post_form(client, page, {**good, "records": "17, abc"})
    assert (refused(bad), Project.objects.count()) == (True, 0)
    bad = post_form(client, page, {**good, "records": "424242"})
    assert (refused(bad), Project.objects.count()) == (True, 0)
    response = post_form(client, page, good)
    created = Project.objects.get()
    assert (response.url, created.title, list(created.records.all())) == (
        reverse("projects:detail", args=[created.pk]),
        "Upsilon cross-section",
        [record],
    )
    assert _status(created) == [("Lena", "lead", "member")]


@case("projects:edit")
def _edit_project(client, get):
    proposed, lena, omar = get("project"), get("lead"), get("joiner")
    page = reverse("projects:edit", args=[proposed.pk])
    client.force_login(omar)
    assert client.post(page, {"title": "Taken over", "kind": "theory"}).status_code == 403
    client.force_login(lena)
    bad = post_form(client, page, {"title": "", "records": "abc"})
    proposed.refresh_from_db()
    assert (refused(bad), proposed.title) == (True, "Dimuon resonances in CMS open data")
    good = post_form(client, page, {"title": "Upsilon", "status": "active"})
    proposed.refresh_from_db()
    assert (good.url, proposed.title, proposed.status, proposed.description) == (
        reverse("projects:detail", args=[proposed.pk]),
        "Upsilon",
        "active",
        "The $J/\\psi$ and the $\\Upsilon$ from 2011 data.",
    )


@case("projects:join")
def _join_project(client, get):
    proposed, lena, omar = get("project"), get("lead"), get("joiner")
    client.force_login(omar)
    page = reverse("projects:detail", args=[proposed.pk])
    action = reverse("projects:join", args=[proposed.pk])
    post_form(client, page, {"message": "x" * 501}, action=action)
    assert (_status(proposed), OutgoingMail.objects.count()) == ([("Lena", "lead", "member")], 0)
    post_form(client, page, {"message": "I know ROOT."}, action=action)
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "requested")]
    assert sorted(OutgoingMail.objects.values_list("recipients", flat=True)) == sorted(
        [omar.email, lena.email]
    )


@case("projects:decide")
def _decide_project_request(client, get):
    proposed, lena, omar = get("project"), get("lead"), get("joiner")
    projects_changes.do_ask_to_join(proposed, actor=omar, message="", language="en")
    action = reverse("projects:decide", args=[proposed.pk, omar.person.pk])
    client.force_login(omar)
    assert client.post(action, {"decision": "accept"}).status_code in {403, 404}
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "requested")]
    client.force_login(lena)
    page = reverse("projects:detail", args=[proposed.pk])
    post_form(client, page, {"decision": "maybe"}, action=action)
    post_form(client, page, {}, action=action)  # no button's value
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "requested")]
    post_form(client, page, {"decision": "accept"}, action=action)  # the button pressed
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "member")]
    client.post(action, {"decision": "decline"})  # decided already: no form left, no change
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "member")]


@case("projects:leave")
def _leave_project(client, get):
    proposed, lena, omar = _member(get)
    page = reverse("projects:detail", args=[proposed.pk])
    action = reverse("projects:leave", args=[proposed.pk])
    client.force_login(lena)
    post_form(client, page, {}, action=action)  # the only lead stays
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "member")]
    client.force_login(omar)
    post_form(client, page, {}, action=action)
    assert [s for s in _status(proposed) if s[2] == "member"] == [("Lena", "lead", "member")]


@case("projects:make-lead")
def _make_lead(client, get):
    proposed, lena, omar = _member(get)
    action = reverse("projects:make-lead", args=[proposed.pk, omar.person.pk])
    client.force_login(omar)
    assert client.post(action).status_code in {403, 404}
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "member", "member")]
    client.force_login(lena)
    post_form(client, reverse("projects:detail", args=[proposed.pk]), {}, action=action)
    assert _status(proposed) == [("Lena", "lead", "member"), ("Omar", "lead", "member")]


@case("projects:start-paper")
def _start_paper(client, get):
    proposed, lena, _joiner = _member(get)
    client.force_login(lena)
    page = reverse("projects:detail", args=[proposed.pk])
    action = reverse("projects:start-paper", args=[proposed.pk])
    post_form(client, page, {"title": ""}, action=action)
    post_form(client, page, {"title": "Dimuon spectrum", "policy": "anything"}, action=action)
    assert Paper.objects.count() == 0
    good = post_form(client, page, {"title": "Dimuon spectrum"}, action=action)
    paper = Paper.objects.get()
    assert (good.url, paper.title, paper.authors.count()) == (
        reverse("papers:detail", args=[paper.pk]),
        "Dimuon spectrum",
        2,
    )


@case("projects:interests")
def _interests_page(client, get):
    omar = get("joiner")
    client.force_login(omar)
    page = reverse("projects:interests")
    bad = post_form(client, page, {"keywords": "a\x00b", "experiments": "CMS"})
    assert (refused(bad), profiles.interests_of(omar.person)) == (True, profiles.Interests())
    post_form(client, page, {"subjects": ["hep-ph"], "keywords": "Dimuon", "experiments": "CMS"})
    found = profiles.interests_of(omar.person)
    assert (found.subjects, found.keywords, found.experiments) == (["hep-ph"], ["dimuon"], ["CMS"])


# ---------------------------------------------------------------------------- joining


@case("collaborations:join")
def _ask_to_join(client, get):
    user, helix, jinr = get("user"), get("helix"), get("jinr")
    Person.objects.create(user=user, given_name="Anna", family_name="Ivanova")
    client.force_login(user)
    page = reverse("collaborations:join", args=[helix.pk])
    bad = post_form(client, page, {"institution": "", "message": "Calorimeter software"})
    assert (refused(bad), JoinRequest.objects.count()) == (True, 0)
    bad = post_form(client, page, {"institution": str(jinr.pk), "message": "x" * 2001})
    assert (refused(bad), JoinRequest.objects.count()) == (True, 0)
    good = post_form(client, page, {"institution": str(jinr.pk), "message": "Calorimeter"})
    assert good.url == reverse("collaborations:detail", args=[helix.pk])
    assert list(JoinRequest.objects.values_list("institution", "message", "status")) == [
        (jinr.pk, "Calorimeter", "pending")
    ]


@case("collaborations:decide-join")
def _decide_join(client, get):
    user, staff, helix, jinr = get("user"), get("staff"), get("helix"), get("jinr")
    asker = Person.objects.create(user=user, given_name="Anna", family_name="Ivanova")
    asked = joining.do_ask_to_join(
        helix, actor=user, institution=jinr, message="I built the ECAL", language="en"
    )
    action = reverse("collaborations:decide-join", args=[helix.pk, asked.pk])
    client.force_login(user)
    assert client.post(action, {"decision": "accept"}).status_code in {403, 404}
    client.force_login(staff)
    page = reverse("collaborations:join-queue", args=[helix.pk])
    post_form(client, page, {"decision": "accept", "start": "2026-13-45"}, action=action)
    post_form(client, page, {"decision": "maybe", "start": "2026-03-01"}, action=action)
    post_form(client, page, {"start": "2026-03-01"}, action=action)  # no button's value
    assert (JoinRequest.objects.get().status, Membership.objects.filter(person=asker).count()) == (
        "pending",
        0,
    )
    post_form(client, page, {"decision": "accept", "start": "2026-03-01"}, action=action)
    assert JoinRequest.objects.get().status == "accepted"
    assert list(Membership.objects.filter(person=asker).values_list("start", flat=True)) == [
        dt.date(2026, 3, 1)
    ]
    assert user.email in OutgoingMail.objects.values_list("recipients", flat=True)


@case("collaborations:create")
def _create_collaboration(client, get):
    user, helix = get("user"), get("helix")
    client.force_login(user)
    page = reverse("collaborations:create")
    before = Collaboration.objects.count()
    bad = post_form(client, page, {"name": helix.name, "start": "2026-05-01"})
    assert (refused(bad), Collaboration.objects.count()) == (True, before)
    bad = post_form(client, page, {"name": "NEUTRINO-X", "start": "May"})
    assert (refused(bad), Collaboration.objects.count()) == (True, before)
    good = post_form(client, page, {"name": "NEUTRINO-X", "start": "2026-05-01"})
    created = Collaboration.objects.get(name="NEUTRINO-X")
    assert (good.url, list(created.administrators.all())) == (
        reverse("collaborations:manage", args=[created.pk]),
        [user],
    )


@case("collaborations:administrators")
def _add_administrator(client, get):
    staff, helix, user = get("staff"), get("helix"), get("user")
    client.force_login(staff)
    page = reverse("collaborations:administrators", args=[helix.pk])
    bad = post_form(client, page, {"email": "nobody@example.org"})
    assert (refused(bad), list(helix.administrators.all())) == (True, [staff])
    post_form(client, page, {"email": "ADA@example.org"})
    assert set(helix.administrators.all()) == {staff, user}


@case("collaborations:remove-administrator")
def _remove_administrator(client, get):
    staff, helix, user, other = get("staff"), get("helix"), get("user"), get("other_user")
    helix.administrators.add(user)
    page = reverse("collaborations:remove-administrator", args=[helix.pk, staff.pk])
    client.force_login(other)
    assert client.post(page).status_code in {403, 404}
    assert set(helix.administrators.all()) == {staff, user}
    client.force_login(staff)
    post_form(client, page, {})  # the confirmation page's form
    assert list(helix.administrators.all()) == [user]
    client.force_login(user)
    last = reverse("collaborations:remove-administrator", args=[helix.pk, user.pk])
    post_form(client, last, {})  # never the last administrator
    assert list(helix.administrators.all()) == [user]


# ---------------------------------------------------------------------------- sign-off


@case("papers:my-entry")
def _my_entry(client, get):
    paper, user = _paper(get), get("user")
    client.force_login(user)
    page = reverse("papers:my-entry", args=[paper.pk])
    bad = post_form(client, page, {"decision": "correct", "message": ""})
    assert (refused(bad), _signoff_statuses(paper)) == (True, ["pending"])
    post_form(client, page, {"decision": "correct", "message": "My ORCID iD is missing."})
    assert _signoff_statuses(paper) == ["correction"]


def _signoff_statuses(paper) -> list[str]:
    return list(Signoff.objects.filter(author__paper=paper).values_list("status", flat=True))


@case("papers:resolve")
def _resolve(client, get):
    paper, user, staff = _paper(get), get("user"), get("staff")
    author = paper.authors.get()
    signoffs.do_answer(author, actor=user, confirm=False, message="Wrong institute.")
    page = reverse("papers:signoffs", args=[paper.pk])
    action = reverse("papers:resolve", args=[paper.pk, author.pk])
    client.force_login(user)
    assert client.post(action, {"resolution": "done"}).status_code in {403, 404}
    client.force_login(staff)
    post_form(client, page, {"resolution": ""}, action=action)
    assert _signoff_statuses(paper) == ["correction"]
    post_form(client, page, {"resolution": "The institute is corrected."}, action=action)
    assert _signoff_statuses(paper) == ["pending"]


@case("papers:remind")
def _remind(client, get):
    paper, user, staff = _paper(get), get("user"), get("staff")
    action = reverse("papers:remind", args=[paper.pk])
    client.force_login(user)
    assert client.post(action).status_code in {403, 404}
    assert list(Signoff.objects.values_list("reminders", flat=True)) == [0]
    client.force_login(staff)
    post_form(client, reverse("papers:signoffs", args=[paper.pk]), {}, action=action)
    assert list(Signoff.objects.values_list("reminders", flat=True)) == [1]


@case("papers:drafts")
def _upload_draft(client, get):
    paper, user, staff = _paper(get), get("user"), get("staff")
    document = pikepdf.new()
    document.add_blank_page()
    data = io.BytesIO()
    document.save(data)
    action = reverse("papers:drafts", args=[paper.pk])
    client.force_login(user)  # an author, not a contact person
    assert (
        client.post(action, {"file": SimpleUploadedFile("d.pdf", data.getvalue())}).status_code
        == 403
    )
    client.force_login(staff)
    page = reverse("papers:detail", args=[paper.pk])
    bad = post_form(client, page, {"file": SimpleUploadedFile("d.txt", b"words")}, action=action)
    assert (refused(bad), Draft.objects.count()) == (True, 0)
    good = post_form(
        client,
        page,
        {"file": SimpleUploadedFile("d.pdf", data.getvalue()), "note": "First full text"},
        action=action,
    )
    assert (good.url, list(Draft.objects.values_list("version", "note"))) == (
        action,
        [(1, "First full text")],
    )


# ---------------------------------------------------------------------------- organisers' messages


@case("events:messages")
def _write_to_participants(client, get):
    event, manager, user = get("conference"), get("organiser"), get("user")
    do_register(event, user=user, consent=True)
    client.force_login(manager)
    page = reverse("events:messages", args=[event.pk])
    base = {"groups": ["registrants"], "subject": "Slides", "body": "Upload them."}
    bad = post_form(client, page, {**base, "subject": "", "action": "send"})
    assert (refused(bad), EventMessage.objects.count()) == (True, 0)
    shown = post_form(client, page, {**base, "action": "preview"})
    assert (shown.status_code, EventMessage.objects.count()) == (200, 0)
    sent = post_form(client, page, {**base, "action": "send"})
    message = EventMessage.objects.get()
    assert (sent.url, message.recipients) == (
        reverse("events:message", args=[event.pk, message.pk]),
        1,
    )


# ---------------------------------------------------------------------------- notifications


def _notified(user) -> None:
    notify(
        recipients=[user],
        kind="test.item",
        channel=f"paper:{Paper.objects.get().pk}",
        subject="A paper changed",
        body="See it.",
        url="/papers/",
    )


@case("notifications:read")
def _mark_read(client, get):
    _paper(get)
    user = get("user")
    _notified(user)
    client.force_login(user)
    page = reverse("notifications:list")
    action = reverse("notifications:read")
    bad = client.post(action, {"notification": "x"})
    assert (refused(bad), Notification.objects.filter(read_at__isnull=True).count()) == (True, 2)
    post_form(client, page, {}, action=action, having="notification")
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 1
    post_form(client, page, {}, action=action)
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 0


@case("notifications:preferences")
def _mail_settings(client, get):
    user = get("user")
    client.force_login(user)
    page = reverse("notifications:preferences")
    bad = post_form(client, page, {"frequency": "hourly"})
    assert (refused(bad), MailSettings.objects.count()) == (True, 0)
    post_form(client, page, {"frequency": "weekly", "language": "uk"})
    assert list(MailSettings.objects.values_list("frequency", "language")) == [("weekly", "uk")]


@case("notifications:channel")
def _channel_choice(client, get):
    _paper(get)
    user = get("user")
    client.force_login(user)
    page = reverse("notifications:preferences")
    action = reverse("notifications:channel")
    bad = post_form(client, page, {"channel": "paper:999999"}, action=action)
    assert (refused(bad), ChannelPreference.objects.count()) == (True, 0)
    post_form(client, page, {"frequency": "daily"}, action=action)
    assert list(ChannelPreference.objects.values_list("frequency", flat=True)) == ["daily"]


@case("notifications:unsubscribe")
def _unsubscribe(client, get):
    paper = _paper(get)
    user = get("user")
    token = make_token(user.pk, f"paper:{paper.pk}")
    bad = client.post(reverse("notifications:unsubscribe", args=[token[:-2]]))
    assert (refused(bad), ChannelPreference.objects.count()) == (True, 0)
    post_form(client, reverse("notifications:unsubscribe", args=[token]), {})
    assert list(ChannelPreference.objects.values_list("user", "frequency")) == [(user.pk, "none")]


# ---------------------------------------------------------------------------- review


def _review_world(get):
    call, olga, reviewers = get("call"), get("organiser"), get("reviewers")
    ana = get("submitters")[0]
    done = review_submit(call, ana, title="Jets", keywords="jets")
    return call, olga, reviewers, ana, done


@case("review:edit-call")
def _edit_call(client, get):
    call, olga = get("call"), get("organiser")
    page = reverse("review:edit-call", args=[call.event_id])
    client.force_login(olga)
    assert refused(post_form(client, page, {"closes": "2020-01-01T00:00"}))
    assert ReviewCall.objects.get().max_load == 3
    post_form(client, page, {"max_load": "7"})
    assert ReviewCall.objects.get().max_load == 7


@case("review:add-question")
def _add_question(client, get):
    call, olga = get("call"), get("organiser")
    page = reverse("review:edit-call", args=[call.event_id])
    action = reverse("review:add-question", args=[call.event_id])
    client.force_login(olga)
    assert refused(post_form(client, page, {"label": "Your citizenship"}, action=action))
    assert list(call.questions.values_list("label", flat=True)) == []
    post_form(
        client, page, {"label": "Will you present online?", "kind": "checkbox"}, action=action
    )
    assert list(call.questions.values_list("label", flat=True)) == ["Will you present online?"]


@case("review:remove-question")
def _remove_question(client, get):
    call, olga, reviewers = get("call"), get("organiser"), get("reviewers")
    question = review_calls.do_add_question(call, actor=olga, label="Online?", kind="checkbox")
    action = reverse("review:remove-question", args=[call.event_id, question.pk])
    client.force_login(reviewers[0])
    assert client.post(action).status_code in {403, 404}
    assert call.questions.count() == 1
    client.force_login(olga)
    post_form(client, reverse("review:edit-call", args=[call.event_id]), {}, action=action)
    assert call.questions.count() == 0


@case("review:submit")
def _submit_abstract(client, get):
    call, (ana, _kofi) = get("call"), get("submitters")
    page = reverse("review:submit", args=[call.event_id])
    client.force_login(ana)
    good = {"title": "Jets", "abstract": "We study jets.", "authors": "*Anastasia Kuznetsova"}
    assert refused(post_form(client, page, {**good, "authors": "Nobody Presents"}))
    assert ReviewSubmission.objects.count() == 0
    post_form(client, page, good)
    assert list(ReviewSubmission.objects.values_list("title", flat=True)) == ["Jets"]


@case("review:submission")
def _edit_submission(client, get):
    _call, _olga, _reviewers, ana, done = _review_world(get)
    page = reverse("review:submission", args=[done.pk])
    client.force_login(ana)
    assert refused(post_form(client, page, {"abstract": "x" * 3001}))
    post_form(client, page, {"title": "Jets, revised"})
    done.refresh_from_db()
    assert done.title == "Jets, revised"


@case("review:withdraw")
def _withdraw_submission(client, get):
    _call, _olga, reviewers, ana, done = _review_world(get)
    page = reverse("review:withdraw", args=[done.pk])
    client.force_login(reviewers[0])
    assert client.post(page).status_code == 404
    client.force_login(ana)
    post_form(client, page, {})
    done.refresh_from_db()
    assert done.status == "withdrawn"


@case("review:committee")
def _expertise(client, get):
    call, reviewers = get("call"), get("reviewers")
    page = reverse("review:committee", args=[call.event_id])
    client.force_login(reviewers[0])
    assert refused(post_form(client, page, {"keywords": "x" * 600}, having="keywords"))
    post_form(client, page, {"keywords": "Jets, QCD"}, having="keywords")
    assert review_queries.expertise_of(call, reviewers[0]) == "jets, qcd"


@case("review:bid")
def _bid(client, get):
    call, _olga, reviewers, _ana, done = _review_world(get)
    page = reverse("review:committee", args=[call.event_id])
    action = reverse("review:bid", args=[call.event_id, done.code])
    client.force_login(reviewers[0])
    assert refused(post_form(client, page, {"level": "keen"}, action=action))
    assert [r.bid for r in review_queries.reviewer_queue(call, reviewers[0])] == [""]
    post_form(client, page, {"level": "eager"}, action=action)
    assert [r.bid for r in review_queries.reviewer_queue(call, reviewers[0])] == ["eager"]


@case("review:declare")
def _declare_conflict(client, get):
    call, _olga, reviewers, _ana, done = _review_world(get)
    page = reverse("review:declare", args=[call.event_id, done.code])
    client.force_login(reviewers[0])
    assert refused(post_form(client, page, {"reason": "x" * 400}))
    assert [r.code for r in review_queries.reviewer_queue(call, reviewers[0])] == [done.code]
    post_form(client, page, {"reason": "former student"})
    assert review_queries.reviewer_queue(call, reviewers[0]) == []


@case("review:review")
def _write_review(client, get):
    call, olga, reviewers, _ana, done = _review_world(get)
    review_assignment.do_add_assignment(done, actor=olga, reviewer=reviewers[2])
    page = reverse("review:review", args=[call.event_id, done.code])
    client.force_login(reviewers[2])
    assert refused(post_form(client, page, {"score": "9"}))
    assert ReviewReview.objects.count() == 0
    post_form(client, page, {"score": "4", "to_authors": "Clear."})
    assert list(ReviewReview.objects.values_list("score", "to_authors")) == [(4, "Clear.")]


@case("review:discussion")
def _discussion(client, get):
    call, olga, _reviewers, _ana, done = _review_world(get)
    page = reverse("review:discussion", args=[call.event_id, done.code])
    client.force_login(olga)
    assert refused(post_form(client, page, {"text": ""}))
    assert ReviewComment.objects.count() == 0
    post_form(client, page, {"text": "Both reviews agree."})
    assert list(ReviewComment.objects.values_list("text", flat=True)) == ["Both reviews agree."]


@case("review:assign")
def _assign(client, get):
    call, olga, _reviewers, _ana, done = _review_world(get)
    page = reverse("review:manage", args=[call.event_id])
    action = reverse("review:assign", args=[call.event_id])
    call.reviewers_per_submission = 4
    call.save()
    client.force_login(olga)
    assert refused(post_form(client, page, {}, action=action))  # four reviewers for three
    assert ReviewAssignment.objects.count() == 0
    call.reviewers_per_submission = 2
    call.save()
    post_form(client, page, {}, action=action)
    assert ReviewAssignment.objects.filter(submission=done).count() == 2


@case("review:pair")
def _pair(client, get):
    call, olga, reviewers, _ana, done = _review_world(get)
    page = reverse("review:manage", args=[call.event_id])
    action = reverse("review:pair", args=[call.event_id])
    client.force_login(olga)
    bad = {"code": "FFFFFFFF", "reviewer": str(reviewers[0].pk)}
    assert refused(post_form(client, page, bad, action=action))
    assert ReviewAssignment.objects.count() == 0
    post_form(client, page, {"code": done.code, "reviewer": str(reviewers[0].pk)}, action=action)
    assert list(ReviewAssignment.objects.values_list("reviewer_id", flat=True)) == [reviewers[0].pk]


@case("review:ruling")
def _ruling(client, get):
    call, olga, reviewers, _ana, done = _review_world(get)
    page = reverse("review:manage", args=[call.event_id])
    action = reverse("review:ruling", args=[call.event_id])
    client.force_login(olga)
    fields = {"code": done.code, "reviewer": str(reviewers[0].pk)}
    assert refused(post_form(client, page, {**fields, "reason": ""}, action=action))
    assert review_queries.conflict_rows(call) == []
    post_form(client, page, {**fields, "reason": "same group"}, action=action)
    assert [r.reasons for r in review_queries.conflict_rows(call)] == [["added by the organisers"]]


@case("review:decide")
def _decide_submissions(client, get):
    call, olga, _reviewers, _ana, done = _review_world(get)
    page = reverse("review:manage", args=[call.event_id])
    action = reverse("review:decide", args=[call.event_id])
    client.force_login(olga)
    assert refused(
        post_form(client, page, {"codes": "FFFFFFFF", "decision": "talk"}, action=action)
    )
    assert ReviewSubmission.objects.get().decision == ""
    post_form(client, page, {"codes": done.code, "decision": "talk"}, action=action)
    done.refresh_from_db()
    assert (done.decision, Contribution.objects.get(pk=done.contribution_id).title) == (
        "talk",
        "Jets",
    )


# ---------------------------------------------------------------------------- the guard


# ---------------------------------------------------------------------------- spaces
def _thread_url(thread) -> str:
    return reverse("spaces:thread", args=[thread.space_id, thread.pk])


@case("spaces:open")
def _open_space(client, get):
    owner, admin, member = get("space_collaboration"), get("space_admin"), get("space_member")
    page = reverse("spaces:open", args=["collaboration", owner.pk])
    client.force_login(member)
    bad = post_form(client, page, {"title": "Mine"})
    assert (refused(bad), Space.objects.count()) == (True, 0)
    client.force_login(admin)
    bad = post_form(client, page, {"title": "HELIX", "visibility": "secret"})
    assert (refused(bad), Space.objects.count()) == (True, 0)
    good = post_form(client, page, {"title": "HELIX space", "visibility": "public"})
    room = Space.objects.get()
    assert (good.url, room.title, room.visibility) == (
        reverse("spaces:detail", args=[room.pk]),
        "HELIX space",
        "public",
    )


@case("spaces:announce")
def _announce(client, get):
    room, admin = get("space"), get("space_admin")
    client.force_login(admin)
    page = reverse("spaces:detail", args=[room.pk])
    action = reverse("spaces:announce", args=[room.pk])
    bad = post_form(client, page, {"title": "", "body": "x"}, action=action)
    assert (refused(bad), Announcement.objects.count()) == (True, 0)
    good = post_form(client, page, {"title": "Meeting", "body": "Monday"}, action=action)
    assert (good.url, list(Announcement.objects.values_list("title", flat=True))) == (
        page,
        ["Meeting"],
    )


@case("spaces:new-thread")
def _new_thread(client, get):
    room, member = get("space"), get("space_member")
    client.force_login(member)
    page = reverse("spaces:new-thread", args=[room.pk])
    bad = post_form(
        client,
        page,
        {"title": "Runs", "body": "x", "attachments": SimpleUploadedFile("a.sh", b"#!/bin/sh")},
    )
    assert (refused(bad), Thread.objects.count()) == (True, 0)
    good = post_form(client, page, {"title": "Runs", "body": "Which run?"})
    thread = Thread.objects.get()
    assert (good.url, thread.title) == (reverse("spaces:thread", args=[room.pk, thread.pk]), "Runs")


@case("spaces:thread")
def _reply(client, get):
    thread, member = get("space_thread"), get("space_colleague")
    client.force_login(member)
    page = _thread_url(thread)
    bad = post_form(client, page, {"body": ""}, having="body")
    assert (refused(bad), thread.posts.count()) == (True, 1)
    # the mention picker's search box, typed without JavaScript: one member matches
    named = get("space_member").person
    good = post_form(client, page, {"body": "Run 2", "mentions-q": named.given_name}, having="body")
    reply = thread.posts.last()
    assert (good.url, reply.body, [m.person_id for m in reply.mentions.all()]) == (
        f"{page}?page=last#post-{reply.pk}",
        "Run 2",
        [named.pk],
    )


@case("spaces:edit-post")
def _edit_post(client, get):
    thread, member = get("space_thread"), get("space_member")
    post = thread.posts.get()
    client.force_login(member)
    page = reverse("spaces:edit-post", args=[post.pk])
    bad = post_form(client, page, {"body": ""})
    post.refresh_from_db()
    assert (refused(bad), post.body) == (True, "Which run do we use?")
    good = post_form(client, page, {"body": "Run 2, then."})
    post.refresh_from_db()
    assert (good.url, post.body, post.revisions.count()) == (_thread_url(thread), "Run 2, then.", 1)


@case("spaces:hide-post")
def _hide_post(client, get):
    thread, admin = get("space_thread"), get("space_admin")
    post = thread.posts.get()
    client.force_login(admin)
    page = _thread_url(thread)
    action = reverse("spaces:hide-post", args=[post.pk])
    post_form(client, page, {"reason": ""}, action=action)
    post.refresh_from_db()
    assert post.hidden_at is None
    post_form(client, page, {"reason": "Off topic"}, action=action)
    post.refresh_from_db()
    assert post.hidden_reason == "Off topic"


@case("spaces:report-post")
def _report_post(client, get):
    thread, member = get("space_thread"), get("space_colleague")
    post = thread.posts.get()
    client.force_login(member)
    page = _thread_url(thread)
    action = reverse("spaces:report-post", args=[post.pk])
    post_form(client, page, {"reason": ""}, action=action)
    assert post.reports.count() == 0
    post_form(client, page, {"reason": "Spam"}, action=action)
    assert list(post.reports.values_list("reason", flat=True)) == ["Spam"]


@case("spaces:settle-reports")
def _settle_reports(client, get):
    thread, admin, member = get("space_thread"), get("space_admin"), get("space_colleague")
    post = thread.posts.get()
    client.force_login(member)
    post_form(
        client,
        _thread_url(thread),
        {"reason": "Spam"},
        action=reverse("spaces:report-post", args=[post.pk]),
    )
    client.force_login(admin)
    page = reverse("spaces:reports", args=[thread.space_id])
    action = reverse("spaces:settle-reports", args=[post.pk])
    post_form(client, page, {"action": "hide", "reason": ""}, action=action)
    assert list(post.reports.values_list("outcome", flat=True)) == [""]
    post_form(client, page, {"action": "dismiss"}, action=action)
    assert list(post.reports.values_list("outcome", flat=True)) == ["dismissed"]


@case("spaces:lock")
def _lock(client, get):
    thread, admin, member = get("space_thread"), get("space_admin"), get("space_member")
    action = reverse("spaces:lock", args=[thread.space_id, thread.pk])
    client.force_login(member)
    assert (client.post(action, {"locked": "on"}).status_code, Thread.objects.get().locked) == (
        403,
        False,
    )
    client.force_login(admin)
    post_form(client, _thread_url(thread), {}, action=action)
    assert Thread.objects.get().locked is True


@case("spaces:follow")
def _follow(client, get):
    thread, member = get("space_thread"), get("space_colleague")
    client.force_login(member)
    action = reverse("spaces:follow", args=[thread.space_id, thread.pk])
    client.post(action, {"state": "sideways"})
    assert ThreadSubscription.objects.filter(person=member.person).count() == 0
    client.post(action, {"state": "mute"})
    assert list(
        ThreadSubscription.objects.filter(person=member.person).values_list("state", flat=True)
    ) == ["mute"]


@case("spaces:conversation")
def _conversation(client, get):
    member, outsider = get("space_member"), get("space_outsider")
    client.force_login(member)
    page = reverse("spaces:conversation", args=[outsider.person.pk])
    bad = post_form(client, page, {"body": ""}, having="body")
    assert (refused(bad), Message.objects.count()) == (True, 0)
    good = post_form(client, page, {"body": "Hello"}, having="body")
    assert (good.url, list(Message.objects.values_list("body", flat=True))) == (page, ["Hello"])


@case("spaces:message-settings")
def _message_settings(client, get):
    member = get("space_member")
    client.force_login(member)
    page = reverse("spaces:message-settings")
    bad = post_form(client, page, {"first_contact": "nobody"})
    assert (refused(bad), MessageSettings.objects.filter(first_contact="shared").count()) == (
        True,
        0,
    )
    good = post_form(client, page, {"first_contact": "shared"})
    assert (good.url, MessageSettings.objects.get(person=member.person).first_contact) == (
        page,
        "shared",
    )


@case("spaces:block")
def _block(client, get):
    member, outsider = get("space_member"), get("space_outsider")
    client.force_login(member)
    page = reverse("spaces:conversation", args=[outsider.person.pk])
    action = reverse("spaces:block", args=[outsider.person.pk])
    assert client.post(reverse("spaces:block", args=[999999]), {"blocked": "on"}).status_code == 404
    post_form(client, page, {}, action=action)
    assert list(Block.objects.values_list("blocker_id", "blocked_id")) == [
        (member.person.pk, outsider.person.pk)
    ]


# ---------------------------------------------------------------------------- schools


def _school_world(get, *, closed: bool = True):
    """A school whose call has two applications scored 5 and 3; closed unless asked."""
    olga, reviewers, (ana, kofi) = get("organiser"), get("reviewers"), get("submitters")
    school_event = do_create_event(
        actor=olga,
        title="Summer School",
        kind=Event.Kind.SCHOOL,
        timezone="UTC",
        start_date=dt.datetime.now(dt.UTC).date() + dt.timedelta(days=60),
        end_date=dt.datetime.now(dt.UTC).date() + dt.timedelta(days=65),
    )
    do_set_role(school_event, actor=olga, user=reviewers[2], role="reviewer")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    call = review_calls.do_save_call(
        school_event,
        actor=olga,
        opens=now - dt.timedelta(days=1),
        closes=now + dt.timedelta(days=10),
        kinds=["lecture"],
    )
    school = review_schools.do_save_school(call, actor=olga, places=1, confirm_days=7)
    for user, score in ((ana, 5), (kofi, 3)):
        done = review_submit(call, user, title="Application", kind="lecture")
        mine = review_assignment.do_add_assignment(done, actor=olga, reviewer=reviewers[2])
        review_reviews.do_review(mine, actor=reviewers[2], score=score, confidence=2)
    if closed:
        ReviewCall.objects.filter(pk=call.pk).update(
            opens=dt.datetime.now(dt.UTC) - dt.timedelta(days=3),
            closes=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
        )
        call.refresh_from_db()
        school.call = call
    return school, olga, ana, kofi


@case("review:school")
def _school_settings(client, get):
    school, olga, _ana, _kofi = _school_world(get)
    page = reverse("review:school", args=[school.call.event_id])
    client.force_login(olga)
    assert refused(post_form(client, page, {"places": "0"}, having="places"))
    assert ReviewSchool.objects.get().places == 1
    post_form(client, page, {"places": "12", "confirm_days": "3"}, having="places")
    assert list(ReviewSchool.objects.values_list("places", "confirm_days")) == [(12, 3)]


@case("review:add-follow-up-question")
def _add_follow_up_question(client, get):
    school, olga, _ana, _kofi = _school_world(get)
    page = reverse("review:school", args=[school.call.event_id])
    action = reverse("review:add-follow-up-question", args=[school.call.event_id])
    client.force_login(olga)
    assert refused(post_form(client, page, {"label": "Номер паспорта"}, action=action))
    assert list(school.questions.values_list("label", flat=True)) == []
    post_form(client, page, {"label": "Dietary needs", "kind": "text"}, action=action)
    assert list(school.questions.values_list("label", flat=True)) == ["Dietary needs"]


@case("review:remove-follow-up-question")
def _remove_follow_up_question(client, get):
    school, olga, ana, _kofi = _school_world(get)
    question = review_schools.do_add_follow_up_question(
        school, actor=olga, label="Online?", kind="checkbox"
    )
    action = reverse("review:remove-follow-up-question", args=[school.call.event_id, question.pk])
    client.force_login(ana)
    assert client.post(action).status_code in {403, 404}
    assert school.questions.count() == 1
    client.force_login(olga)
    post_form(client, reverse("review:school", args=[school.call.event_id]), {}, action=action)
    assert school.questions.count() == 0


@case("review:offer-places")
def _offer_places(client, get):
    school, olga, ana, _kofi = _school_world(get, closed=False)
    page = reverse("review:school", args=[school.call.event_id])
    action = reverse("review:offer-places", args=[school.call.event_id])
    client.force_login(olga)
    assert refused(client.post(action))
    assert ReviewOffer.objects.count() == 0
    ReviewCall.objects.filter(pk=school.call.pk).update(
        opens=dt.datetime.now(dt.UTC) - dt.timedelta(days=3),
        closes=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
    )
    post_form(client, page, {}, action=action)
    assert list(ReviewOffer.objects.values_list("submission__submitter", "status")) == [
        (ana.pk, "offered")
    ]


@case("review:offer")
def _answer_offer(client, get):
    school, olga, ana, kofi = _school_world(get)
    (offer,) = review_schools.do_offer_places(school, actor=olga)
    page = reverse("review:offer", args=[offer.pk])
    client.force_login(kofi)
    assert client.post(page, {"attend": "yes", "consent": "on"}).status_code == 404
    client.force_login(ana)
    assert refused(post_form(client, page, {"attend": "yes"}))
    assert ReviewOffer.objects.get().status == "offered"
    post_form(client, page, {"attend": "yes", "consent": "on"})
    assert ReviewOffer.objects.get().status == "confirmed"
    assert list(Registration.objects.values_list("user", "status")) == [(ana.pk, "registered")]


@case("events:registration-questions")
def _add_registration_question(client, get):
    event, manager = get("conference"), get("organiser")
    page = reverse("events:registration-questions", args=[event.pk])
    client.force_login(manager)
    assert refused(post_form(client, page, {"label": "Ваше громадянство"}))
    assert refused(post_form(client, page, {"label": "Track", "kind": "choice", "choices": "A"}))
    assert list(event.registration_questions.values_list("label", flat=True)) == []
    post_form(client, page, {"label": "Track", "kind": "choice", "choices": "A\nB"})
    assert list(event.registration_questions.values_list("label", flat=True)) == ["Track"]


@case("events:remove-registration-question")
def _remove_registration_question(client, get):
    event, manager, user = get("conference"), get("organiser"), get("user")
    question = event_questions.do_add_registration_question(
        event, actor=manager, label="Online?", kind="checkbox"
    )
    action = reverse("events:remove-registration-question", args=[event.pk, question.pk])
    client.force_login(user)
    assert client.post(action).status_code in {403, 404}
    assert event.registration_questions.count() == 1
    client.force_login(manager)
    page = reverse("events:registration-questions", args=[event.pk])
    post_form(client, page, {}, action=action)
    assert event.registration_questions.count() == 0


def test_every_post_handling_url_has_a_case():
    missing = sorted(post_handling_url_names() - set(CASES) - set(NOT_PAGE_FORMS))
    assert missing == []


def test_every_case_names_a_post_handling_url():
    assert sorted(set(CASES) - post_handling_url_names()) == []


@pytest.mark.usefixtures("transactional_db")
@pytest.mark.parametrize("name", sorted(CASES))
def test_posting_the_page_form_changes_state_and_a_bad_post_changes_nothing(name, client, request):
    CASES[name](client, request.getfixturevalue)
