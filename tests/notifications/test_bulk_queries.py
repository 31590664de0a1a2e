"""The bulk paths of the notification service take a number of SQL statements that does not
grow with the number of recipients: an announcement to 40 people costs what one to 80 costs,
and so does a daily digest for 40 or 80 people (each within one batch of rows on SQLite,
whose statements take at most 999 parameters)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from science4peace.core.models import OutgoingMail
from science4peace.notifications.domain.digests import do_send_digests
from science4peace.notifications.models import Digest, Frequency, MailSettings, Notification

from .conftest import post

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 7, tzinfo=dt.UTC)


def _people(count: int, prefix: str, frequency: str) -> list:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org")
        for n in range(count)
    )
    MailSettings.objects.bulk_create(
        MailSettings(user=user, language="ar" if n % 2 else "en", frequency=frequency)
        for n, user in enumerate(users)
    )
    return users


def _statements(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_an_announcement_to_80_people_takes_as_many_statements_as_one_to_40(delivered):
    forty, eighty = _people(40, "a", Frequency.EACH), _people(80, "b", Frequency.EACH)
    counts = [_statements(lambda: post(forty, 1)), _statements(lambda: post(eighty, 2))]
    mailed = Notification.objects.filter(mail__isnull=False).count()
    assert (counts[0], mailed, OutgoingMail.objects.count()) == (counts[1], 120, 120)


def test_a_daily_digest_for_80_people_takes_as_many_statements_as_one_for_40(time_machine):
    time_machine.move_to(START, tick=False)
    forty, eighty = _people(40, "a", Frequency.DAILY), _people(80, "b", Frequency.DAILY)
    for number in range(3):
        post(forty, number)
    for number in range(3, 6):
        post(eighty, number)
    for user in eighty:  # the eighty wait until tomorrow
        Digest.objects.create(recipient=user, frequency=Frequency.DAILY, created=START)

    first = _statements(lambda: do_send_digests(frequency="daily"))
    time_machine.move_to(START + dt.timedelta(days=1), tick=False)
    second = _statements(lambda: do_send_digests(frequency="daily"))

    carried = sum(d.count for d in Digest.objects.all())
    assert (first, carried, Digest.objects.filter(mail__isnull=False).count()) == (
        second,
        360,
        120,
    )
