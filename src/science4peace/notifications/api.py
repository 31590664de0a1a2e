from typing import Any

from django.http import HttpRequest
from ninja import Router

from science4peace.core.api_errors import ErrorOut
from science4peace.notifications.domain import access, preferences, queries
from science4peace.notifications.interfaces.schemas import (
    ChannelOut,
    ChannelPreferenceIn,
    MarkedOut,
    MarkReadIn,
    NotificationPage,
    PreferencesIn,
    PreferencesOut,
)
from science4peace.people.interfaces.auth import TokenAuth

router = Router(tags=["notifications"])
WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
LIMIT = 100


def _row(notification: Any) -> dict[str, Any]:
    text = notification.item.text(notification.language)
    return {
        "id": notification.pk,
        "kind": notification.item.kind,
        "channel": notification.item.channel,
        "subject": text["subject"],
        "body": text["body"],
        "url": notification.item.url,
        "created": notification.item.created,
        "read": notification.read_at is not None,
    }


@router.get("/notifications", auth=TokenAuth(), response={200: NotificationPage, 401: ErrorOut})
def list_notifications(request: HttpRequest, unread: bool = False) -> Any:
    """The caller's newest notifications (at most 100), as on the notifications page."""
    user = access.access_inbox(request.user)
    rows = queries.notifications_of(user, unread=unread)[:LIMIT]
    return {"unread": queries.unread_count(user), "items": [_row(r) for r in rows]}


@router.post("/notifications/read", auth=TokenAuth(), response={200: MarkedOut, **WRITE})
def mark_read(request: HttpRequest, payload: MarkReadIn) -> Any:
    """Mark the given notifications (all when ``ids`` is absent) read."""
    user = access.access_inbox(request.user)
    return {"marked": preferences.do_mark_read(actor=user, ids=payload.ids)}


def _preferences(user: Any) -> dict[str, Any]:
    current = queries.mail_settings_of(user)
    return {
        "frequency": current.frequency,
        "language": current.language,
        "channels": [ChannelOut(**row.__dict__) for row in queries.channels_of(user)],
    }


@router.get(
    "/notifications/preferences", auth=TokenAuth(), response={200: PreferencesOut, 401: ErrorOut}
)
def get_preferences(request: HttpRequest) -> Any:
    return _preferences(access.access_inbox(request.user))


@router.put("/notifications/preferences", auth=TokenAuth(), response={200: PreferencesOut, **WRITE})
def set_preferences(request: HttpRequest, payload: PreferencesIn) -> Any:
    """The default mail choice (each, daily, weekly, none) and the language of mail."""
    user = access.access_inbox(request.user)
    preferences.do_set_mail_settings(
        actor=user, frequency=payload.frequency, language=payload.language
    )
    return _preferences(user)


@router.put(
    "/notifications/preferences/channel", auth=TokenAuth(), response={200: PreferencesOut, **WRITE}
)
def set_channel_preference(request: HttpRequest, payload: ChannelPreferenceIn) -> Any:
    """The mail choice for one channel the caller may see ("event:12", "paper:3", ...)."""
    user = access.access_inbox(request.user)
    preferences.do_set_channel_preference(
        actor=user, channel=payload.channel, frequency=payload.frequency
    )
    return _preferences(user)
