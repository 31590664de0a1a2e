"""The access rule of a collaboration's resources (Science4Peace measure 1, invariant 6).

A person may use a collaboration's protected resources for non-military research when they
made a confirmed contribution that the collaboration's rule accepts, have accepted the
current civil-use pledge, and the collaboration is not complete. The inputs are contributions,
roles, dates and the pledge: no country, institution country or location can reach a
decision, because none is an input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .periods import Period


@dataclass(frozen=True)
class ContributionFact:
    kind: str
    description: str
    period: Period
    confirmed: bool
    roles: frozenset[str] = frozenset()  # the person's roles in the collaboration meanwhile


@dataclass(frozen=True)
class AccessRule:
    kinds: frozenset[str] = frozenset()  # contribution types that count; empty: all
    roles: frozenset[str] = frozenset()  # roles that count; empty: all
    contributed_from: dt.date | None = None  # only contributions starting on or after


@dataclass(frozen=True)
class Reason:
    code: str
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class PledgeState:
    current_version: int | None
    accepted_version: int | None = None
    accepted_on: dt.date | None = None


def counts(rule: AccessRule, contribution: ContributionFact) -> bool:
    if not contribution.confirmed:
        return False
    if rule.kinds and contribution.kind not in rule.kinds:
        return False
    if rule.roles and not (contribution.roles & rule.roles):
        return False
    return rule.contributed_from is None or contribution.period.start >= rule.contributed_from


def _pledge_reason(pledge: PledgeState) -> Reason | None:
    """The pledge reason when accepted, None when not (or no pledge is published)."""
    if pledge.current_version is None or pledge.accepted_version != pledge.current_version:
        return None
    return Reason(
        "pledge-accepted",
        {
            "version": str(pledge.current_version),
            "on": pledge.accepted_on.isoformat() if pledge.accepted_on else "",
        },
    )


def decide(
    *,
    rule: AccessRule,
    contributions: Iterable[ContributionFact],
    pledge: PledgeState,
    completion: dt.date | None,
    today: dt.date,
    is_administrator: bool = False,
) -> Decision:
    """Whether a person may use the protected resources, with the reasons either way."""
    if completion is not None and today > completion:
        return Decision(False, (Reason("completed", {"on": completion.isoformat()}),))
    accepted = _pledge_reason(pledge)
    if accepted is None:
        code = "no-pledge-published" if pledge.current_version is None else "pledge-missing"
        return Decision(False, (Reason(code, {"version": str(pledge.current_version or "")}),))
    until = {"until": completion.isoformat()} if completion else {}
    grounds = [c for c in contributions if counts(rule, c)]
    if grounds:
        first = min(grounds, key=lambda c: c.period)
        detail = {
            "kind": first.kind,
            "description": first.description,
            "from": first.period.start.isoformat(),
            "to": first.period.end.isoformat() if first.period.end else "",
        }
        return Decision(True, (Reason("contribution", detail), Reason("until", until), accepted))
    if is_administrator:
        return Decision(True, (Reason("administrator"), Reason("until", until), accepted))
    return Decision(False, (Reason("no-contribution"),))
