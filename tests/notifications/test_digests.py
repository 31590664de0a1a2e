"""Digests carry exactly the items since the person's previous digest of that frequency: none
lost, none twice, at most one digest a period."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from science4peace.notifications.domain.digests import digest_items, do_send_digests, waiting
from science4peace.notifications.domain.preferences import do_set_mail_settings
from science4peace.notifications.models import Digest, Frequency, Notification

from .conftest import make_people, post

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 7, tzinfo=dt.UTC)


def _subjects(digest: Digest) -> list[str]:
    return [item.text("en")["subject"] for item in digest_items(digest)]


def test_a_digest_contains_exactly_the_items_since_the_last_digest(time_machine, delivered):
    time_machine.move_to(START, tick=False)
    reader, other = make_people(2)
    do_set_mail_settings(actor=reader, frequency=Frequency.DAILY, language="en")
    post([reader, other], 1)
    post([reader], 2)
    with delivered():
        assert do_send_digests(frequency="daily") == 1
    first = Digest.objects.get(recipient=reader)
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        [reader.email],
        "[Science4Peace] Your daily digest: 2 new items",
    )

    time_machine.move_to(START + dt.timedelta(hours=3), tick=False)
    post([reader], 3)
    assert do_send_digests(frequency="daily") == 0  # a day has not passed: item 3 waits

    time_machine.move_to(START + dt.timedelta(days=1), tick=False)
    post([reader], 4)
    with delivered():
        assert do_send_digests(frequency="daily") == 1
    second = Digest.objects.exclude(pk=first.pk).get(recipient=reader)
    assert (_subjects(first), _subjects(second)) == (
        ["New post in Lab one: Result 1", "New post in Lab one: Result 2"],
        ["New post in Lab one: Result 3", "New post in Lab one: Result 4"],
    )
    assert waiting(reader, "daily") == []
    with delivered():
        assert do_send_digests(frequency="daily", now=START + dt.timedelta(days=5)) == 0
    assert mail.outbox == []


def test_weekly_and_daily_digests_are_apart(time_machine, delivered):
    time_machine.move_to(START, tick=False)
    daily, weekly = make_people(2)
    do_set_mail_settings(actor=daily, frequency=Frequency.DAILY, language="en")
    do_set_mail_settings(actor=weekly, frequency=Frequency.WEEKLY, language="en")
    post([daily, weekly])
    with delivered():
        call_command("send_digests", "--frequency", "daily", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[daily.email]]
    with delivered():
        call_command("send_digests", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[weekly.email]]


def test_an_item_is_in_one_digest_only_when_two_runs_overlap(time_machine, delivered):
    time_machine.move_to(START, tick=False)
    people = make_people(3)
    for person in people:
        do_set_mail_settings(actor=person, frequency=Frequency.DAILY, language="en")
    for number in range(4):
        post(people, number)
    with delivered():
        do_send_digests(frequency="daily")
        do_send_digests(frequency="daily")
    assert (len(mail.outbox), sorted(Digest.objects.values_list("count", flat=True))) == (
        3,
        [4, 4, 4],
    )


def test_a_person_not_due_at_the_last_run_gets_the_waiting_items_in_the_next_one(
    time_machine, delivered
):
    time_machine.move_to(START, tick=False)
    early, late = make_people(2)
    for person in (early, late):
        do_set_mail_settings(actor=person, frequency=Frequency.DAILY, language="en")
    post([early], 1)
    with delivered():
        assert do_send_digests(frequency="daily") == 1  # early's digest at 07:00

    time_machine.move_to(START + dt.timedelta(hours=5), tick=False)
    post([early, late], 2)
    with delivered():
        assert do_send_digests(frequency="daily") == 1  # late's first; early waits a day
    time_machine.move_to(START + dt.timedelta(days=1, hours=1), tick=False)
    post([late], 3)
    with delivered():
        assert do_send_digests(frequency="daily") == 1  # early now; late waits a day
    time_machine.move_to(START + dt.timedelta(days=1, hours=6), tick=False)
    with delivered():
        assert do_send_digests(frequency="daily") == 1  # late

    carried = {
        (digest.recipient.username, tuple(_subjects(digest)))
        for digest in Digest.objects.select_related("recipient")
    }
    assert carried == {
        ("member0", ("New post in Lab one: Result 1",)),
        ("member0", ("New post in Lab one: Result 2",)),
        ("member1", ("New post in Lab one: Result 2",)),
        ("member1", ("New post in Lab one: Result 3",)),
    }
    assert (waiting(early, "daily"), waiting(late, "daily")) == ([], [])


def test_a_digest_run_writes_no_notification(time_machine, delivered):
    time_machine.move_to(START, tick=False)
    people = make_people(3)
    for person in people:
        do_set_mail_settings(actor=person, frequency=Frequency.WEEKLY, language="en")
    for number in range(3):
        post(people, number)
    before = list(Notification.objects.order_by("id").values())
    with delivered(), CaptureQueriesContext(connection) as captured:
        assert do_send_digests(frequency="weekly") == 3
    written = [
        query["sql"]
        for query in captured.captured_queries
        if "notifications_notification" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert (written, list(Notification.objects.order_by("id").values())) == ([], before)
    assert [len(waiting(person, "weekly")) for person in people] == [0, 0, 0]
