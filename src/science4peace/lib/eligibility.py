"""Authorship eligibility: who is an author of a collaboration on a given date.

A person's qualifying memberships that follow each other without a gap form one continuous
history, whatever institutions they were at (a Moscow institute, then JINR, then a German
university is one history). An author is someone whose history began at least
``months_before`` months before the date and had not ended more than ``months_after`` months
before it. Nothing here knows a country or a location.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .periods import Period, add_months, merge_consecutive


@dataclass(frozen=True)
class MembershipSpan:
    person_id: int
    institution_id: int
    role: str
    period: Period


@dataclass(frozen=True)
class AuthorshipRule:
    months_before: int = 12
    months_after: int = 12
    roles: frozenset[str] = frozenset()  # empty: every role qualifies

    def qualifies(self, role: str) -> bool:
        return not self.roles or role in self.roles


@dataclass(frozen=True)
class Author:
    person_id: int
    since: dt.date  # the day the person became an author in this history
    institution_ids: tuple[int, ...]  # memberships on the date, or the last ones before it


def _eligible_window(history: Period, rule: AuthorshipRule) -> Period:
    start = add_months(history.start, rule.months_before)
    end = None if history.end is None else add_months(history.end, rule.months_after)
    return Period(start, end)


def authors_on(spans: Iterable[MembershipSpan], rule: AuthorshipRule, day: dt.date) -> list[Author]:
    """The authors on ``day``, ordered by person id."""
    by_person: dict[int, list[MembershipSpan]] = defaultdict(list)
    for span in spans:
        if rule.qualifies(span.role) and span.period.start <= day:
            by_person[span.person_id].append(span)
    authors = []
    for person_id in sorted(by_person):
        own = by_person[person_id]
        for history in merge_consecutive(span.period for span in own):
            window = _eligible_window(history, rule)
            if window.start <= day and window.contains(day):
                authors.append(Author(person_id, window.start, _institutions_on(own, day)))
                break
    return authors


def _institutions_on(spans: list[MembershipSpan], day: dt.date) -> tuple[int, ...]:
    current = [span.institution_id for span in spans if span.period.contains(day)]
    if current:
        return tuple(dict.fromkeys(current))
    last_end = max(span.period.end for span in spans if span.period.end is not None)
    return tuple(dict.fromkeys(s.institution_id for s in spans if s.period.end == last_end))
