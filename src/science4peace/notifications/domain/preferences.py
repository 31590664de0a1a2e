"""Changing what a person receives: mark notifications read, choose mail per channel and by
default, unsubscribe by a signed link (no login needed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from science4peace.core import audit
from science4peace.notifications.domain import channels
from science4peace.notifications.domain.tokens import EVERY_CHANNEL, Unsubscribe, read_token
from science4peace.notifications.models import (
    ChannelPreference,
    Frequency,
    MailSettings,
    Notification,
)


def _require_login(actor: Any) -> None:
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in first."))


def check_frequency(frequency: str) -> str:
    if frequency not in Frequency.values:
        raise ValidationError(
            {
                "frequency": _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(Frequency.values)}
            }
        )
    return frequency


def check_language(language: str) -> str:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("This language is not offered.")})
    return language


@transaction.atomic
def do_mark_read(*, actor: Any, ids: list[int] | None = None) -> int:
    """Mark the actor's notifications ``ids`` (all when None) read; returns how many."""
    _require_login(actor)
    rows = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())


@transaction.atomic
def do_set_mail_settings(*, actor: Any, frequency: str, language: str) -> MailSettings:
    _require_login(actor)
    row, _created = MailSettings.objects.update_or_create(
        user=actor,
        defaults={"frequency": check_frequency(frequency), "language": check_language(language)},
    )
    return row


@transaction.atomic
def do_set_channel_preference(*, actor: Any, channel: str, frequency: str) -> ChannelPreference:
    """The actor's mail choice for one channel they may see (anything else: an error, and
    nothing changes)."""
    _require_login(actor)
    check_frequency(frequency)
    if not channels.may_follow(actor, channel):
        raise ValidationError({"channel": _("You cannot follow this channel.")})
    row, _created = ChannelPreference.objects.update_or_create(
        user=actor, channel=channel, defaults={"frequency": frequency}
    )
    return row


@transaction.atomic
def do_unsubscribe(*, token: str) -> Unsubscribe:
    """Stop the mail a signed link names: one channel, or (from a digest) every mail. A link
    that was tampered with or has expired raises ValidationError and changes nothing."""
    wanted = read_token(token)
    user = get_user_model().objects.filter(pk=wanted.user_id, is_active=True).first()
    if user is None:
        raise ValidationError(_("This unsubscribe link is not valid: it was changed or cut short."))
    if wanted.channel == EVERY_CHANNEL:
        MailSettings.objects.update_or_create(user=user, defaults={"frequency": Frequency.NONE})
        ChannelPreference.objects.filter(user=user).update(frequency=Frequency.NONE)
    else:
        channels.parse(wanted.channel)
        ChannelPreference.objects.update_or_create(
            user=user, channel=wanted.channel, defaults={"frequency": Frequency.NONE}
        )
    audit.record(
        actor=None, action="notifications.unsubscribe", obj=user, after={"channel": wanted.channel}
    )
    return wanted
