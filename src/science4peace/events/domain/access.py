"""The permission funnel of the events app: pages and API handlers obtain every event,
session, contribution and registration here, fetched and checked in one step.

Http404 for what the actor may not know exists (a private event they have no role in, an
object of another event); PermissionDenied, with the reason, for what they may see but not do.
Both the pages and the API (core/api_errors.py) map these two errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.events import rules
from science4peace.events.domain import queries
from science4peace.events.models import (
    Contribution,
    Event,
    EventMessage,
    EventRole,
    Registration,
    Session,
)

To = Literal["see", "review", "manage"]
ContributionTo = Literal["see", "present", "manage"]
CERTIFICATES = ("attendance", "presentation")


def access_event(actor: Any, event_id: int, *, to: To = "see") -> Event:
    """The event ``event_id`` if ``actor`` may ``to`` it: see it, review its registrants and
    applications (organisers and the programme committee), or manage it (organisers)."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not rules.can_see(actor, event):
        raise Http404(_("No such event."))
    if to == "review" and not rules.can_review(actor, event):
        raise PermissionDenied(_("Only the organisers and the programme committee may do this."))
    if to == "manage" and not rules.can_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    return event


def access_session(actor: Any, event_id: int, session_id: int, *, to: To = "see") -> Session:
    event = access_event(actor, event_id, to=to)
    session = Session.objects.filter(event=event, pk=session_id).first()
    if session is None:
        raise Http404(_("No such session."))
    session.event = event  # checked above; spares the query
    return session


def access_contribution(
    actor: Any, event_id: int, contribution_id: int, *, to: ContributionTo = "see"
) -> Contribution:
    """A contribution of a visible event; ``to="present"``: its speakers and the organisers
    (slides and recording), ``to="manage"``: the organisers."""
    event = access_event(actor, event_id, to="manage" if to == "manage" else "see")
    contribution = Contribution.objects.filter(event=event, pk=contribution_id).first()
    if contribution is None:
        raise Http404(_("No such contribution."))
    contribution.event = event
    if to == "present" and not may_present(actor, contribution):
        raise PermissionDenied(_("Only the speakers and organisers may do this."))
    return contribution


def may_present(actor: Any, contribution: Contribution) -> bool:
    """Speakers and organisers change a contribution's slides and recording."""
    if rules.can_manage(actor, contribution.event):
        return True
    return queries.is_speaker(actor, contribution.event, contribution=contribution)


def access_application(actor: Any, event_id: int, code: str) -> Registration:
    """An application to a school, by its anonymous code, for the selection committee."""
    event = access_event(actor, event_id, to="review")
    application = Registration.objects.filter(event=event, code=code).first()
    if application is None:
        raise Http404(_("No such application."))
    application.event = event
    return application


def access_school(actor: Any, event_id: int) -> Event:
    """A school's selection step: there is none for other kinds of events."""
    event = access_event(actor, event_id, to="review")
    if not event.is_school:
        raise Http404(_("Only schools take applications."))
    return event


def access_participation(actor: Any, event_id: int) -> Registration:
    """The actor's own place at an event they take part in (to mark interests)."""
    event = access_event(actor, event_id)
    registration = queries.registration_of(actor, event)
    if not rules.is_participant(registration):
        raise PermissionDenied(_("Only registered participants mark their interests."))
    assert registration is not None  # is_participant says so
    registration.event = event
    return registration


@dataclass(frozen=True)
class CertificateGrant:
    """What a certificate states, once the actor is found eligible for it."""

    event: Event
    kind: str
    name: str
    contributions: tuple[str, ...]


def certificates_open(event: Event, now: dt.datetime) -> bool:
    """Whether the first day of the event has begun at ``now`` in the event's own zone (its
    dates are local dates there), not in UTC: a day earlier or later elsewhere."""
    return event.date_at(now) >= event.start_date


def access_certificate(
    actor: Any, event_id: int, *, kind: str, now: dt.datetime
) -> CertificateGrant:
    """The certificate eligibility rule: from the first day of the event (in its zone), a
    certificate of attendance for registered participants, of presentation for its speakers."""
    event = access_event(actor, event_id)
    if kind not in CERTIFICATES:
        raise Http404(_("No such certificate."))
    if not certificates_open(event, now):
        raise PermissionDenied(_("Certificates are issued from the first day of the event."))
    titles: tuple[str, ...] = ()
    if kind == "attendance":
        if not rules.is_participant(queries.registration_of(actor, event)):
            raise PermissionDenied(_("Certificates of attendance are for registered participants."))
    else:
        titles = tuple(c.title for c in queries.spoken_by(actor, event))
        if not titles:
            raise PermissionDenied(_("Certificates of presentation are for the event's speakers."))
    return CertificateGrant(event, kind, queries.name_of(actor), titles)


def access_role(actor: Any, event_id: int, user_id: int) -> EventRole:
    """A role in an event, for its organisers to change or take."""
    event = access_event(actor, event_id, to="manage")
    role = EventRole.objects.select_related("user", "event").filter(event=event, user_id=user_id)
    found = role.first()
    if found is None:
        raise Http404(_("No role of user %(id)s in this event.") % {"id": user_id})
    return found


def access_message(actor: Any, event_id: int, message_id: int) -> EventMessage:
    """A message the organisers sent, with its delivery report, for the organisers."""
    event = access_event(actor, event_id, to="manage")
    message = EventMessage.objects.filter(event=event, pk=message_id).first()
    if message is None:
        raise Http404(_("No such message."))
    message.event = event
    return message
