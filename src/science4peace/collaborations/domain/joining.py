"""Self-service: asking to join a collaboration, the administrators' decision, creating a
collaboration from the site and managing its administrators. ``do_*`` change state and audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.collaborations import rules
from science4peace.collaborations.domain.changes import do_add_membership
from science4peace.collaborations.models import Collaboration, JoinRequest
from science4peace.core import audit
from science4peace.institutions.models import Institution
from science4peace.people.domain.access import access_own_person

# Called after commit with the decided request: ``interfaces.mail.join_notifier`` sends the
# e-mail, the same for the pages and the API.
Notify = Callable[[JoinRequest], None]


def _is_member_on(collaboration: Collaboration, person: Any, day: dt.date) -> bool:
    return any(
        m.start <= day and (m.end is None or m.end >= day)
        for m in collaboration.memberships.filter(person=person)
    )


@transaction.atomic
def do_ask_to_join(
    collaboration: Collaboration,
    *,
    actor: Any,
    institution: Institution,
    message: str = "",
    language: str = "en",
) -> JoinRequest:
    """Ask to join through ``institution``. Asking again while a request waits returns the
    waiting one (a double click changes nothing)."""
    person = access_own_person(actor)
    if _is_member_on(collaboration, person, timezone.localdate()):
        raise ValidationError(
            _("You are already a member of %(collaboration)s.") % {"collaboration": collaboration}
        )
    waiting = JoinRequest.objects.filter(
        collaboration=collaboration, person=person, status=JoinRequest.Status.PENDING
    ).first()
    if waiting is not None:
        return waiting
    request = JoinRequest(
        collaboration=collaboration,
        person=person,
        institution=institution,
        message=message.strip(),
        language=language,
    )
    request.full_clean(exclude=["membership"])
    request.save()
    audit.record(
        actor=actor,
        action="join.ask",
        obj=request,
        after=audit.snapshot(
            request, ["collaboration_id", "person_id", "institution_id", "message"]
        ),
    )
    return request


@transaction.atomic
def do_decide_join_request(
    join_request: JoinRequest,
    *,
    actor: Any,
    accept: bool,
    start: dt.date | None = None,
    notify: Notify | None = None,
) -> JoinRequest:
    """Accepting creates the membership from ``start`` (today when not given); the person is
    told either way, after the commit."""
    collaboration = join_request.collaboration
    if not rules.is_administrator(actor, collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    before = audit.snapshot(join_request, ["status"])
    if accept:
        join_request.membership = do_add_membership(
            collaboration,
            actor=actor,
            person=join_request.person,
            institution=join_request.institution,
            start=start or timezone.localdate(),
        )
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "membership", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action="join.accept" if accept else "join.decline",
        obj=join_request,
        before=before,
        after=audit.snapshot(join_request, ["status", "membership_id"]),
    )
    if notify is not None:
        decided = join_request
        transaction.on_commit(lambda: notify(decided))
    return join_request


@transaction.atomic
def do_create_collaboration(
    *,
    actor: Any,
    name: str,
    start: dt.date,
    description: str = "",
    website: str = "",
) -> Collaboration:
    """A new collaboration whose first administrator is its creator."""
    if not rules.can_create_collaboration(actor):
        raise PermissionDenied(_("You may not create collaborations on this site."))
    collaboration = Collaboration(
        name=name.strip(), start=start, description=description.strip(), website=website
    )
    collaboration.full_clean()
    collaboration.save()
    collaboration.administrators.add(actor)
    audit.record(
        actor=actor,
        action="collaboration.create",
        obj=collaboration,
        after=audit.snapshot(collaboration, ["name", "start", "description", "website"]),
    )
    return collaboration


@transaction.atomic
def do_add_administrator(collaboration: Collaboration, *, actor: Any, user: Any) -> None:
    if not rules.is_administrator(actor, collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))
    if collaboration.administrators.filter(pk=user.pk).exists():
        return
    collaboration.administrators.add(user)
    audit.record(
        actor=actor, action="collaboration.admin.add", obj=collaboration, after={"user": user.pk}
    )


@transaction.atomic
def do_remove_administrator(collaboration: Collaboration, *, actor: Any, user: Any) -> None:
    """Never leaves a collaboration without an administrator."""
    if not rules.is_administrator(actor, collaboration):
        raise PermissionDenied(_("Only the collaboration's administrators may do this."))
    Collaboration.objects.select_for_update().filter(pk=collaboration.pk).first()
    admins = collaboration.administrators.all()
    if not admins.filter(pk=user.pk).exists():
        return
    if admins.count() == 1:
        raise ValidationError(
            _("%(collaboration)s must keep at least one administrator.")
            % {"collaboration": collaboration}
        )
    collaboration.administrators.remove(user)
    audit.record(
        actor=actor,
        action="collaboration.admin.remove",
        obj=collaboration,
        before={"user": user.pk},
    )
