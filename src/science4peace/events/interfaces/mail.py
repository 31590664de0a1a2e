"""E-mail to registrants, in the language they registered in: confirmation with the event's
sessions as an iCal attachment, waiting-list notice, promotion, selection result."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from science4peace.events.domain.programme import programme
from science4peace.events.domain.registrations import Notify
from science4peace.events.interfaces.calendars import Entry, calendar
from science4peace.events.models import Registration
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import notify as send


def agenda_entries(registration: Registration, base_url: str) -> list[Entry]:
    event = registration.event
    url = base_url.rstrip("/") + reverse("events:timetable", args=[event.pk])
    return [
        Entry(
            block,
            event.pk,
            event.title,
            event.timezone,
            url,
            base_url.rstrip("/") + reverse("events:join", args=[event.pk, block.session_id])
            if block.kind == "session" and event.video != event.Video.NONE
            else "",
        )
        for block in programme(event).blocks
    ]


def _subject_and_body(registration: Registration, what: str) -> tuple[str, str]:
    title = registration.event.title
    if what in {Registration.Status.REGISTERED, "promoted"}:
        lead = (
            _("A place has become free and it is yours: you are registered for %(event)s.")
            if what == "promoted"
            else _("You are registered for %(event)s.")
        )
        return _("Registered: %(event)s") % {"event": title}, "\n\n".join(
            [
                lead % {"event": title},
                _("The attached calendar holds every session with its video room link."),
            ]
        )
    if what == Registration.Status.WAITING:
        text = _("The event is full; you are on the waiting list for %(event)s.")
        return _("Waiting list: %(event)s") % {"event": title}, text % {"event": title}
    if what == Registration.Status.APPLIED:
        text = _("We received your application to %(event)s.")
        return _("Application received: %(event)s") % {"event": title}, text % {"event": title}
    text = _("Your application to %(event)s was not selected this time.")
    return _("Application: %(event)s") % {"event": title}, text % {"event": title}


def notifier(base_url: str) -> Notify:
    """Registration mails through the notification service (channel ``event:<id>``): in the
    registrant's language, written to the outbox in the registration's transaction, always
    sent at once (they confirm what the person did), and listed in their notifications."""

    def notify(registration: Registration, what: str) -> None:
        registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
        url = base_url.rstrip("/") + reverse("events:detail", args=[registration.event_id])
        attachments = []
        if registration.status == Registration.Status.REGISTERED:
            ics = calendar(agenda_entries(registration, base_url), name=registration.event.title)
            attachments.append((f"event-{registration.event_id}.ics", ics, "text/calendar"))
        send(
            recipients=[registration.user],
            kind=f"events.registration.{what}",
            channel=channel_key("event", registration.event_id),
            subject=lambda _context: _subject_and_body(registration, what)[0],
            body=lambda _context: _subject_and_body(registration, what)[1],
            url=url,
            urgency="required",
            languages={registration.user_id: registration.language},
            attachments=attachments,
            base_url=base_url,
        )

    return notify


def notify_for(request: HttpRequest) -> Notify:
    """What every interface passes as ``notify`` to the registration functions, so that a
    registration, a withdrawal, a promotion or a decision sends the same e-mail whether it
    came through a page or through the API."""
    return notifier(request.build_absolute_uri("/"))
