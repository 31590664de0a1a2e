"""The audit of a call's outcome (issue 16, point 8): acceptance rates by the UN geoscheme
region of the submitters' institutions and by first-time against returning submitters, so
that organisers and the public can see whether the review treated regions alike.

After the decisions only, never an input to them: this is the one module of the review app
that reads a country (an institution's, invariant 1). No decision, assignment, conflict,
access or rule module imports it (tests/review/test_audit_isolation.py), and it is shown only
once every submission is decided. Groups of fewer than ``MIN_GROUP`` submissions are
suppressed; when only one group of a table would be, the next smallest is too, so that no
suppressed figure can be recovered from the totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from science4peace.lib import geoscheme
from science4peace.people.models import Affiliation
from science4peace.review.domain import regions
from science4peace.review.domain.access import access_call
from science4peace.review.domain.book import is_final
from science4peace.review.models import Call, Submission

MIN_GROUP = 5
ACCEPTED = frozenset({Submission.Decision.TALK, Submission.Decision.POSTER})


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    submitted: int | None  # None: suppressed (fewer than MIN_GROUP, or to protect one)
    accepted: int | None
    rate: float | None  # accepted / submitted, 0..1

    @property
    def suppressed(self) -> bool:
        return self.submitted is None


@dataclass(frozen=True)
class OutcomeAudit:
    submitted: int
    accepted: int
    rate: float | None
    regions: tuple[Group, ...]
    subregions: tuple[Group, ...]
    history: tuple[Group, ...]


def access_audit(actor: Any, event_id: int) -> Call:
    """The call whose audit the actor may read: anyone who sees the event, once every
    submission is decided; before that nobody, organisers included."""
    call = access_call(actor, event_id)
    if not is_final(call):
        raise PermissionDenied(
            _("The audit of the outcome is shown once every submission is decided.")
        )
    return call


def _countries(submissions: list[Submission]) -> dict[int, str]:
    """Each submission's country code: the institution the submitter gave as an author of
    it, else the institution of their primary affiliation on the day they submitted."""
    found: dict[int, str] = {}
    missing: dict[int, list[Submission]] = {}
    for s in submissions:
        person_id = getattr(getattr(s.submitter, "person", None), "pk", None)
        own = [
            a.institution.country_id or ""
            for a in s.authors.all()
            if a.person_id and a.person_id == person_id and a.institution is not None
        ]
        if own:
            found[s.pk] = own[0]
        elif person_id is not None:
            missing.setdefault(person_id, []).append(s)
    rows = Affiliation.objects.filter(
        person_id__in=list(missing), kind=Affiliation.Kind.PRIMARY
    ).values_list("person_id", "start", "end", "institution__country")
    for person_id, start, end, country in sorted(rows, key=lambda r: (r[0], r[1])):
        for s in missing[person_id]:
            day = s.created.date()
            if start <= day and (end is None or day <= end):
                found[s.pk] = country or ""
    return found


def _returning(call: Call, submissions: list[Submission]) -> set[int]:
    """The submissions whose submitter had sent one to another call before."""
    firsts: dict[int, Any] = {}
    for user_id, created in (
        Submission.objects.filter(submitter_id__in={s.submitter_id for s in submissions})
        .exclude(call=call)
        .values_list("submitter_id", "created")
    ):
        firsts[user_id] = min(created, firsts.get(user_id, created))
    return {
        s.pk for s in submissions if s.submitter_id in firsts and firsts[s.submitter_id] < s.created
    }


def _table(keys: dict[int, str], accepted: set[int], labels: dict[str, str]) -> tuple[Group, ...]:
    sent = Counter(keys.values())
    taken = Counter(key for pk, key in keys.items() if pk in accepted)
    hidden = {key for key, n in sent.items() if n < MIN_GROUP}
    shown = sorted((n, key) for key, n in sent.items() if key not in hidden)
    if len(hidden) == 1 and shown:
        hidden.add(shown[0][1])
    groups = []
    for key in sorted(sent, key=lambda k: (k == "", labels.get(k, k))):
        if key in hidden:
            groups.append(Group(key, labels.get(key, key), None, None, None))
        else:
            groups.append(
                Group(key, labels.get(key, key), sent[key], taken[key], taken[key] / sent[key])
            )
    return tuple(groups)


def outcome_audit(call: Call) -> OutcomeAudit:
    """The audit's tables for a call whose every submission is decided. Four queries, five
    when a submitter gave no institution of the platform on the submission."""
    submissions = list(
        call.submissions.exclude(status=Submission.Status.WITHDRAWN)
        .exclude(decision="")
        .select_related("submitter__person")
        .prefetch_related("authors__institution")
    )
    accepted = {s.pk for s in submissions if s.decision in ACCEPTED}
    countries = _countries(submissions)
    unknown = _("institution unknown")
    names = regions.labels()
    subregion = {s.pk: geoscheme.subregion(countries.get(s.pk)) for s in submissions}
    region = {s.pk: geoscheme.region(countries.get(s.pk)) for s in submissions}
    returning = _returning(call, submissions)
    history = {s.pk: "returning" if s.pk in returning else "first" for s in submissions}
    history_labels = {"first": _("first-time submitters"), "returning": _("returning submitters")}
    return OutcomeAudit(
        submitted=len(submissions),
        accepted=len(accepted),
        rate=len(accepted) / len(submissions) if submissions else None,
        regions=_table(region, accepted, {**names, "": unknown}),
        subregions=_table(subregion, accepted, {**names, "": unknown}),
        history=_table(history, accepted, history_labels),
    )
