"""The mail outbox: every message the platform sends (registration mails, account mails,
anything calling ``send_mail``) goes through ``OutboxEmailBackend``, which writes it as an
``OutgoingMail`` row in the transaction of the change that causes it and delivers it after
commit through the backend ``S4P_EMAIL_URL`` names: at once, or with ``S4P_EMAIL_QUEUE=true``
from ``s4p worker``. A failed delivery is retried with exponential back-off until it succeeds
or ``S4P_EMAIL_GIVE_UP_HOURS`` have passed since the mail was written; then the row is marked
failed and listed in the admin.

A row is claimed before it is sent (a conditional UPDATE from ``pending`` to ``sending``;
on PostgreSQL the candidates are first locked with ``SKIP LOCKED`` so that workers do not
wait on each other), so two processes never send the same row. The one remaining window:
a process that dies after the mail server accepted a message but before the row is marked
sent leaves it ``sending``; after ``STALE_CLAIM`` it is tried again, and the recipient may
get it twice (with the same Message-ID, so most mail clients show it once)."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Sequence
from email.utils import make_msgid, parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from science4peace.core.models import OutgoingMail

Status = OutgoingMail.Status
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=1)
STALE_CLAIM = dt.timedelta(minutes=15)
BATCH = 100
WRITE_BATCH = 500


def _attachment(item: Any) -> dict[str, str]:
    filename, content, mimetype = item
    data = content.encode() if isinstance(content, str) else bytes(content)
    return {
        "filename": filename or "",
        "content": base64.b64encode(data).decode(),
        "mimetype": mimetype or "application/octet-stream",
    }


def serialise(message: EmailMessage) -> dict[str, Any]:
    """A JSON-ready copy of a message: text, HTML alternatives and attachments."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment(item) for item in message.attachments],
    }


def deserialise(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for item in data["attachments"]:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def _domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "localhost"


def write(messages: Iterable[EmailMessage]) -> list[int]:
    """Write each message to the outbox, in the caller's transaction, with a Message-ID
    that stays the same on every delivery attempt; the rows' ids in the messages' order.
    The rows are inserted ``WRITE_BATCH`` at a time (one statement each)."""
    rows = []
    for message in messages:
        sender = message.from_email or settings.DEFAULT_FROM_EMAIL
        message.from_email = sender
        headers = {key.lower(): key for key in message.extra_headers}
        if "message-id" not in headers:
            message.extra_headers["Message-ID"] = make_msgid(domain=_domain(sender))
        message_id = message.extra_headers[headers.get("message-id", "Message-ID")]
        rows.append(
            OutgoingMail(
                message_id=message_id,
                subject=str(message.subject)[:998],
                recipients=", ".join([*message.to, *message.cc, *message.bcc]),
                message=serialise(message),
            )
        )
    if connection.features.can_return_rows_from_bulk_insert:
        OutgoingMail.objects.bulk_create(rows, batch_size=WRITE_BATCH)
    else:  # pragma: no cover - every supported database returns the ids
        for row in rows:
            row.save(force_insert=True)
    return [row.pk for row in rows]


def _release_stale_claims(now: dt.datetime) -> None:
    OutgoingMail.objects.filter(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Status.PENDING
    )


def _claim(ids: Sequence[int] | None, now: dt.datetime) -> list[int]:
    due = OutgoingMail.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    due = due.order_by("next_attempt_at", "id")
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        picked = list(due.values_list("pk", flat=True)[:BATCH])
        return [
            pk
            for pk in picked
            if OutgoingMail.objects.filter(pk=pk, status=Status.PENDING).update(
                status=Status.SENDING, claimed_at=now
            )
        ]


def backoff(attempts: int) -> dt.timedelta:
    """Wait before attempt ``attempts + 1``: 1, 2, 4, 8 … minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def _record_failure(row: OutgoingMail, error: Exception, now: dt.datetime) -> bool:
    attempts = row.attempts + 1
    give_up = row.created + dt.timedelta(hours=settings.S4P_EMAIL_GIVE_UP_HOURS)
    retry_at = now + backoff(attempts)
    failed = retry_at > give_up
    OutgoingMail.objects.filter(pk=row.pk, status=Status.SENDING).update(
        status=Status.FAILED if failed else Status.PENDING,
        attempts=attempts,
        next_attempt_at=retry_at,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        claimed_at=None,
    )
    return not failed


def deliver(ids: Sequence[int] | None = None, *, now: dt.datetime | None = None) -> int:
    """Deliver the given rows (or one batch of the rows that are due) that no other process
    has claimed; returns how many were sent. Failures are scheduled for a later attempt."""
    return _deliver(ids, now or timezone.now())[1]


def _deliver(ids: Sequence[int] | None, now: dt.datetime) -> tuple[int, int]:
    _release_stale_claims(now)
    claimed = _claim(ids, now)
    if not claimed:
        return 0, 0
    backend = get_connection(settings.S4P_EMAIL_DELIVERY_BACKEND)
    sent = 0
    retry = False
    for row in OutgoingMail.objects.filter(pk__in=claimed).order_by("id"):
        try:
            if backend.send_messages([deserialise(row.message)]) != 1:
                raise RuntimeError("the mail backend accepted nothing")
        except Exception as error:
            retry = _record_failure(row, error, now) or retry
        else:
            OutgoingMail.objects.filter(pk=row.pk, status=Status.SENDING).update(
                status=Status.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
            sent += 1
    if retry:
        schedule_retry()
    return len(claimed), sent


def deliver_due(*, now: dt.datetime | None = None) -> int:
    """Deliver every row that is due, batch after batch; returns how many were sent."""
    now = now or timezone.now()
    total = 0
    while True:
        claimed, sent = _deliver(None, now)
        total += sent
        if claimed == 0:
            return total


def schedule_retry() -> None:
    """Ask the worker to run again when the next pending row is due."""
    first = (
        OutgoingMail.objects.filter(status=Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if first is not None:
        deliver_mail.using(run_after=first).enqueue()


@task()
def deliver_mail(ids: list[int] | None = None) -> int:
    """The worker's task: deliver the given rows, or every row that is due."""
    return deliver(ids) if ids else deliver_due()


def _after_commit(ids: list[int]) -> None:
    if settings.S4P_EMAIL_QUEUE:
        deliver_mail.enqueue(ids)
    else:
        deliver(ids)


class OutboxEmailBackend(BaseEmailBackend):
    """``EMAIL_BACKEND``: writes to the outbox now, delivers after commit."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        return len(self.queue(email_messages))

    def queue(self, email_messages: Sequence[EmailMessage]) -> list[int]:
        """Like ``send_messages``, but returns the outbox rows' ids in the messages' order."""
        ids = write(email_messages)
        if ids:
            transaction.on_commit(lambda: _after_commit(ids))
        return ids
