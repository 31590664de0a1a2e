"""When contributions move (another time or another session, hence another video room) —
one edit, or a whole fair timetable applied — the speakers of the moved talks and the
participants who marked them get one notice each, listing every move that concerns them,
with old and new times in their own zone (or the event's), never one mail per move."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from science4peace.events.models import Contribution, Event, Registration, Session
from science4peace.lib.timezones import zone
from science4peace.notifications.domain.channels import channel_key
from science4peace.notifications.domain.notify import notify

Place = tuple[dt.datetime | None, int | None]


def places(event: Event) -> dict[int, Place]:
    """Where each contribution of the event is now: its start and its session."""
    return {
        pk: (start, session_id)
        for pk, start, session_id in Contribution.objects.filter(event=event).values_list(
            "pk", "start", "session_id"
        )
    }


def _when(start: dt.datetime | None, session: str, zone_name: str) -> str:
    if start is None:
        return _("not scheduled")
    local = start.astimezone(zone(zone_name))
    text = f"{local:%Y-%m-%d %H:%M} {local.tzname()} ({zone_name})"
    return f"{text}, {session}" if session else text


def _order(start: dt.datetime | None, pk: int) -> tuple[bool, dt.datetime, int]:
    return (start is None, start or dt.datetime.min.replace(tzinfo=dt.UTC), pk)


def _body(title: str, lines: list[tuple[str, str, str]]) -> Callable[[Mapping[str, Any]], str]:
    """The notice in the active language: every move of one person's talks."""

    def body(_context: Mapping[str, Any]) -> str:
        head = _("The programme of %(event)s changed. What concerns you:") % {"event": title}
        moves = [
            _("%(talk)s: was %(before)s, now %(after)s")
            % {"talk": talk, "before": old, "after": new}
            for talk, old, new in lines
        ]
        return "\n\n".join([head, "\n".join(f"- {m}" for m in moves)])

    return body


def notice_moves(event: Event, before: dict[int, Place]) -> int:
    """Compare the contributions' places with ``before`` and notify everyone concerned, one
    notice per person; returns how many people were notified. Call in the transaction of
    the change."""
    after = places(event)
    moved = [pk for pk, place in after.items() if pk in before and before[pk] != place]
    if not moved:
        return 0
    talks = {t.pk: t for t in Contribution.objects.filter(pk__in=moved)}
    sessions = dict(Session.objects.filter(event=event).values_list("pk", "title"))
    concerned: dict[int, set[int]] = defaultdict(set)
    zones: dict[int, str] = {}
    languages: dict[int, str] = {}
    for talk_id, user_id in Contribution.speakers.through.objects.filter(
        contribution_id__in=moved, person__user__isnull=False
    ).values_list("contribution_id", "person__user_id"):
        concerned[user_id].add(talk_id)
    marked = Registration.objects.filter(
        event=event, interests__in=moved, status__in=["registered", "waiting"]
    ).values_list("user_id", "interests", "timezone", "language")
    for user_id, talk_id, zone_name, language in marked:
        concerned[user_id].add(talk_id)
        zones[user_id], languages[user_id] = zone_name, language
    users = get_user_model().objects.in_bulk(list(concerned))
    for user_id, talk_ids in sorted(concerned.items()):
        where = zones.get(user_id) or event.timezone
        lines = [
            (
                talks[pk].title,
                _when(before[pk][0], sessions.get(before[pk][1] or 0, ""), where),
                _when(after[pk][0], sessions.get(after[pk][1] or 0, ""), where),
            )
            for pk in sorted(talk_ids, key=lambda pk: _order(after[pk][0], pk))
        ]
        notify(
            recipients=[users[user_id]],
            kind="events.moved",
            channel=channel_key("event", event.pk),
            subject=gettext_lazy("Programme changes: %(event)s"),
            body=_body(event.title, lines),
            context={"event": event.title},
            url=reverse("events:timetable", args=[event.pk]),
            urgency="timely",
            languages={user_id: languages[user_id]} if user_id in languages else None,
        )
    return len(concerned)
