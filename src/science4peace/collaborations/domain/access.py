"""The permission funnel for collaboration resources. Views and API handlers obtain
protected resources only through ``access_resource``; every decision carries its reasons
("confirmed contribution: ECAL construction 2008–2012; access until 2041-12-31; pledge v2
accepted 2026-03-01") and every access to a protected resource is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.collaborations import rules
from science4peace.collaborations.models import (
    Collaboration,
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
from science4peace.people.models import Person


def current_pledge() -> Pledge | None:
    return Pledge.objects.order_by("-version").first()


def pledge_state(person: Person | None) -> PledgeState:
    pledge = current_pledge()
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


def _person(user: Any) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def decide_collaboration(
    collaboration: Collaboration, user: Any, today: dt.date | None = None
) -> Decision:
    """May ``user`` use the collaboration's protected resources today?"""
    person = _person(user)
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


def access_resource(
    user: Any, pk: int, *, today: dt.date | None = None
) -> tuple[Resource, Decision]:
    """The resource and the decision; PermissionDenied (with the reasons) when refused.

    Each granted access to a protected resource is written to the audit log."""
    resource = Resource.objects.select_related("collaboration").get(pk=pk)
    decision = decide_resource(resource, user, today)
    if not decision.allowed:
        raise PermissionDenied("; ".join(describe(decision)))
    if resource.sensitivity != Resource.Sensitivity.PUBLIC:
        audit.record(
            actor=user,
            action="resource.access",
            obj=resource,
            after={"reasons": describe(decision)},
        )
    return resource, decision


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
