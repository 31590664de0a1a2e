"""Read queries behind the project pages, their htmx fragments, the feed and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from science4peace.catalog.models import Record
from science4peace.lib.matching import EXPERIMENT, KEYWORD, SUBJECT, Term, TermError, normalise
from science4peace.people.domain.queries import person_of
from science4peace.projects.models import Project, ProjectMember, ProjectPaper, ProjectTerm

Status = ProjectMember.Status

_TERMS = Prefetch("terms", queryset=ProjectTerm.objects.order_by("term"))


def _interest_keys(interest: str) -> list[str]:
    """The stored terms an "interest" filter matches: a subject class or a keyword."""
    keys = []
    for kind in (SUBJECT, KEYWORD):
        try:
            keys.append(Term(kind, normalise(kind, interest)).key)
        except TermError:
            continue
    return keys


def list_projects(
    *,
    kind: str = "",
    status: str = "",
    open_for_members: bool | None = None,
    experiment: str = "",
    interest: str = "",
) -> QuerySet[Project]:
    """Projects, newest first, with their member count and terms; the filters combine."""
    projects = Project.objects.all()
    if kind:
        projects = projects.filter(kind=kind)
    if status:
        projects = projects.filter(status=status)
    if open_for_members is not None:
        projects = projects.filter(open_for_members=open_for_members)
    if experiment:
        projects = projects.filter(
            pk__in=ProjectTerm.objects.filter(term=Term(EXPERIMENT, experiment.strip()).key).values(
                "project_id"
            )
        )
    if interest:
        projects = projects.filter(
            pk__in=ProjectTerm.objects.filter(term__in=_interest_keys(interest)).values(
                "project_id"
            )
        )
    return (
        projects.annotate(member_count=Count("members", filter=Q(members__status=Status.MEMBER)))
        .prefetch_related(_TERMS)
        .order_by("-created", "-id")
    )


def new_projects(limit: int = 50) -> list[Project]:
    return list(list_projects()[:limit])


def projects_using(record: Record) -> QuerySet[Project]:
    """The projects that use a catalog record, for the record's page (newest first)."""
    return Project.objects.filter(records=record).order_by("-created", "-id")


def project_experiments() -> list[str]:
    """Experiments named by the projects' records, for the list filter."""
    prefix = f"{EXPERIMENT}:"
    keys = ProjectTerm.objects.filter(term__startswith=prefix).values_list("term", flat=True)
    return sorted({key[len(prefix) :] for key in keys.distinct()}, key=str.casefold)


def members_of(project: Project, *, statuses: list[str] | None = None) -> QuerySet[ProjectMember]:
    rows = project.members.select_related("person").filter(status__in=statuses or [Status.MEMBER])
    return rows.order_by("role", "person__family_name", "person__given_name", "id")  # leads first


def requests_of(project: Project) -> QuerySet[ProjectMember]:
    return members_of(project, statuses=[Status.REQUESTED])


def records_of(project: Project) -> QuerySet[Record]:
    return project.records.order_by("recid")


def papers_of(project: Project) -> QuerySet[ProjectPaper]:
    return project.papers.select_related("paper").order_by("-created", "-id")


def membership_of(project: Project, user: Any) -> ProjectMember | None:
    person = person_of(user)
    if person is None:
        return None
    return ProjectMember.objects.filter(project=project, person=person).first()


def terms_by_kind(project: Project) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key in project.terms.values_list("term", flat=True):
        term = Term.from_key(key)
        found.setdefault(term.kind, []).append(term.value)
    return found
