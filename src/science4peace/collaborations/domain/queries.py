"""Read queries behind the collaboration pages, fragments and API endpoints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet

from science4peace.collaborations import rules
from science4peace.collaborations.domain.access import decide_resources
from science4peace.collaborations.models import (
    Collaboration,
    JoinRequest,
    MemberInstitution,
    Membership,
    Resource,
    WorkContribution,
)
from science4peace.institutions.domain.queries import list_institutions
from science4peace.institutions.models import Institution
from science4peace.lib.access import Decision
from science4peace.lib.eligibility import AuthorshipRule, MembershipSpan, authors_on
from science4peace.lib.periods import Period
from science4peace.people.domain.queries import person_of
from science4peace.people.models import Person


def list_collaborations() -> QuerySet[Collaboration]:
    return Collaboration.objects.annotate(
        member_count=Count("memberships__person", distinct=True)
    ).order_by("name")


def member_institutions(collaboration: Collaboration) -> QuerySet[MemberInstitution]:
    return collaboration.member_institutions.select_related("institution__country")


def list_members(
    collaboration: Collaboration,
    *,
    institution: int | None = None,
    role: str = "",
    active_on: dt.date | None = None,
) -> QuerySet[Membership]:
    members = collaboration.memberships.select_related("person", "institution__country")
    if institution:
        members = members.filter(institution_id=institution)
    if role:
        members = members.filter(role=role)
    if active_on:
        members = members.filter(Q(end__isnull=True) | Q(end__gte=active_on), start__lte=active_on)
    return members.order_by("person__family_name", "person__given_name", "start", "id")


def membership_institutions(
    collaboration: Collaboration, *, q: str = "", ids: Sequence[int] | None = None
) -> QuerySet[Institution]:
    """Institutions that appear in the collaboration's memberships, as the institution
    directory finds ``q`` (the matches of the members page's institution filter); ``ids``
    keeps those chosen."""
    found = list_institutions(q=q).filter(pk__in=collaboration.memberships.values("institution_id"))
    return found if ids is None else found.filter(pk__in=list(ids))


def member_roles(collaboration: Collaboration) -> list[str]:
    return sorted(set(collaboration.memberships.values_list("role", flat=True)))


def list_work_contributions(
    collaboration: Collaboration, *, actor: Any
) -> QuerySet[WorkContribution]:
    """The work contributions ``actor`` may see (``rules.can_see_work_contribution``):
    confirmed ones, also their own, all for the collaboration's administrators."""
    contributions = collaboration.work_contributions.select_related("person")
    if not rules.is_administrator(actor, collaboration):
        visible = Q(status=WorkContribution.Status.CONFIRMED)
        person = person_of(actor)
        if person is not None:
            visible |= Q(person=person)
        contributions = contributions.filter(visible)
    return contributions.order_by("start", "id")


def list_join_queue(collaboration: Collaboration, *, actor: Any) -> QuerySet[JoinRequest]:
    """The requests waiting for the collaboration's administrators, oldest first; nothing for
    anyone else."""
    if not rules.is_administrator(actor, collaboration):
        return JoinRequest.objects.none()
    return (
        collaboration.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("person", "institution", "collaboration")
        .order_by("created", "id")
    )


def list_own_join_requests(
    *, actor: Any, collaboration: Collaboration | None = None, pending: bool = False
) -> QuerySet[JoinRequest]:
    """The actor's own requests to join, newest first (of one collaboration when given)."""
    person = person_of(actor)
    if person is None:
        return JoinRequest.objects.none()
    found = JoinRequest.objects.filter(person=person)
    if collaboration is not None:
        found = found.filter(collaboration=collaboration)
    if pending:
        found = found.filter(status=JoinRequest.Status.PENDING)
    return found.select_related("person", "institution", "collaboration").order_by(
        "-created", "-id"
    )


def list_administrators(collaboration: Collaboration) -> list[Any]:
    """The collaboration's administrators with their person (for names), by e-mail."""
    return list(collaboration.administrators.select_related("person").order_by("email", "id"))


def has_membership(collaboration: Collaboration, person: Person | None) -> bool:
    """Has ``person`` any membership (past, present or future) of the collaboration?"""
    if person is None:
        return False
    return collaboration.memberships.filter(person=person).exists()


class ResourceRow(NamedTuple):
    resource: Resource
    decision: Decision


def list_resources(collaboration: Collaboration, *, actor: Any) -> list[ResourceRow]:
    """Every resource of the collaboration with the actor's access decision; the person's
    contributions, pledge and role are read once for the whole list."""
    resources = list(collaboration.resources.order_by("title", "id"))
    return [
        ResourceRow(resource, decision)
        for resource, decision in decide_resources(collaboration, resources, actor)
    ]


def authorship_rule(collaboration: Collaboration) -> AuthorshipRule:
    return AuthorshipRule(
        collaboration.author_months_before,
        collaboration.author_months_after,
        frozenset(collaboration.author_roles),
    )


def membership_spans(collaboration: Collaboration) -> list[MembershipSpan]:
    rows = collaboration.memberships.values_list(
        "person_id", "institution_id", "role", "start", "end"
    )
    return [
        MembershipSpan(person, institution, role, Period(start, end))
        for person, institution, role, start, end in rows
    ]


@dataclass(frozen=True)
class AuthorName:
    """The parts of a person an author list needs (lighter than a model instance)."""

    pk: int
    given_name: str
    family_name: str
    paper_name: str
    native_name: str
    orcid: str | None

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


@dataclass(frozen=True)
class AuthorRow:
    person: AuthorName
    since: dt.date
    institutions: list[Institution]


def authors_on_date(collaboration: Collaboration, day: dt.date) -> list[AuthorRow]:
    """Who is an author of ``collaboration`` on ``day``, in three queries."""
    authors = authors_on(membership_spans(collaboration), authorship_rule(collaboration), day)
    names = Person.objects.filter(pk__in=[a.person_id for a in authors]).values_list(
        "id", "given_name", "family_name", "paper_name", "native_name", "orcid"
    )
    people = {name[0]: AuthorName(*name) for name in names}
    ids = {i for a in authors for i in a.institution_ids}
    institutions = Institution.objects.select_related("country").in_bulk(ids)
    rows = [
        AuthorRow(people[a.person_id], a.since, [institutions[i] for i in a.institution_ids])
        for a in authors
    ]
    return sorted(
        rows,
        key=lambda r: (
            r.person.family_name.casefold(),
            r.person.given_name.casefold(),
            r.person.pk,
        ),
    )
