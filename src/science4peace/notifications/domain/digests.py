"""Daily and weekly digests: one mail per person with exactly the items that waited for a
digest of that frequency since their previous one. Run by ``s4p manage send_digests`` (from
cron or a timer, hourly is enough) or the ``send_digests_task`` task; each person gets at most
one digest of a frequency per period, however often it runs. The waiting notifications are
locked and marked in the transaction that writes the mail, so two runs at once cannot put an
item in two digests, and a run that fails changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Case, IntegerField, Max, Value, When
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import task

from science4peace.notifications.domain.notify import Footers, absolute, mail_for, queue
from science4peace.notifications.domain.tokens import EVERY_CHANNEL
from science4peace.notifications.models import Digest, Frequency, Item, Notification

PERIODS = {Frequency.DAILY: dt.timedelta(days=1), Frequency.WEEKLY: dt.timedelta(days=7)}
SLACK = dt.timedelta(hours=1)  # a run a little early still counts as the next period's
CHUNK = 500
MARK_BATCH = 5000


def due_recipients(frequency: str, now: dt.datetime) -> list[int]:
    """People with items waiting for a ``frequency`` digest whose previous one is a period
    old (or who never had one)."""
    waiting = set(
        Notification.objects.filter(pending=frequency)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    last = dict(
        Digest.objects.filter(frequency=frequency, recipient_id__in=waiting)
        .values("recipient_id")
        .annotate(last=Max("created"))
        .values_list("recipient_id", "last")
    )
    limit = now - PERIODS[Frequency(frequency)] + SLACK
    return sorted(pk for pk in waiting if last.get(pk) is None or last[pk] <= limit)


def _subject(frequency: str, count: int) -> str:
    if frequency == Frequency.DAILY:
        subject = ngettext(
            "Your daily digest: %(count)s new item", "Your daily digest: %(count)s new items", count
        )
    else:
        subject = ngettext(
            "Your weekly digest: %(count)s new item",
            "Your weekly digest: %(count)s new items",
            count,
        )
    return subject % {"count": count}


def _block(item: Item, language: str) -> str:
    text = item.text(language)
    lines = [f"* {text['subject']}", *(f"  {line}" for line in text["body"].splitlines())]
    if item.url:
        lines.append(f"  {absolute(item.url)}")
    return "\n".join(line.rstrip() for line in lines)


class _Blocks:
    """Each item's block of a digest, written once per language for all the digests of a run."""

    def __init__(self, items: dict[int, Item]) -> None:
        self.items = items
        self.written: dict[tuple[int, str], str] = {}

    def body(self, item_ids: list[int], language: str) -> str:
        blocks = []
        for item_id in item_ids:
            key = (item_id, language)
            if key not in self.written:
                self.written[key] = _block(self.items[item_id], language)
            blocks.append(self.written[key])
        return "\n\n".join(blocks)


def _mark(digests: list[Digest], by_person: dict[int, list[Any]]) -> None:
    """Take the notifications out of the waiting list into their digest: one UPDATE per
    ``MARK_BATCH`` notifications."""
    pks: list[int] = []
    whens: list[When] = []

    def flush() -> None:
        Notification.objects.filter(pk__in=pks).update(
            pending="", digest=Case(*whens, output_field=IntegerField())
        )
        pks.clear()
        whens.clear()

    for digest, entries in zip(digests, by_person.values(), strict=True):
        whens.append(When(recipient_id=digest.recipient_id, then=Value(digest.pk)))
        pks.extend(entry[0] for entry in entries)
        if len(pks) >= MARK_BATCH:
            flush()
    if pks:
        flush()


def _send_chunk(frequency: str, user_ids: list[int], now: dt.datetime) -> int:
    with transaction.atomic():
        waiting = Notification.objects.filter(pending=frequency, recipient_id__in=user_ids)
        if connection.features.has_select_for_update:
            waiting = waiting.select_for_update()
        rows = list(
            waiting.order_by("recipient_id", "item_id").values_list(
                "pk", "recipient_id", "item_id", "language"
            )
        )
        if not rows:
            return 0
        items = {item.pk: item for item in Item.objects.filter(pk__in={r[2] for r in rows})}
        by_person: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for pk, recipient_id, item_id, language in rows:
            by_person[recipient_id].append((pk, item_id, language))
        emails = dict(
            get_user_model().objects.filter(pk__in=list(by_person)).values_list("pk", "email")
        )
        digests = Digest.objects.bulk_create(
            Digest(recipient_id=pk, frequency=frequency, created=now, count=len(entries))
            for pk, entries in by_person.items()
        )
        blocks = _Blocks(items)
        footers = Footers()
        messages, digest_of = [], {}
        for digest, (pk, entries) in zip(digests, by_person.items(), strict=True):
            email = emails[pk]
            language = entries[-1][2]
            if not email:
                continue
            with translation.override(language):
                subject = _subject(frequency, len(entries))
                body = blocks.body([e[1] for e in entries], language)
                lines, link = footers(pk, EVERY_CHANNEL)
                message = mail_for(to=email, subject=subject, body=f"{body}\n\n{lines}", link=link)
            messages.append(message)
            digest_of[message.extra_headers["Message-ID"]] = digest
        mails = queue(messages)
        for message_id, digest in digest_of.items():
            digest.mail_id = mails.get(message_id)
        Digest.objects.bulk_update(list(digest_of.values()), ["mail"], batch_size=MARK_BATCH)
        _mark(digests, by_person)
        return len(messages)


def do_send_digests(*, frequency: str, now: dt.datetime | None = None) -> int:
    """Write every due ``frequency`` digest to the outbox; returns how many mails."""
    if frequency not in PERIODS:
        raise ValueError(f"unknown digest frequency {frequency!r}")
    now = now or timezone.now()
    due = due_recipients(frequency, now)
    return sum(_send_chunk(frequency, due[i : i + CHUNK], now) for i in range(0, len(due), CHUNK))


def digest_items(digest: Digest) -> list[Any]:
    """The items a digest carried, oldest first."""
    return list(Item.objects.filter(notifications__digest=digest).order_by("created", "id"))


@task()
def send_digests_task(frequencies: list[str] | None = None) -> int:
    """The worker's task: every due digest (daily and weekly unless told)."""
    return sum(do_send_digests(frequency=f) for f in frequencies or list(PERIODS))
