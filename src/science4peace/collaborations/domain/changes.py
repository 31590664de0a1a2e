"""Changing collaborations: ``check_*`` validate, ``do_*`` change state and audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.collaborations import rules
from science4peace.collaborations.domain.access import current_pledge
from science4peace.collaborations.models import (
    Collaboration,
    Membership,
    Pledge,
    PledgeAcceptance,
    Resource,
    WorkContribution,
)
from science4peace.core import audit
from science4peace.core.uploads import check_upload
from science4peace.institutions.models import Institution
from science4peace.lib.periods import Period, union_covers
from science4peace.people.domain.access import access_own_person
from science4peace.people.models import Person


def _require_admin(user: Any, collaboration: Collaboration) -> None:
    if not rules.is_administrator(user, collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))


def check_period(start: dt.date, end: dt.date | None) -> Period:
    if end is not None and end < start:
        raise ValidationError({"end": _("The period ends before it starts.")})
    return Period(start, end)


def check_membership(
    collaboration: Collaboration, person: Person, period: Period, exclude: Membership | None = None
) -> None:
    others = collaboration.memberships.filter(person=person)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for other in others:
        if Period(other.start, other.end).overlaps(period):
            raise ValidationError(
                {
                    "start": _(
                        "%(person)s is already a member from %(start)s (at %(institution)s); "
                        "memberships of one person may not overlap."
                    )
                    % {
                        "person": person,
                        "start": other.start.isoformat(),
                        "institution": other.institution,
                    }
                }
            )


@transaction.atomic
def do_add_membership(
    collaboration: Collaboration,
    *,
    actor: Any,
    person: Person,
    institution: Institution,
    start: dt.date,
    end: dt.date | None = None,
    role: str = "member",
) -> Membership:
    _require_admin(actor, collaboration)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    period = check_period(start, end)
    check_membership(collaboration, person, period)
    membership = Membership(
        collaboration=collaboration,
        person=person,
        institution=institution,
        role=role or "member",
        start=start,
        end=end,
    )
    membership.clean_fields()  # the role: one line, at most 100 characters
    membership.save()
    collaboration.member_institutions.get_or_create(institution=institution)
    audit.record(
        actor=actor, action="membership.add", obj=membership, after=audit.snapshot(membership)
    )
    return membership


@transaction.atomic
def do_end_membership(membership: Membership, *, actor: Any, end: dt.date) -> Membership:
    _require_admin(actor, membership.collaboration)
    before = audit.snapshot(membership)
    period = check_period(membership.start, end)
    check_membership(membership.collaboration, membership.person, period, exclude=membership)
    membership.end = end
    membership.save(update_fields=["end"])
    audit.record(
        actor=actor,
        action="membership.end",
        obj=membership,
        before=before,
        after=audit.snapshot(membership),
    )
    return membership


def check_work_contribution_period(
    collaboration: Collaboration, person: Person, period: Period
) -> None:
    spans = [Period(m.start, m.end) for m in collaboration.memberships.filter(person=person)]
    if not spans:
        raise ValidationError(
            {
                "start": _(
                    "You need a membership of %(collaboration)s first: ask to join it, and "
                    "record your contribution once an administrator has accepted you."
                )
                % {"collaboration": collaboration}
            }
        )
    if not union_covers(spans, period):
        raise ValidationError(
            {
                "start": _("A contribution must lie within your membership of %(collaboration)s.")
                % {"collaboration": collaboration}
            }
        )


@transaction.atomic
def do_submit_work_contribution(
    collaboration: Collaboration,
    *,
    actor: Any,
    kind: str,
    description: str,
    start: dt.date,
    end: dt.date | None = None,
    evidence: str = "",
) -> WorkContribution:
    """Entered by the person; waits for an administrator. Submitting the same contribution
    twice (a double click) returns the first."""
    person = access_own_person(actor)
    period = check_period(start, end)
    check_work_contribution_period(collaboration, person, period)
    contribution, created = WorkContribution.objects.get_or_create(
        collaboration=collaboration,
        person=person,
        kind=kind,
        description=description.strip(),
        start=start,
        end=end,
        defaults={"evidence": evidence},
    )
    if created:
        contribution.full_clean()
        audit.record(
            actor=actor,
            action="contribution.submit",
            obj=contribution,
            after=audit.snapshot(contribution),
        )
    return contribution


@transaction.atomic
def do_decide_work_contribution(
    contribution: WorkContribution, *, actor: Any, confirm: bool
) -> WorkContribution:
    _require_admin(actor, contribution.collaboration)
    before = audit.snapshot(contribution)
    contribution.status = (
        WorkContribution.Status.CONFIRMED if confirm else WorkContribution.Status.REJECTED
    )
    contribution.decided_by = actor
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="contribution.confirm" if confirm else "contribution.reject",
        obj=contribution,
        before=before,
        after=audit.snapshot(contribution),
    )
    return contribution


@transaction.atomic
def do_add_resource(
    collaboration: Collaboration,
    *,
    actor: Any,
    title: str,
    kind: str,
    sensitivity: str,
    url: str = "",
    upload: UploadedFile | None = None,
) -> Resource:
    _require_admin(actor, collaboration)
    check_upload(upload)
    if bool(url) == bool(upload):
        raise ValidationError(_("Give either a link or a file, not both."))
    size: int = (upload.size or 0) if upload is not None else 0
    resource = Resource(
        collaboration=collaboration,
        title=title,
        kind=kind,
        sensitivity=sensitivity,
        url=url,
        size=size,
    )
    resource.full_clean(exclude=["file"])
    if upload is not None:
        resource.file.save(upload.name or "resource", upload, save=False)
    resource.save()
    audit.record(
        actor=actor,
        action="resource.add",
        obj=resource,
        after=audit.snapshot(resource, ["title", "kind", "sensitivity", "url", "size"]),
    )
    return resource


@transaction.atomic
def do_accept_pledge(*, actor: Any) -> PledgeAcceptance:
    """Accept the current pledge; accepting twice keeps the first acceptance."""
    person = access_own_person(actor)
    pledge = current_pledge()
    if pledge is None:
        raise ValidationError(_("No civil-use pledge is published yet."))
    acceptance, created = PledgeAcceptance.objects.get_or_create(pledge=pledge, person=person)
    if created:
        audit.record(
            actor=actor, action="pledge.accept", obj=acceptance, after={"version": pledge.version}
        )
    return acceptance


@transaction.atomic
def do_publish_pledge(*, actor: Any, text: str) -> Pledge:
    """A new version; everyone must accept it before further access."""
    if not rules.can_publish_pledge(actor):
        raise PermissionDenied(_("Only administrators may publish a pledge."))
    latest = Pledge.objects.select_for_update().order_by("-version").first()
    pledge = Pledge(version=(latest.version + 1) if latest else 1, text=text.strip())
    pledge.clean_fields()  # at most 20,000 characters, no control character but line breaks
    pledge.save()
    audit.record(actor=actor, action="pledge.publish", obj=pledge, after={"text": pledge.text})
    return pledge
