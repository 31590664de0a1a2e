"""Benchmark: the notification service for a 3,000-member collaboration (issue 15).

Run:  scripts/with-postgres .venv/bin/python benchmarks/notifications.py     (PostgreSQL)
      .venv/bin/python benchmarks/notifications.py                           (SQLite, a temp file)

1. A daily digest: 3,000 people who chose daily digests each have 200 waiting items (600,000
   notifications, written directly as the setup); ``do_send_digests(frequency="daily")`` builds
   and queues one digest mail per person (outbox rows, ``S4P_EMAIL_QUEUE`` on, so nothing is
   delivered in the measurement). Target: under 60 s.
2. An announcement: ``notify`` to the same 3,000 people, who now want every item by mail,
   writes the item, 3,000 notifications and 3,000 outbox mails in one transaction.
   Target: under 10 s.
Prints the wall time of each, the rows written and the load average before and after.
``S4P_BENCH_MEMBERS`` and ``S4P_BENCH_ITEMS`` change the sizes.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "science4peace.settings")
os.environ.setdefault("S4P_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("S4P_VAR_DIR", tempfile.mkdtemp(prefix="s4p-bench-"))
os.environ["S4P_EMAIL_QUEUE"] = "true"  # measure building and queueing, not SMTP
os.environ["S4P_EMAIL_URL"] = "memory:"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

from science4peace.core.models import OutgoingMail  # noqa: E402
from science4peace.notifications.domain.digests import do_send_digests  # noqa: E402
from science4peace.notifications.domain.notify import notify  # noqa: E402
from science4peace.notifications.models import (  # noqa: E402
    Frequency,
    Item,
    MailSettings,
    Notification,
)

MEMBERS = int(os.environ.get("S4P_BENCH_MEMBERS", "3000"))
ITEMS = int(os.environ.get("S4P_BENCH_ITEMS", "200"))
LANGUAGES = ["en", "ru", "uk", "ar"]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def setup() -> list:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"member{n}", email=f"member{n}@example.org")
        for n in range(MEMBERS)
    )
    MailSettings.objects.bulk_create(
        MailSettings(user=u, language=LANGUAGES[n % 4], frequency=Frequency.DAILY)
        for n, u in enumerate(users)
    )
    Item.objects.bulk_create(
        Item(
            kind="spaces.post",
            channel="space:1",
            url=f"/spaces/1/threads/{number}/",
            texts={
                language: {
                    "subject": f"New post in HELIX: Result {number}",
                    "body": f"Ada wrote: we measured the cross-section {number} times.",
                }
                for language in LANGUAGES
            },
        )
        for number in range(ITEMS)
    )
    # fixture data only: every (item, member) pair in one INSERT ... SELECT, in the order
    # notify writes them (item after item), each in the member's language
    notification = Notification._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {notification} (item_id, recipient_id, language, pending)"  # noqa: S608
            f" SELECT i.id, m.user_id, m.language, %s"
            f" FROM {Item._meta.db_table} i CROSS JOIN {MailSettings._meta.db_table} m"
            " ORDER BY i.id, m.user_id",
            [Frequency.DAILY],
        )
    return users


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; members {MEMBERS}, items {ITEMS}", flush=True)
    started = time.perf_counter()
    users = setup()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"setup: {Notification.objects.count():,} waiting notifications in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )

    reverse("notifications:list")  # the URL table is built once per process, as in a worker
    print(f"load average before the digest: {load()}", flush=True)
    started, cpu = time.perf_counter(), time.process_time()
    sent = do_send_digests(frequency="daily")
    digest_seconds = time.perf_counter() - started
    print(f"  (this process's CPU: {time.process_time() - cpu:.1f} s)", flush=True)
    mails = OutgoingMail.objects.count()
    print(
        f"daily digest: {sent} digests ({mails} outbox rows) built and queued in "
        f"{digest_seconds:.2f} s (target < 60 s); load average after: {load()}",
        flush=True,
    )

    MailSettings.objects.update(frequency=Frequency.EACH)
    print(f"load average before the announcement: {load()}", flush=True)
    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        item = notify(
            recipients=users,
            kind="spaces.announcement",
            channel="space:1",
            subject=gettext_lazy("New post in %(lab)s: %(title)s"),
            body=gettext_lazy("%(author)s wrote: %(text)s"),
            context={"lab": "HELIX", "title": "Run 4 starts", "author": "Ada", "text": "Soon."},
            url="/spaces/1/announcements/1/",
        )
    announce_seconds = time.perf_counter() - started
    print(f"  (this process's CPU: {time.process_time() - cpu:.1f} s)", flush=True)
    queued = Notification.objects.filter(item=item, mail__isnull=False).count()
    print(
        f"announcement: {queued} mails queued to {len(users)} members in "
        f"{announce_seconds:.2f} s (target < 10 s); load average after: {load()}",
        flush=True,
    )
    ok = digest_seconds < 60 and announce_seconds < 10 and sent == MEMBERS and queued == MEMBERS
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
