"""The permission funnel of the collaborations app. Views and API handlers obtain
collaborations, memberships, work contributions, resources and the pledge only through the
``access_*`` functions here, which fetch and check in one step: ``Http404`` for what the actor
may not know exists, ``PermissionDenied`` for what the actor may see but not do.

Decisions about protected resources carry their reasons ("confirmed contribution: ECAL
construction 2008–2012; access until 2041-12-31; pledge v2 accepted 2026-03-01") and every
opening of a protected resource is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.collaborations import rules
from science4peace.collaborations.models import (
    Collaboration,
    JoinRequest,
    Membership,
    Pledge,
    PledgeAcceptance,
    Resource,
    WorkContribution,
)
from science4peace.core import audit
from science4peace.lib.access import (
    AccessRule,
    ContributionFact,
    Decision,
    PledgeState,
    Reason,
    decide,
)
from science4peace.lib.periods import Period
from science4peace.people.domain.queries import person_of
from science4peace.people.models import Person


def _administrators_only(actor: Any, collaboration: Collaboration) -> None:
    if not rules.is_administrator(actor, collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))


def access_collaboration(
    actor: Any, collaboration_id: int, *, to: Literal["see", "administer"] = "see"
) -> Collaboration:
    """Collaborations are public; administering one is for its administrators."""
    collaboration = Collaboration.objects.filter(pk=collaboration_id).first()
    if collaboration is None:
        raise Http404(_("No collaboration with id %(id)s.") % {"id": collaboration_id})
    if to == "administer":
        _administrators_only(actor, collaboration)
    return collaboration


def access_membership(
    actor: Any,
    membership_id: int,
    *,
    collaboration_id: int | None = None,
    to: Literal["see", "administer"] = "see",
) -> Membership:
    """A membership (of ``collaboration_id`` when given); memberships are public, changing
    one is for the collaboration's administrators."""
    found = Membership.objects.select_related("collaboration", "person", "institution")
    if collaboration_id is not None:
        found = found.filter(collaboration_id=collaboration_id)
    membership = found.filter(pk=membership_id).first()
    if membership is None:
        raise Http404(_("No membership with id %(id)s.") % {"id": membership_id})
    if to == "administer":
        _administrators_only(actor, membership.collaboration)
    return membership


def access_work_contribution(
    actor: Any,
    contribution_id: int,
    *,
    collaboration_id: int | None = None,
    to: Literal["see", "decide"] = "see",
) -> WorkContribution:
    """A work contribution the actor may see (confirmed ones, their own, all for the
    collaboration's administrators); deciding on it is for the administrators."""
    found = WorkContribution.objects.select_related("collaboration", "person")
    if collaboration_id is not None:
        found = found.filter(collaboration_id=collaboration_id)
    contribution = found.filter(pk=contribution_id).first()
    if contribution is None or not rules.can_see_work_contribution(actor, contribution):
        raise Http404(_("No contribution with id %(id)s.") % {"id": contribution_id})
    if to == "decide":
        _administrators_only(actor, contribution.collaboration)
    return contribution


def access_join_request(
    actor: Any,
    join_request_id: int,
    *,
    collaboration_id: int | None = None,
    to: Literal["see", "decide"] = "see",
) -> JoinRequest:
    """A request to join, seen by the person who asked and by the collaboration's
    administrators; deciding on it is for the administrators."""
    found = JoinRequest.objects.select_related("collaboration", "person", "institution")
    if collaboration_id is not None:
        found = found.filter(collaboration_id=collaboration_id)
    join_request = found.filter(pk=join_request_id).first()
    if join_request is None or not rules.can_see_join_request(actor, join_request):
        raise Http404(_("No request to join with id %(id)s.") % {"id": join_request_id})
    if to == "decide":
        _administrators_only(actor, join_request.collaboration)
    return join_request


def access_administrator(collaboration: Collaboration, user_id: int) -> Any:
    """One of the collaboration's administrators (the caller has checked ``administer``)."""
    user = collaboration.administrators.filter(pk=user_id).first()
    if user is None:
        raise Http404(_("No administrator with id %(id)s.") % {"id": user_id})
    return user


def access_resource(
    actor: Any,
    resource_id: int,
    *,
    collaboration_id: int | None = None,
    to: Literal["see", "open"] = "see",
    today: dt.date | None = None,
) -> tuple[Resource, Decision]:
    """The resource and the actor's access decision. Every resource is listed, so ``see``
    answers with the decision either way ("why can I see this?"); ``open`` raises
    PermissionDenied with the reasons when refused, and writes each granted opening of a
    protected resource to the audit log."""
    found = Resource.objects.select_related("collaboration")
    if collaboration_id is not None:
        found = found.filter(collaboration_id=collaboration_id)
    resource = found.filter(pk=resource_id).first()
    if resource is None:
        raise Http404(_("No resource with id %(id)s.") % {"id": resource_id})
    decision = decide_resource(resource, actor, today)
    if to == "open":
        if not decision.allowed:
            raise PermissionDenied("; ".join(describe(decision)))
        if resource.sensitivity != Resource.Sensitivity.PUBLIC:
            audit.record(
                actor=actor,
                action="resource.access",
                obj=resource,
                after={"reasons": describe(decision)},
            )
    return resource, decision


def access_pledge(
    actor: Any, *, to: Literal["see", "accept"] = "see"
) -> tuple[Pledge, PledgeState]:
    """The current civil-use pledge and the actor's state towards it; ``Http404`` when none is
    published, ``PermissionDenied`` when an anonymous visitor would accept it."""
    pledge = current_pledge()
    if pledge is None:
        raise Http404(_("No civil-use pledge is published yet."))
    if to == "accept" and not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    return pledge, pledge_state(person_of(actor), pledge)


def current_pledge() -> Pledge | None:
    return Pledge.objects.order_by("-version").first()


def pledge_state(person: Person | None, pledge: Pledge | None = None) -> PledgeState:
    pledge = pledge or current_pledge()
    if pledge is None:
        return PledgeState(None)
    acceptance = None
    if person is not None:
        acceptance = PledgeAcceptance.objects.filter(person=person, pledge=pledge).first()
    if acceptance is None:
        return PledgeState(pledge.version)
    return PledgeState(pledge.version, pledge.version, acceptance.accepted.date())


def access_rule(collaboration: Collaboration) -> AccessRule:
    return AccessRule(
        frozenset(collaboration.access_kinds),
        frozenset(collaboration.access_roles),
        collaboration.access_contributed_from,
    )


def contribution_facts(collaboration: Collaboration, person: Person) -> list[ContributionFact]:
    memberships = [
        (Period(m.start, m.end), m.role) for m in collaboration.memberships.filter(person=person)
    ]
    facts = []
    for c in collaboration.work_contributions.filter(person=person):
        period = Period(c.start, c.end)
        roles = frozenset(role for span, role in memberships if span.overlaps(period))
        facts.append(
            ContributionFact(
                c.kind, c.description, period, c.status == WorkContribution.Status.CONFIRMED, roles
            )
        )
    return facts


def decide_collaboration(
    collaboration: Collaboration, user: Any, today: dt.date | None = None
) -> Decision:
    """May ``user`` use the collaboration's protected resources today?"""
    person = person_of(user)
    if person is None:
        return Decision(False, (Reason("anonymous"),))
    return decide(
        rule=access_rule(collaboration),
        contributions=contribution_facts(collaboration, person),
        pledge=pledge_state(person),
        completion=collaboration.completion,
        today=today or timezone.localdate(),
        is_administrator=rules.is_administrator(user, collaboration),
    )


def _by_sensitivity(resource: Resource, collaboration: Decision | None, is_admin: bool) -> Decision:
    """The rule of a resource's sensitivity, given the collaboration-wide decision."""
    if resource.sensitivity == Resource.Sensitivity.PUBLIC or collaboration is None:
        return Decision(True, (Reason("public"),))
    if resource.sensitivity == Resource.Sensitivity.ADMINISTRATORS:
        if not is_admin:
            return Decision(False, (Reason("administrators-only"),))
        if collaboration.allowed:
            return Decision(True, (Reason("administrator"), *collaboration.reasons[1:]))
    return collaboration


def decide_resources(
    collaboration: Collaboration,
    resources: list[Resource],
    user: Any,
    today: dt.date | None = None,
) -> list[tuple[Resource, Decision]]:
    """Each resource with its decision; the person's contributions, pledge and role are read
    once for the whole list."""
    protected = any(r.sensitivity != Resource.Sensitivity.PUBLIC for r in resources)
    shared = decide_collaboration(collaboration, user, today) if protected else None
    is_admin = protected and rules.is_administrator(user, collaboration)
    return [(r, _by_sensitivity(r, shared, is_admin)) for r in resources]


def decide_resource(resource: Resource, user: Any, today: dt.date | None = None) -> Decision:
    return decide_resources(resource.collaboration, [resource], user, today)[0][1]


def describe(decision: Decision) -> list[str]:
    """The reasons in the interface language."""
    return [_describe(reason) for reason in decision.reasons]


def _period(detail: dict[str, str]) -> str:
    return (
        f"{detail['from'][:4]}–{detail['to'][:4]}"
        if detail["to"]
        else _("since %(year)s") % {"year": detail["from"][:4]}
    )


def _describe(reason: Reason) -> str:
    d = reason.detail
    texts = {
        "public": lambda: _("public resource: open to everyone"),
        "anonymous": lambda: _("log in to see whether you have access"),
        "completed": lambda: _("the collaboration was completed on %(on)s") % d,
        "no-pledge-published": lambda: _("no civil-use pledge is published yet"),
        "pledge-missing": lambda: _("accept the civil-use pledge v%(version)s first") % d,
        "pledge-accepted": lambda: _("pledge v%(version)s accepted %(on)s") % d,
        "no-contribution": lambda: _("no confirmed contribution that the access rule accepts"),
        "administrators-only": lambda: _("for the collaboration's administrators only"),
        "administrator": lambda: _("you administer this collaboration"),
        "until": lambda: (_("access until %(until)s") % d) if d else _("access without end date"),
        "contribution": lambda: (
            _("confirmed contribution: %(description)s %(period)s")
            % {"description": d["description"], "period": _period(d)}
        ),
    }
    return texts[reason.code]()
