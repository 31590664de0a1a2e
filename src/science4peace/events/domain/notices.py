"""The events' kind of notification channel (``event:<id>``): who may follow it (who may see
the event) and its title."""

from __future__ import annotations

from typing import Any

from science4peace.events import rules
from science4peace.events.models import Event
from science4peace.notifications.domain.channels import ChannelKind, register_channel


def _may_follow(user: Any, pk: int) -> bool:
    event = Event.objects.filter(pk=pk).first()
    return event is not None and rules.can_see(user, event)


def _title(pk: int) -> str | None:
    return Event.objects.filter(pk=pk).values_list("title", flat=True).first()


def register_event_channel() -> None:
    register_channel("event", ChannelKind(may_follow=_may_follow, title=_title))
