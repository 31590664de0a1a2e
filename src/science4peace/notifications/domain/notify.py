"""``notify``: the one way the platform tells people about something. It writes an item and
one notification per recipient (the in-site list), and for each recipient, by their choice for
the channel, a mail now, a place in their next daily or weekly digest, or nothing. Every text
is rendered in the recipient's language; every mail is written to the outbox (core.mail) in
the caller's transaction, so a rolled-back change sends nothing and a committed one is
delivered (and retried) exactly as the outbox does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from email.utils import make_msgid
from typing import Any, Literal

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from science4peace.core.mail import OutboxEmailBackend
from science4peace.core.models import OutgoingMail
from science4peace.notifications.domain.tokens import EVERY_CHANNEL, make_token
from science4peace.notifications.models import (
    ChannelPreference,
    Frequency,
    Item,
    MailSettings,
    Notification,
)

Text = str | Promise | Callable[[Mapping[str, Any]], str]
Attachment = tuple[str, str | bytes, str]
# normal: by the person's choice (each, daily, weekly, none); timely: at once unless they
# chose no mail (a reminder in tomorrow's digest is of no use); required: at once, always,
# without an unsubscribe link (the confirmation of something the person did).
Urgency = Literal["normal", "timely", "required"]
SETTINGS_BATCH = 2000
NOTIFICATION_BATCH = 1000
# PostgreSQL advisory lock between writers of notifications that wait for a digest (shared,
# until they commit) and a digest run fixing the highest id it carries (exclusive, for a
# moment): see digests.horizon
HORIZON_LOCK = 0x53345015


def share_horizon_lock() -> None:
    """Until the transaction ends (PostgreSQL; SQLite has one writer at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [HORIZON_LOCK])


def site_url(base_url: str | None = None) -> str:
    return (base_url or settings.S4P_SITE_URL).rstrip("/")


def absolute(url: str, base_url: str | None = None) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return site_url(base_url) + "/" + url.lstrip("/")


def render(text: Text, context: Mapping[str, Any]) -> str:
    """A text in the active language: a callable gets the context, a (lazy) string is
    %-formatted with it."""
    if callable(text) and not isinstance(text, Promise):
        return str(text(context))
    return str(text) % dict(context) if context else str(text)


def _mail_settings(user_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Each person's (language, frequency) from their mail settings: one query per
    ``SETTINGS_BATCH`` people."""
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(user_ids), SETTINGS_BATCH):
        rows = MailSettings.objects.filter(
            user_id__in=user_ids[start : start + SETTINGS_BATCH]
        ).values_list("user_id", "language", "frequency")
        found.update((pk, (language, frequency)) for pk, language, frequency in rows)
    return found


def languages_of(
    user_ids: Sequence[int],
    given: Mapping[int, str] | None = None,
    chosen: Mapping[int, tuple[str, str]] | None = None,
) -> dict[int, str]:
    """Each person's language for mail: the one the caller knows (where they registered), else
    the one in their mail settings, else the site's."""
    if chosen is None:
        chosen = _mail_settings(user_ids)
    known = {code for code, _name in settings.LANGUAGES}
    found = {}
    for pk in user_ids:
        language = (given or {}).get(pk) or chosen.get(pk, ("", ""))[0] or settings.LANGUAGE_CODE
        found[pk] = language if language in known else settings.LANGUAGE_CODE
    return found


def frequencies_of(
    user_ids: Sequence[int], channel: str, chosen: Mapping[int, tuple[str, str]] | None = None
) -> dict[int, str]:
    """Each person's mail choice for ``channel``: the channel's own, else their default."""
    if chosen is None:
        chosen = _mail_settings(user_ids)
    own: dict[int, str] = {}
    for start in range(0, len(user_ids), SETTINGS_BATCH):
        own.update(
            ChannelPreference.objects.filter(
                user_id__in=user_ids[start : start + SETTINGS_BATCH], channel=channel
            ).values_list("user_id", "frequency")
        )
    return {pk: own.get(pk) or chosen.get(pk, ("", ""))[1] or Frequency.EACH for pk in user_ids}


class Footers:
    """The lines under mails that may be refused, for many recipients: the addresses are
    reversed and the lines translated once per language, only the signed token differs."""

    MARK = "0s4p-token0"

    def __init__(self, base_url: str | None = None) -> None:
        site = site_url(base_url)
        self.prefix, _mark, self.suffix = (
            site + reverse("notifications:unsubscribe", args=[self.MARK])
        ).rpartition(self.MARK)
        self.preferences = site + reverse("notifications:preferences")
        self.lines: dict[str, tuple[str, str]] = {}

    def __call__(self, user_id: int, channel: str) -> tuple[str, str]:
        """The footer in the active language, and the unsubscribe address."""
        language = translation.get_language() or ""
        if language not in self.lines:
            choose = _("Choose which mail you receive, and how often: %(url)s")
            self.lines[language] = (
                choose % {"url": self.preferences},
                _("Stop these mails with one click: %(url)s"),
            )
        choose_line, stop = self.lines[language]
        link = self.prefix + make_token(user_id, channel) + self.suffix
        return "\n".join(["-- ", choose_line, stop % {"url": link}]), link


def footer(user_id: int, channel: str, base_url: str | None = None) -> tuple[str, str]:
    """The lines under a mail that may be refused, and its unsubscribe address."""
    return Footers(base_url)(user_id, channel)


def unsubscribe_headers(link: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def mail_for(
    *,
    to: str,
    subject: str,
    body: str,
    link: str = "",
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    headers = {"Message-ID": make_msgid(domain=_sender_domain())}
    if link:
        headers.update(unsubscribe_headers(link))
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}", body=body, to=[to], headers=headers
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message


def _sender_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">")
    return address.rpartition("@")[2] or "localhost"


def queue(messages: list[EmailMessage]) -> dict[str, int]:
    """Write the messages to the outbox in the current transaction; their outbox rows by
    Message-ID."""
    if not messages:
        return {}
    backend = get_connection()
    ids = [m.extra_headers["Message-ID"] for m in messages]
    if isinstance(backend, OutboxEmailBackend):
        return dict(zip(ids, backend.queue(messages), strict=True))
    backend.send_messages(messages)
    return dict(OutgoingMail.objects.filter(message_id__in=ids).values_list("message_id", "pk"))


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    channel: str,
    subject: Text,
    body: Text,
    context: Mapping[str, Any] | None = None,
    url: str = "",
    urgency: Urgency = "normal",
    languages: Mapping[int, str] | None = None,
    attachments: Sequence[Attachment] = (),
    base_url: str | None = None,
) -> Item:
    """Tell ``recipients`` (users; each once, those without an address get the in-site
    notification only) about something on ``channel``. ``subject`` and ``body`` are rendered
    with ``context`` once per language; ``url`` (absolute or a path) is where to read more."""
    people = {user.pk: user for user in recipients if user is not None and user.pk is not None}
    ids = sorted(people)
    context = context or {}
    link = absolute(url, base_url)
    chosen = _mail_settings(ids)
    language_of = languages_of(ids, languages, chosen)
    texts: dict[str, dict[str, str]] = {}
    for language in sorted(set(language_of.values()) | {settings.LANGUAGE_CODE}):
        with translation.override(language):
            texts[language] = {"subject": render(subject, context), "body": render(body, context)}
    item = Item.objects.create(kind=kind, channel=channel, url=url, texts=texts)
    frequency_of = (
        dict.fromkeys(ids, Frequency.EACH)
        if urgency == "required"
        else frequencies_of(ids, channel, chosen)
    )
    footers = Footers(base_url)
    messages: list[EmailMessage] = []
    message_of: dict[int, str] = {}
    pending: dict[int, str] = {}
    for pk in ids:
        frequency = frequency_of[pk]
        if urgency == "normal" and frequency in {Frequency.DAILY, Frequency.WEEKLY}:
            pending[pk] = frequency
            continue
        if frequency == Frequency.NONE or not people[pk].email:
            continue
        language = language_of[pk]
        text = texts[language]
        with translation.override(language):
            parts = [text["body"].rstrip()]
            if link and link not in text["body"]:
                parts.append(link)
            unsubscribe = ""
            if urgency != "required":
                lines, unsubscribe = footers(pk, channel)
                parts.append(lines)
            message = mail_for(
                to=people[pk].email,
                subject=text["subject"],
                body="\n\n".join(parts),
                link=unsubscribe,
                attachments=attachments,
            )
        messages.append(message)
        message_of[pk] = message.extra_headers["Message-ID"]
    rows = queue(messages)
    if pending:
        share_horizon_lock()
    Notification.objects.bulk_create(
        (
            Notification(
                item=item,
                recipient_id=pk,
                language=language_of[pk],
                pending=pending.get(pk, ""),
                mail_id=rows.get(message_of.get(pk, "")),
            )
            for pk in ids
        ),
        batch_size=NOTIFICATION_BATCH,
    )
    return item


__all__ = ["EVERY_CHANNEL", "notify"]
