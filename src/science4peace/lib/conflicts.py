"""Conflicts of interest between reviewers and the authors of a submission, from plain facts
(no Django): same person, a shared institution in the last three years, co-authorship of a
small recent paper, a shared project, a declaration. Country and location are not facts here
and can never be a reason (invariant 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

WINDOW_YEARS = 3
SMALL_PAPER = 25  # a paper with more authors than this is no conflict

SAME_PERSON = "same_person"
INSTITUTION = "institution"
COAUTHOR = "coauthor"
PROJECT = "project"
DECLARED = "declared"
ADDED = "added"


@dataclass(frozen=True)
class Stint:
    """A period at an institution; ``end`` None: until now."""

    institution: int
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class Facts:
    """What the platform knows about one person (a reviewer or an author)."""

    person: int | None = None
    orcid: str = ""
    stints: tuple[Stint, ...] = ()
    papers: frozenset[int] = frozenset()  # small papers of the window only
    projects: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Reason:
    """Why a reviewer may not review a submission: a code and the shared object's id."""

    code: str
    ref: int | str | None = None


@dataclass
class Pair:
    reasons: list[Reason] = field(default_factory=list)


def window_start(today: dt.date, years: int = WINDOW_YEARS) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def recent_institutions(stints: Iterable[Stint], today: dt.date) -> set[int]:
    """Institutions of the periods that overlap the last three years up to ``today``."""
    since = window_start(today)
    return {s.institution for s in stints if s.start <= today and (s.end is None or s.end >= since)}


def reasons_between(reviewer: Facts, author: Facts, today: dt.date) -> list[Reason]:
    """Every reason, in a fixed order, why ``reviewer`` conflicts with ``author``."""
    found: list[Reason] = []
    if reviewer.person is not None and reviewer.person == author.person:
        found.append(Reason(SAME_PERSON, reviewer.person))
    elif reviewer.orcid and reviewer.orcid == author.orcid:
        found.append(Reason(SAME_PERSON, reviewer.orcid))
    shared = recent_institutions(reviewer.stints, today) & recent_institutions(author.stints, today)
    found += [Reason(INSTITUTION, i) for i in sorted(shared)]
    found += [Reason(COAUTHOR, p) for p in sorted(reviewer.papers & author.papers)]
    found += [Reason(PROJECT, p) for p in sorted(reviewer.projects & author.projects)]
    return found


def conflicts(
    reviewers: dict[int, Facts],
    submissions: dict[int, list[Facts]],
    today: dt.date,
) -> dict[tuple[int, int], list[Reason]]:
    """``(submission, reviewer) -> reasons`` for every conflicted pair. Indexed by person,
    ORCID, institution, paper and project, so the work grows with the overlaps, not with
    submissions × reviewers."""
    index: dict[tuple[str, object], set[int]] = {}
    for rid, facts in reviewers.items():
        keys: list[tuple[str, object]] = [
            ("i", i) for i in recent_institutions(facts.stints, today)
        ]
        keys += [("p", p) for p in facts.papers] + [("j", j) for j in facts.projects]
        if facts.person is not None:
            keys.append(("person", facts.person))
        if facts.orcid:
            keys.append(("orcid", facts.orcid))
        for key in keys:
            index.setdefault(key, set()).add(rid)
    found: dict[tuple[int, int], list[Reason]] = {}
    for sid, authors in submissions.items():
        for author in authors:
            keys = [("i", i) for i in recent_institutions(author.stints, today)]
            keys += [("p", p) for p in author.papers] + [("j", j) for j in author.projects]
            if author.person is not None:
                keys.append(("person", author.person))
            if author.orcid:
                keys.append(("orcid", author.orcid))
            candidates: set[int] = set()
            for key in keys:
                candidates |= index.get(key, set())
            for rid in sorted(candidates):
                for reason in reasons_between(reviewers[rid], author, today):
                    pair = found.setdefault((sid, rid), [])
                    if reason not in pair:
                        pair.append(reason)
    return found
