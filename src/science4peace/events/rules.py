"""Who may do what with an event. One condition per line (docs/development.md); no rule reads a
country, a city or a time zone."""

from typing import Any

from science4peace.events.models import Event, EventRole, Registration

MANAGE = {EventRole.Role.ORGANISER}
REVIEW = {EventRole.Role.ORGANISER, EventRole.Role.COMMITTEE, EventRole.Role.REVIEWER}
SEE = {
    EventRole.Role.ORGANISER,
    EventRole.Role.COMMITTEE,
    EventRole.Role.REVIEWER,
    EventRole.Role.VIEWER,
}


def _has_role(user: Any, event: Event, roles: set[str]) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return EventRole.objects.filter(event=event, user=user, role__in=roles).exists()


def can_manage(user: Any, event: Event) -> bool:
    return _has_role(user, event, MANAGE)


def can_review(user: Any, event: Event) -> bool:
    return _has_role(user, event, REVIEW)


def can_see(user: Any, event: Event) -> bool:
    if event.visibility != Event.Visibility.PRIVATE:
        return True
    return _has_role(user, event, SEE)


def can_create_event(user: Any) -> bool:
    return bool(user.is_authenticated)


def takes_part(user: Any, event: Event) -> bool:
    """A registered participant or one of the event's organisers."""
    if not user.is_authenticated:
        return False
    if can_manage(user, event):
        return True
    return Registration.objects.filter(
        event=event, user=user, status=Registration.Status.REGISTERED
    ).exists()


def is_participant(registration: Registration | None) -> bool:
    return registration is not None and registration.status == Registration.Status.REGISTERED
