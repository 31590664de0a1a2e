"""What the home page shows: the platform's public activity, and for a logged-in person their
own events, collaborations (with the access decision and its reasons) and projects. Every list
comes from the owning app's query, cut to a few rows here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.utils import timezone

from science4peace.catalog.domain import queries as catalog_queries
from science4peace.collaborations.domain import access as collaboration_access
from science4peace.collaborations.domain import queries as collaboration_queries
from science4peace.events.domain import queries as event_queries
from science4peace.papers.domain import queries as paper_queries
from science4peace.people.domain.queries import person_of
from science4peace.projects.domain import queries as project_queries
from science4peace.projects.models import ProjectMember

SHOWN = 5


@dataclass
class Overview:
    running: list[Any]
    upcoming: list[Any]
    registration_open: list[Any]
    collaborations: list[Any]
    papers: list[Any]
    projects: list[Any]
    records: list[Any]


@dataclass
class CollaborationAccess:
    collaboration: Any
    allowed: bool
    reasons: list[str]


@dataclass
class Dashboard:
    registrations: list[Any] = field(default_factory=list)
    collaborations: list[CollaborationAccess] = field(default_factory=list)
    projects: list[Any] = field(default_factory=list)


def _first(rows: Iterable[Any], keep: Callable[[Any], bool]) -> list[Any]:
    """The first ``SHOWN`` rows that ``keep`` keeps, reading no further."""
    return list(islice(filter(keep, rows), SHOWN))


def overview(now: dt.datetime) -> Overview:
    """Public activity at ``now``: events running and next, events taking registrations (each
    by the date in its own zone, which may be a day before or after UTC's), and the newest
    collaborations, papers, projects and open-data records."""
    events = event_queries.list_events()
    # every zone's date is within a day of UTC's: only the events near that need their zone
    day = now.astimezone(dt.UTC).date()
    before, after = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
    near = events.filter(start_date__lte=after, end_date__gte=before).order_by("end_date", "id")
    later = events.filter(start_date__gte=before).order_by("start_date", "id")
    open_ = events.filter(registration_open=True, end_date__gte=before).order_by("start_date", "id")
    chunk = 4 * SHOWN
    return Overview(
        running=_first(
            near.iterator(chunk),
            lambda e: e.start_date <= e.date_at(now) <= e.end_date,
        ),
        upcoming=_first(later.iterator(chunk), lambda e: e.start_date > e.date_at(now)),
        registration_open=_first(open_.iterator(chunk), lambda e: e.end_date >= e.date_at(now)),
        collaborations=list(collaboration_queries.list_collaborations()[:SHOWN]),
        papers=list(paper_queries.list_papers()[:SHOWN]),
        projects=project_queries.new_projects(SHOWN),
        records=catalog_queries.new_records(SHOWN),
    )


def dashboard(user: Any, now: dt.datetime) -> Dashboard | None:
    """A logged-in person's own part: events they are registered for that have not ended (in
    the event's zone), their collaborations with today's access decision, and their projects.
    None for anonymous visitors and for accounts without a person."""
    person = person_of(user)
    if person is None:
        return None
    today = timezone.localdate(now)
    registrations = _first(
        event_queries.my_registrations(user),
        lambda r: r.event.end_date >= r.event.date_at(now),
    )
    collaborations = [
        CollaborationAccess(
            collaboration,
            decision.allowed,
            collaboration_access.describe(decision),
        )
        for collaboration in collaboration_queries.list_collaborations()
        .filter(memberships__person=person)
        .distinct()
        for decision in [collaboration_access.decide_collaboration(collaboration, user, today)]
    ]
    projects = [
        member.project
        for member in ProjectMember.objects.filter(
            person=person, status=ProjectMember.Status.MEMBER
        )
        .select_related("project")
        .order_by("-project__created", "-project_id")[:SHOWN]
    ]
    return Dashboard(registrations, collaborations, projects)
