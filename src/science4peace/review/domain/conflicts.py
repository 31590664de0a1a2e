"""Conflicts of interest, found from the platform's own records and explained. The facts are
read in a few bulk queries (affiliation histories, collaboration memberships, small recent
papers, projects) and handed to ``lib.conflicts``; declarations and the organisers' rulings
come on top. Nothing here reads a country or a location (invariant 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone

from science4peace.collaborations.models import Membership
from science4peace.events.models import EventRole
from science4peace.lib import conflicts as lib
from science4peace.lib.conflicts import Facts, Reason, Stint
from science4peace.papers.models import Paper, PaperAuthor
from science4peace.people.models import Affiliation, Person
from science4peace.projects.models import ProjectMember
from science4peace.review.models import Call, ConflictRuling, Submission, SubmissionAuthor

POOL = (EventRole.Role.REVIEWER, EventRole.Role.COMMITTEE)
DECLARING: dict[str, str] = {
    ConflictRuling.Kind.DECLARED_REVIEWER: lib.DECLARED,
    ConflictRuling.Kind.DECLARED_AUTHORS: lib.DECLARED,
    ConflictRuling.Kind.ADDED: lib.ADDED,
}


@dataclass(frozen=True)
class Person_:
    user: int
    person: int | None
    orcid: str
    name: str


def reviewer_pool(call: Call) -> list[Person_]:
    """The event's reviewers and committee members, with their person (if any)."""
    rows = (
        EventRole.objects.filter(event_id=call.event_id, role__in=POOL)
        .order_by("user_id")
        .values_list(
            "user_id",
            "user__person__id",
            "user__person__orcid",
            "user__person__given_name",
            "user__person__family_name",
        )
    )
    return [Person_(u, p, o or "", " ".join(x for x in (g, f) if x)) for u, p, o, g, f in rows]


def _facts(person_ids: Iterable[int], today: dt.date) -> dict[int, Facts]:
    ids = sorted(set(person_ids))
    since = lib.window_start(today)
    stints: dict[int, list[Stint]] = {i: [] for i in ids}
    for model in (Affiliation, Membership):
        rows = model.objects.filter(person_id__in=ids).exclude(end__lt=since)
        for person, institution, start, end in rows.values_list(
            "person_id", "institution_id", "start", "end"
        ):
            stints[person].append(Stint(institution, start, end))
    small = (
        Paper.objects.filter(reference_date__gte=since, reference_date__lte=today)
        .annotate(n=Count("authors"))
        .filter(n__lte=lib.SMALL_PAPER)
        .values("pk")
    )
    papers: dict[int, set[int]] = {i: set() for i in ids}
    for person, paper in PaperAuthor.objects.filter(person_id__in=ids, paper__in=small).values_list(
        "person_id", "paper_id"
    ):
        papers[person].add(paper)
    projects: dict[int, set[int]] = {i: set() for i in ids}
    for person, project in ProjectMember.objects.filter(
        person_id__in=ids, status=ProjectMember.Status.MEMBER
    ).values_list("person_id", "project_id"):
        projects[person].add(project)
    orcids = dict(Person.objects.filter(pk__in=ids).values_list("pk", "orcid"))
    return {
        i: Facts(
            i, orcids.get(i) or "", tuple(stints[i]), frozenset(papers[i]), frozenset(projects[i])
        )
        for i in ids
    }


def _author_facts(author: SubmissionAuthor, known: dict[int, Facts], today: dt.date) -> Facts:
    base = known.get(author.person_id) if author.person_id else None
    stated = (Stint(author.institution_id, today),) if author.institution_id else ()
    if base is None:
        return Facts(None, author.orcid, stated)
    return Facts(
        base.person, base.orcid or author.orcid, base.stints + stated, base.papers, base.projects
    )


def _declared_by_authors(submission: Submission, pool: list[Person_]) -> set[int]:
    lines = {
        " ".join(line.casefold().split()) for line in submission.declared_conflicts.splitlines()
    }
    lines.discard("")
    return {
        p.user
        for p in pool
        if (p.orcid and p.orcid.casefold() in lines) or (p.name and p.name.casefold() in lines)
    }


def find(
    call: Call,
    *,
    submissions: Iterable[Submission] | None = None,
    reviewers: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> dict[tuple[int, int], list[Reason]]:
    """``(submission id, reviewer user id) -> reasons`` for every conflicted pair of the call
    (or of the given submissions and reviewers), lifted conflicts left out."""
    today = today or timezone.localdate()
    pool = reviewer_pool(call)
    if reviewers is not None:
        wanted = set(reviewers)
        pool = [p for p in pool if p.user in wanted]
    subs = list(
        submissions
        if submissions is not None
        else call.submissions.exclude(status=Submission.Status.WITHDRAWN)
    )
    authors = list(
        SubmissionAuthor.objects.filter(submission__in=[s.pk for s in subs]).order_by(
            "submission_id", "position"
        )
    )
    orcid_people = dict(
        Person.objects.filter(
            orcid__in=[a.orcid for a in authors if a.orcid and not a.person_id]
        ).values_list("orcid", "pk")
    )
    for a in authors:
        if not a.person_id and a.orcid in orcid_people:
            a.person_id = orcid_people[a.orcid]
    person_ids = [p.person for p in pool if p.person] + [
        a.person_id for a in authors if a.person_id
    ]
    known = _facts(person_ids, today)
    reviewer_facts = {
        p.user: known.get(p.person, Facts(p.person, p.orcid)) if p.person else Facts(None, p.orcid)
        for p in pool
    }
    by_submission: dict[int, list[Facts]] = {s.pk: [] for s in subs}
    for a in authors:
        by_submission[a.submission_id].append(_author_facts(a, known, today))
    found = lib.conflicts(reviewer_facts, by_submission, today)
    pool_users = {p.user for p in pool}
    for s in subs:
        for user in sorted(_declared_by_authors(s, pool)):
            found.setdefault((s.pk, user), []).append(Reason(lib.DECLARED, "authors"))
    rulings = ConflictRuling.objects.filter(
        submission__in=[s.pk for s in subs], reviewer_id__in=pool_users
    )
    lifted: set[tuple[int, int]] = set()
    for ruling in rulings.order_by("created", "id"):
        pair = (ruling.submission_id, ruling.reviewer_id)
        if ruling.kind == ConflictRuling.Kind.LIFTED:
            lifted.add(pair)
        else:
            found.setdefault(pair, []).append(Reason(DECLARING[ruling.kind], ruling.kind))
    for pair in lifted:
        kept = [
            r
            for r in found.get(pair, [])
            if r.code in {lib.DECLARED, lib.ADDED} and r.ref != "authors"
        ]
        # the organisers lift what was found; a later declaration or addition still counts
        if kept:
            found[pair] = kept
        else:
            found.pop(pair, None)
    return found


def has_conflict(submission: Submission, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(find(submission.call, submissions=[submission], reviewers=[user.pk]))
