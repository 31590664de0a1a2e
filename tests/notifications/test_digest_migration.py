"""Migration notifications 0002 turns the digests that marked each notification into id
ranges: a carried notification keeps the frequency of its digest, each digest covers the ids
from its person's previous digest to the highest it carried, and what waited still waits."""

import datetime as dt

from django.contrib.auth import get_user_model

from science4peace.notifications.domain.digests import digest_items, waiting
from science4peace.notifications.models import Digest

BEFORE = [("notifications", "0001_initial")]
AFTER = [("notifications", "0002_digest_ranges")]


def test_marked_digests_become_ranges_and_waiting_items_still_wait(migrate_to):
    apps = migrate_to(BEFORE)
    User = apps.get_model("auth", "User")
    Item = apps.get_model("notifications", "Item")
    Notification = apps.get_model("notifications", "Notification")
    OldDigest = apps.get_model("notifications", "Digest")
    reader = User.objects.create(username="reader", email="reader@example.org")
    items = [Item.objects.create(kind="lab.post", channel="lab:1", texts={}) for _ in range(5)]
    start = dt.datetime(2026, 11, 1, 7, tzinfo=dt.UTC)
    first, second = (
        OldDigest.objects.create(
            recipient=reader, frequency="daily", created=start + dt.timedelta(days=d), count=2
        )
        for d in range(2)
    )
    for n, item in enumerate(items):
        Notification.objects.create(
            item=item,
            recipient=reader,
            pending="daily" if n == 4 else "",
            digest=[first, first, second, second, None][n],
        )

    migrate_to(AFTER)
    user = get_user_model().objects.get(pk=reader.pk)
    carried = [
        [item.pk for item in digest_items(digest)] for digest in Digest.objects.order_by("created")
    ]
    assert (carried, [n.item_id for n in waiting(user, "daily")]) == (
        [[items[0].pk, items[1].pk], [items[2].pk, items[3].pk]],
        [items[4].pk],
    )
