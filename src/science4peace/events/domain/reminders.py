"""Reminders before a session: each registrant of the event gets the session's join link
``reminder_minutes`` before it starts (a setting of the event; 0: none), once per session,
at once unless they chose no mail for the event. Run by ``s4p manage send_reminders`` every
few minutes (cron or a timer) or the ``send_reminders_task`` task."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from science4peace.events.models import Registration, Session, SessionReminder
from science4peace.lib.timezones import zone
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import absolute, notify

LONGEST_LEAD = dt.timedelta(days=7)


def due_sessions(now: dt.datetime) -> list[Session]:
    candidates = (
        Session.objects.select_related("event", "track")
        .filter(kind=Session.Kind.SESSION, start__gt=now, start__lte=now + LONGEST_LEAD)
        .filter(event__reminder_minutes__gt=0, reminder__isnull=True)
        .order_by("start", "id")
    )
    return [
        s for s in candidates if s.start <= now + dt.timedelta(minutes=s.event.reminder_minutes)
    ]


def _remind(session: Session) -> int:
    event = session.event
    registrations = list(
        Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        .select_related("user")
        .order_by("id")
    )
    try:
        with transaction.atomic():
            SessionReminder.objects.create(session=session, recipients=len(registrations))
            if not registrations:
                return 0
            local = session.start.astimezone(zone(event.timezone))
            notify(
                recipients=[r.user for r in registrations],
                kind="events.reminder",
                channel=channel_key("event", event.pk),
                subject=gettext_lazy("Soon: %(session)s (%(event)s)"),
                body=gettext_lazy(
                    "%(session)s of %(event)s starts at %(time)s. Join the video room here: "
                    "%(join)s"
                ),
                context={
                    "session": session.title,
                    "event": event.title,
                    "time": f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({event.timezone})",
                    "join": absolute(reverse("events:join", args=[event.pk, session.pk])),
                },
                url=reverse("events:timetable", args=[event.pk]),
                urgency="timely",
                languages={r.user_id: r.language for r in registrations},
            )
    except IntegrityError:  # another worker reminded this session first
        return 0
    return len(registrations)


def do_send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind every session that is due; returns how many people were reminded."""
    now = now or timezone.now()
    return sum(_remind(session) for session in due_sessions(now))


@task()
def send_reminders_task() -> int:
    return do_send_reminders()
