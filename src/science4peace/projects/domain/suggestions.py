"""Suggestions by science alone: projects for a person, people for a project, each with its
reasons. The database's index on the term tables is the inverted index: a suggestion reads
the posting lists of the query's own terms, never every person or project, and ranks them
with lib/matching.py. Nothing here reads a country, an institution or a location."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from science4peace.lib.matching import EXPERIMENT, Term, rank
from science4peace.people.models import Person
from science4peace.projects.models import (
    ProfileTerm,
    Project,
    ProjectMember,
    ProjectTerm,
    ResearchProfile,
)

TAKING_PART = [ProjectMember.Status.MEMBER, ProjectMember.Status.REQUESTED]
LIMIT = 10


@dataclass
class Suggested:
    item: Any  # a Project or a Person
    score: float
    reasons: list[str]


def describe(term: Term) -> str:
    if term.kind == EXPERIMENT:
        return _("%(experiment)s open data") % {"experiment": term.value}
    return term.value


def _postings(rows: QuerySet[Any]) -> dict[Term, list[int]]:
    postings: dict[Term, list[int]] = defaultdict(list)
    for key, term in rows:
        postings[Term.from_key(term)].append(key)
    return postings


def open_projects() -> QuerySet[Project]:
    """Projects one can still join: open for members and not completed."""
    return Project.objects.filter(open_for_members=True).exclude(status=Project.Status.COMPLETED)


def projects_for(person: Person, *, limit: int = LIMIT) -> list[Suggested]:
    """Open projects whose needs share terms with the person's interests, best first;
    projects the person takes part in or asked to join are left out."""
    query = [
        Term.from_key(k)
        for k in ProfileTerm.objects.filter(profile_id=person.pk).values_list("term", flat=True)
    ]
    if not query:
        return []
    taking_part = ProjectMember.objects.filter(person=person, status__in=TAKING_PART)
    rows = (
        ProjectTerm.objects.filter(
            term__in=[t.key for t in query],
            project__open_for_members=True,
        )
        .exclude(project__status=Project.Status.COMPLETED)
        .exclude(project_id__in=taking_part.values("project_id"))
        .values_list("project_id", "term")
    )
    found = rank(query, _postings(rows), open_projects().count(), limit=limit)
    projects = Project.objects.in_bulk([s.key for s in found])
    return [Suggested(projects[s.key], s.score, [describe(t) for t in s.reasons]) for s in found]


def people_for(project: Project, *, limit: int = LIMIT) -> list[Suggested]:
    """People who may be suggested and whose interests share terms with the project's needs,
    best first; its members and those who asked to join are left out."""
    query = [Term.from_key(k) for k in project.terms.values_list("term", flat=True)]
    if not query:
        return []
    taking_part = ProjectMember.objects.filter(project=project, status__in=TAKING_PART)
    rows = (
        ProfileTerm.objects.filter(term__in=[t.key for t in query], profile__suggestable=True)
        .exclude(profile_id__in=taking_part.values("person_id"))
        .values_list("profile_id", "term")
    )
    total = ResearchProfile.objects.filter(suggestable=True).count()
    found = rank(query, _postings(rows), total, limit=limit)
    people = Person.objects.in_bulk([s.key for s in found])
    return [Suggested(people[s.key], s.score, [describe(t) for t in s.reasons]) for s in found]
