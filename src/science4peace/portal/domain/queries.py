"""What the home page shows: the platform's public activity, and for a logged-in person their
own events, collaborations (with the access decision and its reasons) and projects. Every list
comes from the owning app's query, cut to a few rows here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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


def overview(today: dt.date) -> Overview:
    """Public activity on ``today``: events running and next, events taking registrations,
    and the newest collaborations, papers, projects and open-data records."""
    events = event_queries.list_events()
    return Overview(
        running=list(
            events.filter(start_date__lte=today, end_date__gte=today).order_by("end_date", "id")[
                :SHOWN
            ]
        ),
        upcoming=list(events.filter(start_date__gt=today).order_by("start_date", "id")[:SHOWN]),
        registration_open=list(
            events.filter(registration_open=True, end_date__gte=today).order_by("start_date", "id")[
                :SHOWN
            ]
        ),
        collaborations=list(collaboration_queries.list_collaborations()[:SHOWN]),
        papers=list(paper_queries.list_papers()[:SHOWN]),
        projects=project_queries.new_projects(SHOWN),
        records=catalog_queries.new_records(SHOWN),
    )


def dashboard(user: Any, today: dt.date) -> Dashboard | None:
    """A logged-in person's own part: events they are registered for that have not ended,
    their collaborations with today's access decision, and their projects. None for anonymous
    visitors and for accounts without a person."""
    person = person_of(user)
    if person is None:
        return None
    registrations = [r for r in event_queries.my_registrations(user) if r.event.end_date >= today][
        :SHOWN
    ]
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
