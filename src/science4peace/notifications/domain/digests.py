"""Daily and weekly digests: one mail per person with exactly the items that waited for a
digest of that frequency since their previous one. Run by ``s4p manage send_digests`` (from
cron or a timer, hourly is enough) or the ``send_digests_task`` task; each person gets at most
one digest of a frequency per period, however often it runs.

No notification is written to say it was carried: a notification waits for a digest when its
``pending`` names the frequency, and a ``Digest`` carries the person's waiting notifications
with ids in ``(after, through]``, ``after`` being the previous digest's ``through``. A run
first fixes its ``horizon``, the highest notification id it may carry: on PostgreSQL it takes
for a moment an advisory lock that every ``notify`` writing waiting notifications holds
shared until it commits, so every waiting notification with an id up to the horizon is
committed and every later one gets a higher id (SQLite has one writer at a time, so ids are
committed in order). A run is one transaction, serialised with other runs by a second
advisory lock under which it reads the people's previous digests, so two runs at once cannot
put an item in two digests, and a run that fails changes nothing; that is also why a run need
only look at notifications above ``_since``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import task

from science4peace.notifications.domain.notify import (
    HORIZON_LOCK,
    Footers,
    absolute,
    mail_for,
    queue,
)
from science4peace.notifications.domain.tokens import EVERY_CHANNEL
from science4peace.notifications.models import Digest, Frequency, Item, Notification

PERIODS = {Frequency.DAILY: dt.timedelta(days=1), Frequency.WEEKLY: dt.timedelta(days=7)}
SLACK = dt.timedelta(hours=1)  # a run a little early still counts as the next period's
CHUNK = 500
RUN_LOCK = 0x53345016  # one digest run at a time


def horizon() -> int:
    """The highest notification id a run starting now may carry (see the module's text)."""
    if connection.vendor != "postgresql":
        return Notification.objects.aggregate(top=Max("id"))["top"] or 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [HORIZON_LOCK])
        try:
            return Notification.objects.aggregate(top=Max("id"))["top"] or 0
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [HORIZON_LOCK])


def _since(frequency: str) -> int:
    """An id below which no notification waits for a ``frequency`` digest any more: the
    previous run carried every waiting one up to its horizon except those of people it found
    not due, and those had a digest less than a period before it."""
    last = Digest.objects.filter(frequency=frequency).order_by("-created", "-id").first()
    if last is None:
        return 0
    recent = Digest.objects.filter(
        frequency=frequency, created__gte=last.created - PERIODS[Frequency(frequency)] - SLACK
    ).aggregate(low=Min("through"))["low"]
    return min(last.through, recent if recent is not None else last.through)


def _previous(frequency: str, user_ids: list[int]) -> dict[int, tuple[int, dt.datetime]]:
    """Each person's previous ``frequency`` digest: (its ``through``, when it was made)."""
    return {
        pk: (through, created)
        for pk, through, created in Digest.objects.filter(
            frequency=frequency, recipient_id__in=user_ids
        )
        .values("recipient_id")
        .annotate(through=Max("through"), last=Max("created"))
        .values_list("recipient_id", "through", "last")
    }


def due_recipients(frequency: str, now: dt.datetime, top: int | None = None) -> list[int]:
    """People with items waiting for a ``frequency`` digest whose previous one is a period
    old (or who never had one)."""
    waiting = Notification.objects.filter(pending=frequency, id__gt=_since(frequency))
    if top is not None:
        waiting = waiting.filter(id__lte=top)
    newest = dict(
        waiting.values("recipient_id").annotate(top=Max("id")).values_list("recipient_id", "top")
    )
    previous = _previous(frequency, list(newest))
    limit = now - PERIODS[Frequency(frequency)] + SLACK
    return sorted(
        pk
        for pk, top_id in newest.items()
        if pk not in previous or (previous[pk][1] <= limit and top_id > previous[pk][0])
    )


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


def _send_chunk(frequency: str, user_ids: list[int], now: dt.datetime, top: int) -> int:
    previous = _previous(frequency, user_ids)
    after = {pk: previous[pk][0] if pk in previous else 0 for pk in user_ids}
    rows = list(
        Notification.objects.filter(pending=frequency, id__lte=top)
        .filter(reduce(or_, (Q(recipient_id=pk, id__gt=after[pk]) for pk in user_ids)))
        .order_by("recipient_id", "item_id")
        .values_list("recipient_id", "item_id", "language")
    )
    if not rows:
        return 0
    items = {item.pk: item for item in Item.objects.filter(pk__in={r[1] for r in rows})}
    by_person: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for recipient_id, item_id, language in rows:
        by_person[recipient_id].append((item_id, language))
    emails = dict(
        get_user_model().objects.filter(pk__in=list(by_person)).values_list("pk", "email")
    )
    blocks = _Blocks(items)
    footers = Footers()
    messages, digests, message_of = [], [], {}
    for pk, entries in by_person.items():
        digest = Digest(
            recipient_id=pk,
            frequency=frequency,
            created=now,
            count=len(entries),
            after=after[pk],
            through=top,
        )
        digests.append(digest)
        email = emails[pk]
        language = entries[-1][1]
        if not email:
            continue
        with translation.override(language):
            subject = _subject(frequency, len(entries))
            body = blocks.body([e[0] for e in entries], language)
            lines, link = footers(pk, EVERY_CHANNEL)
            message = mail_for(to=email, subject=subject, body=f"{body}\n\n{lines}", link=link)
        messages.append(message)
        message_of[pk] = message.extra_headers["Message-ID"]
    mails = queue(messages)
    for digest in digests:
        digest.mail_id = mails.get(message_of.get(digest.recipient_id, ""))
    Digest.objects.bulk_create(digests, batch_size=CHUNK)
    return len(messages)


def do_send_digests(*, frequency: str, now: dt.datetime | None = None) -> int:
    """Write every due ``frequency`` digest to the outbox; returns how many mails."""
    if frequency not in PERIODS:
        raise ValueError(f"unknown digest frequency {frequency!r}")
    now = now or timezone.now()
    top = horizon()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RUN_LOCK])
        due = due_recipients(frequency, now, top)
        return sum(
            _send_chunk(frequency, due[i : i + CHUNK], now, top) for i in range(0, len(due), CHUNK)
        )


def waiting(user: Any, frequency: str) -> list[Notification]:
    """A person's notifications waiting for their next ``frequency`` digest, oldest first."""
    previous = _previous(frequency, [user.pk])
    return list(
        Notification.objects.filter(
            recipient=user, pending=frequency, id__gt=previous.get(user.pk, (0,))[0]
        ).order_by("id")
    )


def digest_items(digest: Digest) -> list[Any]:
    """The items a digest carried, oldest first."""
    return list(
        Item.objects.filter(
            notifications__recipient=digest.recipient_id,
            notifications__pending=digest.frequency,
            notifications__id__gt=digest.after,
            notifications__id__lte=digest.through,
        ).order_by("created", "id")
    )


@task()
def send_digests_task(frequencies: list[str] | None = None) -> int:
    """The worker's task: every due digest (daily and weekly unless told)."""
    return sum(do_send_digests(frequency=f) for f in frequencies or list(PERIODS))
