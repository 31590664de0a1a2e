"""Read queries behind the notification pages, the header's unread count, the feeds and the
API: the same function for a page, its fragment and its endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from science4peace.core.models import OutgoingMail
from science4peace.notifications.domain import channels
from science4peace.notifications.models import (
    ChannelPreference,
    Frequency,
    Item,
    MailSettings,
    Notification,
)


def notifications_of(user: Any, *, unread: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first, with their items (one query per page)."""
    rows = Notification.objects.filter(recipient=user).select_related("item")
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-item__created", "-id")


def unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mail_settings_of(user: Any) -> MailSettings:
    found = MailSettings.objects.filter(user=user).first()
    return found or MailSettings(
        user=user, language=settings.LANGUAGE_CODE, frequency=Frequency.EACH
    )


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    title: str
    frequency: str


def channels_of(user: Any) -> list[ChannelRow]:
    """The channels a person heard from or set a choice for, with their choice ("" when they
    follow their default)."""
    chosen = dict(ChannelPreference.objects.filter(user=user).values_list("channel", "frequency"))
    heard = set(
        Item.objects.filter(notifications__recipient=user)
        .values_list("channel", flat=True)
        .distinct()
    )
    return [
        ChannelRow(channel=key, title=channels.title_of(key), frequency=chosen.get(key, ""))
        for key in sorted(heard | set(chosen))
    ]


def delivery_report(item: Item) -> dict[str, int]:
    """How the mail of an item fared, by outbox status, plus those it reached without mail
    (in-site only, a digest, or no mail by their choice)."""
    counts: dict[str | None, int] = dict(
        Notification.objects.filter(item=item)
        .values_list("mail__status")
        .annotate(n=Count("id"))
        .values_list("mail__status", "n")
    )
    report = {status: counts.get(status, 0) for status in OutgoingMail.Status.values}
    report["digest"] = (
        Notification.objects.filter(item=item)
        .filter(pending__in=[Frequency.DAILY, Frequency.WEEKLY])
        .count()
    )
    report["no_mail"] = counts.get(None, 0) - report["digest"]
    report["total"] = sum(counts.values())
    return report
