"""The key pages of issue 13 (home, event list, event, timetable, registration, sign-up, log in,
person, institution, countries, collaboration, members, resources, paper, audit, event manage,
dashboard) and the lists beside them, over demo data: what tests/browser/test_key_pages.py
opens in Chromium and tests/core/test_page_weight.py weighs."""

from __future__ import annotations

import datetime as dt

from science4peace.events.demo import CONFERENCE
from science4peace.events.demo import load_demo as load_events
from science4peace.events.models import Event, EventRole
from science4peace.institutions.models import Institution
from science4peace.papers.domain.changes import do_create_paper
from science4peace.people.demo import load_demo as load_people

# Seen by anyone: {name} is filled from the ids ``load`` returns.
PUBLIC = [
    "/",
    "/events/",
    "/events/{event}/",
    "/events/{event}/timetable/",
    "/accounts/signup/",
    "/accounts/login/",
    "/people/",
    "/people/{person}/",
    "/institutions/",
    "/institutions/{institution}/",
    "/institutions/countries/",
    "/collaborations/",
    "/collaborations/{collaboration}/",
    "/collaborations/{collaboration}/members/",
    "/collaborations/{collaboration}/resources/",
    "/papers/",
    "/papers/{paper}/",
    "/papers/audit/",
    "/catalog/",
    "/projects/",
]
# Seen logged in, as the person with memberships who organises the conference: the dashboard,
# the event page with its registration form, the event's management and its registrants.
PRIVATE = [
    "/",
    "/people/me/",
    "/events/{event}/",
    "/events/{event}/manage/",
    "/events/{event}/registrants/",
]
TODAY = dt.date(2026, 11, 22)


def load(*, user, person, collaboration, administrator) -> dict[str, int]:
    """Demo people and events, ``user`` organising the demo conference, one paper of
    ``collaboration``; the ids the paths need."""
    load_people()
    load_events(today=TODAY)
    event = Event.objects.get(title=CONFERENCE)
    EventRole.objects.create(event=event, user=user, role=EventRole.Role.ORGANISER)
    paper = do_create_paper(
        collaboration,
        actor=administrator,
        title="Search for long-lived particles decaying to displaced muon pairs",
        reference_date=dt.date(2024, 3, 1),
    )
    institution = person.memberships.order_by("start").last().institution
    assert isinstance(institution, Institution)
    return {
        "event": event.pk,
        "person": person.pk,
        "institution": institution.pk,
        "collaboration": collaboration.pk,
        "paper": paper.pk,
    }


def paths(template: list[str], ids: dict[str, int]) -> list[str]:
    return [path.format(**ids) for path in template]
