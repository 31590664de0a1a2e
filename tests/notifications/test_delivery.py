"""Notification mail through a real SMTP server on loopback: while it is down every mail is
retried; when it is back each is delivered exactly once."""

import pytest
from django.utils import timezone

from science4peace.core.mail import backoff, deliver_due
from science4peace.core.models import OutgoingMail
from tests.core.test_mail_outbox import smtp  # noqa: F401 — fixture

from .conftest import make_people, post

pytestmark = pytest.mark.django_db
Status = OutgoingMail.Status


def test_notification_mail_is_retried_and_delivered_exactly_once(request, delivered):
    server = request.getfixturevalue("smtp")
    people = make_people(4)
    with delivered():
        post(people)
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {(Status.PENDING, 1)}
    server.start()
    later = timezone.now() + backoff(1)
    assert deliver_due(now=later) == 4
    assert deliver_due(now=later + backoff(2)) == 0
    received = sorted(m["To"] for m in server.received)
    assert received == [f"member{n}@example.org" for n in range(4)]
    assert {m["List-Unsubscribe-Post"] for m in server.received} == {"List-Unsubscribe=One-Click"}
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {Status.SENT}
