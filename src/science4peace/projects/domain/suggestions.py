"""Suggestions by science alone: projects for a person, people for a project, each with its
reasons. The term tables, indexed by term, are the inverted index; a suggestion reads only
the posting lists of the query's own terms, and the database adds up the weights of the
shared terms (a sparse dot product) so that only the best few candidates come back to
Python. The weights and the explanation come from lib/matching.py, whose ``rank`` is the
reference the result is tested against. Nothing here reads a country, an institution or a
location (invariant 1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from science4peace.lib.matching import EXPERIMENT, Suggestion, Term, explain, weights
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


def ranked(
    query: list[Term],
    index: QuerySet[Any],
    eligible: QuerySet[Any],
    key: str,
    total: int,
    limit: int,
) -> list[Suggestion]:
    """The best ``limit`` candidates for ``query``. ``index`` is a whole term table (the
    inverse document frequency counts every candidate holding a term), ``eligible`` the same
    table restricted to the candidates that may be suggested, ``key`` its candidate column,
    ``total`` the number of candidates.
    Four queries, whatever the number of postings; the database reads the posting lists of
    the query's terms through the index on ``term`` and adds up the integer weights."""
    if not query:
        return []
    keys = [t.key for t in query]
    by_key = {t.key: t for t in query}
    frequency = {
        by_key[term]: n
        for term, n in index.filter(term__in=keys).values_list("term").annotate(n=Count("*"))
    }
    weight = weights(query, frequency, total)
    score = Case(
        *[When(term=t.key, then=Value(w)) for t, w in weight.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = eligible.filter(term__in=keys)
    best = list(rows.values_list(key).annotate(score=Sum(score)).order_by("-score", key)[:limit])
    shared: dict[int, list[Term]] = {k: [] for k, _score in best}
    for k, term in rows.filter(**{f"{key}__in": list(shared)}).values_list(key, "term"):
        shared[k].append(by_key[term])
    return [explain(k, s, shared[k], weight) for k, s in best]


def open_projects() -> QuerySet[Project]:
    """Projects one can still join: open for members and not completed."""
    return Project.objects.filter(open_for_members=True).exclude(status=Project.Status.COMPLETED)


def _terms(rows: QuerySet[Any]) -> list[Term]:
    return [Term.from_key(key) for key in rows.order_by().values_list("term", flat=True)]


def projects_for(person: Person, *, limit: int = LIMIT) -> list[Suggested]:
    """Open projects whose needs share terms with the person's interests, best first;
    projects the person takes part in or asked to join are left out."""
    query = _terms(ProfileTerm.objects.filter(profile_id=person.pk))
    if not query:
        return []
    taking_part = ProjectMember.objects.filter(person=person, status__in=TAKING_PART)
    postings = (
        ProjectTerm.objects.order_by()
        .filter(project__open_for_members=True)
        .exclude(project__status=Project.Status.COMPLETED)
        .exclude(project_id__in=taking_part.values("project_id"))
    )
    total = Project.objects.count()
    found = ranked(query, ProjectTerm.objects.order_by(), postings, "project_id", total, limit)
    projects = Project.objects.in_bulk([s.key for s in found])
    return [Suggested(projects[s.key], s.score, [describe(t) for t in s.reasons]) for s in found]


def people_for(project: Project, *, limit: int = LIMIT) -> list[Suggested]:
    """People who may be suggested and whose interests share terms with the project's needs,
    best first; its members and those who asked to join are left out."""
    query = _terms(ProjectTerm.objects.filter(project_id=project.pk))
    if not query:
        return []
    taking_part = ProjectMember.objects.filter(project=project, status__in=TAKING_PART)
    postings = (
        ProfileTerm.objects.order_by()
        .filter(profile__suggestable=True)
        .exclude(profile_id__in=taking_part.values("person_id"))
    )
    total = ResearchProfile.objects.count()
    found = ranked(query, ProfileTerm.objects.order_by(), postings, "profile_id", total, limit)
    people = Person.objects.in_bulk([s.key for s in found])
    return [Suggested(people[s.key], s.score, [describe(t) for t in s.reasons]) for s in found]
