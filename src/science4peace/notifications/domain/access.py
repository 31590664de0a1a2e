"""The permission funnel of notifications: a person sees and changes only their own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from science4peace.notifications.domain import channels
from science4peace.notifications.models import Notification


def access_inbox(actor: Any) -> Any:
    """The signed-in actor, whose notifications and mail settings these are."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))
    return actor


def access_notification(actor: Any, notification_id: int) -> Notification:
    access_inbox(actor)
    found = (
        Notification.objects.select_related("item")
        .filter(pk=notification_id, recipient=actor)
        .first()
    )
    if found is None:
        raise Http404(_("No such notification."))
    return found


def access_feed(channel: str) -> channels.Feed:
    """The public feed of a channel; Http404 for a channel that is not public, has no feed,
    or does not exist (the same answer, so nothing is learnt)."""
    try:
        feed = channels.feed_of(channel)
    except ValidationError as error:  # a malformed key is no channel
        raise Http404(_("No such feed.")) from error
    if feed is None:
        raise Http404(_("No such feed."))
    return feed
