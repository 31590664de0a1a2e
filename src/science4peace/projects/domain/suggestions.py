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


# the rare terms whose posting lists are read first hold at most this many postings together
FIRST_POSTINGS = 5000


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

    The database reads the posting lists through the index on ``term`` and adds up the
    integer weights. Common terms (a broad subject class, a big experiment) have long lists
    and small weights, so the rarest terms are tried first (a "max-score" bound): the
    candidates holding one of them are scored on every query term; if the best ``limit`` of
    them score more than all the other terms' weights together, no candidate without a rare
    term can reach them and the answer is exact; otherwise every posting list is read (and
    at once when all of them are short). Three to five queries whatever the number of
    postings."""
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
    # rarest (heaviest) first; the first few whose lists are short together
    order = sorted(weight, key=lambda t: (-weight[t], t.key))
    rare: list[Term] = []
    postings = 0
    # when all the lists are short together, reading them all is as cheap
    for term in order[:-1] if sum(frequency.values()) > FIRST_POSTINGS else []:
        if rare and postings + frequency.get(term, 0) > FIRST_POSTINGS:
            break
        rare.append(term)
        postings += frequency.get(term, 0)
    best: list[tuple[int, int]] = []
    if rare:
        holders = eligible.filter(term__in=[t.key for t in rare]).values(key)
        candidates = rows.filter(**{f"{key}__in": holders})
        best = _best(candidates, key, score, limit)
        others = sum(w for t, w in weight.items() if t not in rare)
        if len(best) < limit or best[-1][1] <= others:
            best = []  # a candidate without a rare term may still belong: read everything
    if not best:
        best = _best(rows, key, score, limit)
    shared: dict[int, list[Term]] = {k: [] for k, _score in best}
    for k, term in rows.filter(**{f"{key}__in": list(shared)}).values_list(key, "term"):
        shared[k].append(by_key[term])
    return [explain(k, s, shared[k], weight) for k, s in best]


def _best(rows: QuerySet[Any], key: str, score: Any, limit: int) -> list[tuple[int, int]]:
    return list(rows.values_list(key).annotate(score=Sum(score)).order_by("-score", key)[:limit])


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
