"""Organisers write to their participants: registrants, the waiting list, applicants,
speakers or the programme committee, narrowed by registration status, track or session;
previewed, then sent through the notification service (channel ``event:<id>``), with a
delivery report from the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.events.domain.changes import require_manager
from science4peace.events.models import (
    ContributionSpeaker,
    Event,
    EventMessage,
    EventRole,
    Registration,
)
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import notify

GROUPS = ("registrants", "speakers", "committee")
STATUSES = tuple(Registration.Status.values)
SUBJECT_LIMIT = 200
BODY_LIMIT = 20000


@dataclass(frozen=True)
class Audience:
    """``groups``: registrants (narrowed by ``statuses``), speakers, committee (the
    programme committee and reviewers); ``track``/``session``: registrants who marked a talk
    there and speakers of talks there."""

    groups: tuple[str, ...]
    statuses: tuple[str, ...] = ("registered",)
    track: int | None = None
    session: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "groups": list(self.groups),
            "statuses": list(self.statuses),
            "track": self.track,
            "session": self.session,
        }


def check_audience(event: Event, audience: Audience) -> Audience:
    if not audience.groups or set(audience.groups) - set(GROUPS):
        raise ValidationError({"groups": _("Choose who receives the message.")})
    if "registrants" in audience.groups and (
        not audience.statuses or set(audience.statuses) - set(STATUSES)
    ):
        raise ValidationError({"statuses": _("Choose the registration statuses.")})
    if audience.track is not None and not event.tracks.filter(pk=audience.track).exists():
        raise ValidationError({"track": _("That track is not part of this event.")})
    if audience.session is not None and not event.sessions.filter(pk=audience.session).exists():
        raise ValidationError({"session": _("That session is not part of this event.")})
    return audience


def _talks(event: Event, audience: Audience) -> Any:
    talks = event.contributions.all()
    if audience.track is not None:
        talks = talks.filter(track_id=audience.track) | talks.filter(
            track__isnull=True, session__track_id=audience.track
        )
    if audience.session is not None:
        talks = talks.filter(session_id=audience.session)
    return talks


def recipients_of(event: Event, audience: Audience) -> list[Any]:
    """The accounts the message goes to, each once, in a stable order."""
    narrowed = audience.track is not None or audience.session is not None
    ids: set[int] = set()
    if "registrants" in audience.groups:
        rows = Registration.objects.filter(event=event, status__in=audience.statuses)
        if narrowed:
            rows = rows.filter(interests__in=_talks(event, audience))
        ids |= set(rows.values_list("user_id", flat=True))
    if "speakers" in audience.groups:
        links = ContributionSpeaker.objects.filter(
            contribution__in=_talks(event, audience), person__user__isnull=False
        )
        ids |= set(links.values_list("person__user_id", flat=True))
    if "committee" in audience.groups:
        roles = EventRole.objects.filter(
            event=event, role__in=[EventRole.Role.COMMITTEE, EventRole.Role.REVIEWER]
        )
        ids |= set(roles.values_list("user_id", flat=True))
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def check_text(subject: str, body: str) -> tuple[str, str]:
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject or len(subject) > SUBJECT_LIMIT or "\n" in subject or "\x00" in subject:
        errors["subject"] = _("A subject of one line, at most %(limit)s characters.") % {
            "limit": SUBJECT_LIMIT
        }
    if not body or len(body) > BODY_LIMIT or "\x00" in body:
        errors["body"] = _("A message of at most %(limit)s characters.") % {"limit": BODY_LIMIT}
    if errors:
        raise ValidationError(errors)
    return subject, body


@dataclass(frozen=True)
class Preview:
    recipients: list[Any]
    subject: str
    body: str


def preview(event: Event, *, actor: Any, audience: Audience, subject: str, body: str) -> Preview:
    require_manager(actor, event)
    check_audience(event, audience)
    subject, body = check_text(subject, body)
    return Preview(recipients=recipients_of(event, audience), subject=subject, body=body)


@transaction.atomic
def do_send_message(
    event: Event, *, actor: Any, audience: Audience, subject: str, body: str
) -> EventMessage:
    """Queue the message to every recipient (by their mail choice for the event), in the
    transaction that records it."""
    shown = preview(event, actor=actor, audience=audience, subject=subject, body=body)
    if not shown.recipients:
        raise ValidationError(_("Nobody matches this choice of recipients."))
    languages = dict(
        Registration.objects.filter(event=event, user__in=shown.recipients).values_list(
            "user_id", "language"
        )
    )
    item = notify(
        recipients=shown.recipients,
        kind="events.message",
        channel=channel_key("event", event.pk),
        subject=lambda _context: (
            _("%(event)s: %(subject)s") % {"event": event.title, "subject": shown.subject}
        ),
        body=lambda _context: shown.body,
        url=reverse("events:detail", args=[event.pk]),
        languages=languages,
    )
    message = EventMessage.objects.create(
        event=event,
        author=actor,
        audience=audience.as_json(),
        subject=shown.subject,
        body=shown.body,
        recipients=len(shown.recipients),
        item=item,
    )
    audit.record(
        actor=actor,
        action="event.message",
        obj=event,
        after={"message": message.pk, "recipients": len(shown.recipients)},
    )
    return message
