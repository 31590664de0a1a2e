"""The notification service: each recipient gets the in-site notification, and mail by their
choice for the channel (every item, a digest, nothing), in their language, written to the
outbox in the caller's transaction."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from science4peace.core.models import OutgoingMail
from science4peace.notifications.domain.preferences import (
    do_set_channel_preference,
    do_set_mail_settings,
)
from science4peace.notifications.domain.queries import delivery_report, unread_count
from science4peace.notifications.models import ChannelPreference, Frequency, Notification

from .conftest import make_people, post

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_a_notification_and_by_default_a_mail(delivered):
    people = make_people(3)
    with delivered():
        item = post(people)
    assert sorted(n.recipient_id for n in Notification.objects.filter(item=item)) == sorted(
        p.pk for p in people
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "member0@example.org",
        "member1@example.org",
        "member2@example.org",
    ]
    assert [unread_count(p) for p in people] == [1, 1, 1]


def test_mail_follows_the_channel_choice_before_the_default(delivered):
    each, daily, silent = make_people(3)
    do_set_mail_settings(actor=daily, frequency=Frequency.WEEKLY, language="en")
    do_set_channel_preference(actor=daily, channel="lab:1", frequency=Frequency.DAILY)
    do_set_mail_settings(actor=silent, frequency=Frequency.NONE, language="en")
    with delivered():
        item = post([each, daily, silent])
    pending = dict(Notification.objects.filter(item=item).values_list("recipient_id", "pending"))
    assert ([m.to for m in mail.outbox], pending) == (
        [[each.email]],
        {each.pk: "", daily.pk: "daily", silent.pk: ""},
    )


def test_a_rolled_back_change_leaves_no_notification_and_no_mail(delivered):
    people = make_people(2)

    def change() -> None:
        with transaction.atomic():
            post(people)
            raise RuntimeError("the change failed")

    with delivered(), pytest.raises(RuntimeError):
        change()
    assert (Notification.objects.count(), OutgoingMail.objects.count(), mail.outbox) == (0, 0, [])


def test_mail_is_in_the_recipients_language(delivered):
    (reader,) = make_people(1)
    do_set_mail_settings(actor=reader, frequency=Frequency.EACH, language="ru")
    with delivered():
        post([reader])
    (message,) = mail.outbox
    assert "Выберите, какие письма вы получаете и как часто: http://localhost:8000/" in message.body


def test_a_mail_that_may_be_refused_carries_one_click_unsubscribe_headers(delivered):
    (reader,) = make_people(1)
    with delivered():
        post([reader])
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"]
    one_click = message.extra_headers["List-Unsubscribe-Post"]
    assert (link.startswith("<http://localhost:8000/notifications/unsubscribe/"), one_click) == (
        True,
        "List-Unsubscribe=One-Click",
    )
    assert link[1:-1] in message.body


def test_timely_items_are_mailed_at_once_even_to_digest_readers_but_not_to_the_silent(delivered):
    daily, silent = make_people(2)
    do_set_mail_settings(actor=daily, frequency=Frequency.DAILY, language="en")
    do_set_mail_settings(actor=silent, frequency=Frequency.NONE, language="en")
    with delivered():
        post([daily, silent], urgency="timely")
    assert [m.to for m in mail.outbox] == [[daily.email]]


def test_required_mail_reaches_everyone_without_an_unsubscribe_link(delivered):
    (silent,) = make_people(1)
    do_set_mail_settings(actor=silent, frequency=Frequency.NONE, language="en")
    with delivered():
        post([silent], urgency="required")
    (message,) = mail.outbox
    assert ("List-Unsubscribe" in message.extra_headers, "unsubscribe" in message.body) == (
        False,
        False,
    )


def test_the_delivery_report_counts_outbox_statuses_and_digests(delivered):
    sent, digest, silent = make_people(3)
    do_set_mail_settings(actor=digest, frequency=Frequency.WEEKLY, language="en")
    do_set_mail_settings(actor=silent, frequency=Frequency.NONE, language="en")
    with delivered():
        item = post([sent, digest, silent])
    report = delivery_report(item)
    assert (report["sent"], report["digest"], report["no_mail"], report["total"]) == (1, 1, 1, 3)


def test_a_preference_for_a_channel_one_cannot_see_is_refused_and_nothing_changes():
    (outsider,) = make_people(1, prefix="guest")

    with pytest.raises(ValidationError):
        do_set_channel_preference(actor=outsider, channel="lab:2", frequency=Frequency.NONE)
    with pytest.raises(ValidationError):
        do_set_channel_preference(actor=outsider, channel="no channel", frequency=Frequency.NONE)
    with pytest.raises(ValidationError):
        do_set_channel_preference(actor=outsider, channel="lab:1", frequency="hourly")
    assert ChannelPreference.objects.count() == 0
