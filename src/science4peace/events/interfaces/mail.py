"""E-mail to registrants, in the language they registered in: confirmation with the event's
sessions as an iCal attachment, waiting-list notice, promotion, selection result."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from science4peace.events.domain.programme import programme
from science4peace.events.domain.registrations import Notify
from science4peace.events.interfaces.calendars import Entry, calendar
from science4peace.events.models import Registration


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


def _subject_and_body(registration: Registration, what: str, url: str) -> tuple[str, str]:
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
                url,
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
    def notify(registration: Registration, what: str) -> None:
        registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
        url = base_url.rstrip("/") + reverse("events:detail", args=[registration.event_id])
        with translation.override(registration.language):
            subject, body = _subject_and_body(registration, what, url)
            message = EmailMessage(
                subject=f"[{settings.SITE_NAME}] {subject}",
                body=body,
                to=[registration.user.email],
            )
            if registration.status == Registration.Status.REGISTERED:
                ics = calendar(
                    agenda_entries(registration, base_url), name=registration.event.title
                )
                message.attach(f"event-{registration.event_id}.ics", ics, "text/calendar")
            message.send()

    return notify


def notify_for(request: HttpRequest) -> Notify:
    """What every interface passes as ``notify`` to the registration functions, so that a
    registration, a withdrawal, a promotion or a decision sends the same e-mail whether it
    came through a page or through the API."""
    return notifier(request.build_absolute_uri("/"))
