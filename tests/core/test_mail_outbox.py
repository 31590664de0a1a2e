"""The mail outbox (issue 12, defect 7): every mail is written in the transaction of the change
that causes it, delivered after commit, retried with back-off while the mail server is down,
given up (and shown to administrators) after S4P_EMAIL_GIVE_UP_HOURS, never sent twice."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from science4peace.core.mail import backoff, deliver, deliver_due
from science4peace.core.models import OutgoingMail
from tests import netguard
from tests.events.conftest import make_users

Status = OutgoingMail.Status
pytestmark = pytest.mark.django_db


class Recorder:
    """What a real SMTP server on loopback received."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """The real SMTP backend pointed at a loopback port where nothing listens yet; ``start()``
    brings a server up there."""
    port = _free_port()
    settings.S4P_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    recorder = Recorder()
    running: list[tuple[Controller, asyncio.AbstractEventLoop]] = []

    class Server:
        received = recorder.messages

        @staticmethod
        def start() -> None:
            loop = asyncio.new_event_loop()
            controller = Controller(recorder, hostname="127.0.0.1", port=port, loop=loop)
            controller.start()
            running.append((controller, loop))

    with netguard.local_smtp_server(port):
        yield Server
    for controller, loop in running:
        controller.stop()
        loop.close()


def _send_five(capture) -> None:
    with capture(execute=True):
        for n in range(5):
            send_mail(f"Mail {n}", "Body", "noreply@example.org", [f"r{n}@example.org"])


def test_mails_that_failed_while_the_server_was_down_are_each_delivered_once_when_it_is_back(
    smtp, django_capture_on_commit_callbacks
):
    _send_five(django_capture_on_commit_callbacks)
    rows = list(OutgoingMail.objects.order_by("id"))
    assert [(r.status, r.attempts) for r in rows] == [(Status.PENDING, 1)] * 5
    assert all("Connection refused" in r.last_error or "Error" in r.last_error for r in rows)

    smtp.start()
    assert deliver_due() == 0  # not due yet: the back-off holds
    later = timezone.now() + backoff(1)
    assert deliver_due(now=later) == 5
    assert deliver_due(now=later + dt.timedelta(hours=2)) == 0

    subjects = sorted(m["Subject"] for m in smtp.received)
    assert subjects == [f"Mail {n}" for n in range(5)]
    ids = {r.message_id for r in OutgoingMail.objects.all()}
    assert {m["Message-ID"] for m in smtp.received} == ids
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {(Status.SENT, 2)}


def test_the_message_id_is_the_same_on_every_attempt(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Once", "Body", "noreply@example.org", ["a@example.org"])
    row = OutgoingMail.objects.get()
    deliver_due(now=timezone.now() + backoff(1))  # still down: a second failure
    smtp.start()
    deliver_due(now=timezone.now() + backoff(1) + backoff(2))
    (received,) = smtp.received
    row.refresh_from_db()
    assert (received["Message-ID"], row.status, row.attempts) == (row.message_id, Status.SENT, 3)


def test_back_off_doubles_up_to_an_hour():
    assert [backoff(n) for n in (1, 2, 3, 7, 8, 20)] == [
        dt.timedelta(minutes=m) for m in (1, 2, 4, 60, 60, 60)
    ]


def test_a_mail_is_given_up_after_the_documented_time_and_listed_for_administrators(
    smtp, settings, client, django_capture_on_commit_callbacks
):
    settings.S4P_EMAIL_GIVE_UP_HOURS = 72
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Lost cause", "Body", "noreply@example.org", ["a@example.org"])
    row = OutgoingMail.objects.get()
    deliver_due(now=row.created + dt.timedelta(hours=71, minutes=59, seconds=30))
    row.refresh_from_db()
    assert row.status == Status.FAILED

    admin = make_users(1, "admin")[0]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    page = client.get(reverse("admin:core_outgoingmail_changelist") + "?status__exact=failed")
    assert ("Lost cause" in page.content.decode(), page.status_code) == (True, 200)


def _change_that_fails_after_its_mail() -> None:
    with transaction.atomic():
        send_mail("Never", "Body", "noreply@example.org", ["a@example.org"])
        raise RuntimeError("the change fails after the mail was written")


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _change_that_fails_after_its_mail()
    assert (OutgoingMail.objects.count(), mail.outbox) == (0, [])


def test_the_mail_is_written_before_commit_so_a_crash_after_the_change_loses_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_mail("Kept", "Body", "noreply@example.org", ["a@example.org"])
    # the process "dies" here: the after-commit delivery never runs
    assert (len(callbacks), mail.outbox) == (1, [])
    assert OutgoingMail.objects.get().status == Status.PENDING
    assert deliver_due() == 1
    assert [m.subject for m in mail.outbox] == ["Kept"]


def test_a_claimed_row_is_not_sent_by_another_process(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_mail("Mine", "Body", "noreply@example.org", ["a@example.org"])
    row = OutgoingMail.objects.get()
    OutgoingMail.objects.filter(pk=row.pk).update(status=Status.SENDING, claimed_at=timezone.now())
    assert (deliver([row.pk]), deliver_due(), mail.outbox) == (0, 0, [])


def test_delivering_the_same_row_twice_sends_it_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_mail("Twice?", "Body", "noreply@example.org", ["a@example.org"])
    row = OutgoingMail.objects.get()
    assert (deliver([row.pk]), deliver([row.pk]), len(mail.outbox)) == (1, 0, 1)


@pytest.mark.usefixtures("transactional_db")
def test_with_the_queue_the_worker_delivers_and_a_failure_is_retried_when_due(settings, smtp):
    settings.S4P_EMAIL_QUEUE = True
    # the mail's tasks only: restoring the rows migrations made (serialized rollback) saves
    # institutions before a transactional test, which queues a page rebuild
    tasks = DBTaskResult.objects.filter(task_path="science4peace.core.mail.deliver_mail")
    for n in range(5):  # no wrapping transaction here: each commits at once
        send_mail(f"Mail {n}", "Body", "noreply@example.org", [f"r{n}@example.org"])
    assert (smtp.received, tasks.filter(status="READY").count()) == ([], 5)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    pending = OutgoingMail.objects.filter(status=Status.PENDING, attempts=1).count()
    retries = tasks.filter(status="READY", run_after__gt=timezone.now())
    assert (smtp.received, pending, retries.exists()) == ([], 5, True)

    smtp.start()
    # a minute later: the retry is due
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    retries.update(run_after=timezone.now())
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert sorted(m["Subject"] for m in smtp.received) == [f"Mail {n}" for n in range(5)]
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {Status.SENT}
