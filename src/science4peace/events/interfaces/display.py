"""Which zone a viewer sees times in: ``?tz=`` first, then the zone in their profile, then
the event's. The browser's own zone is offered as a link by ``events/timetable.js``."""

from __future__ import annotations

from django.http import HttpRequest

from science4peace.events.models import Event
from science4peace.lib.timezones import TimeZoneError, zone
from science4peace.people.domain.queries import person_of


def profile_zone(request: HttpRequest) -> str:
    person = person_of(request.user)
    return person.timezone if person and person.timezone else ""


def viewer_zone(request: HttpRequest, event: Event) -> str:
    """The zone to show; TimeZoneError if ``?tz=`` names no zone."""
    asked = request.GET.get("tz", "").strip()
    if asked:
        zone(asked)
        return asked
    return profile_zone(request) or event.timezone


__all__ = ["TimeZoneError", "profile_zone", "viewer_zone"]
