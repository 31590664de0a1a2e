"""The unread count in every page's header, for signed-in people (one indexed count, only
when the header is rendered)."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from science4peace.notifications.domain.queries import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"UNREAD_NOTIFICATIONS": SimpleLazyObject(lambda: unread_count(user))}
