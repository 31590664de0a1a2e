"""The background queue: mail enqueued by a request, delivered by `s4p worker`."""

import os
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.conftest import S4P


@pytest.fixture
def queued_mail(settings):
    settings.S4P_EMAIL_QUEUE = True


# The worker commits and closes connections between tasks as in production, so these tests
# run outside a wrapping transaction: the project's transactional_db, whose flush restores
# the migrated rows (a bare transaction=True flush would recreate content types under new
# ids and break every serialized-rollback test after it).
@pytest.mark.usefixtures("transactional_db")
def test_password_reset_mail_waits_in_the_queue_until_the_worker_runs(client, user, queued_mail):
    client.post("/accounts/password/reset/", {"email": user.email})
    deliveries = DBTaskResult.objects.filter(task_path__endswith=".deliver_mail")
    assert (len(mail.outbox), deliveries.count()) == (0, 1)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    (message,) = mail.outbox
    assert (message.to, "/accounts/password/reset/key/" in message.body) == ([user.email], True)
    assert deliveries.get().status == "SUCCESSFUL"


@pytest.mark.usefixtures("transactional_db")
def test_queued_mail_keeps_alternatives_and_attachments(queued_mail):
    message = mail.EmailMultiAlternatives("Agenda", "text", "a@example.org", ["b@example.org"])
    message.attach_alternative("<p>html</p>", "text/html")
    message.attach("agenda.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.send()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    (sent,) = mail.outbox
    assert (sent.subject, sent.alternatives[0][0], sent.attachments[0][0]) == (
        "Agenda",
        "<p>html</p>",
        "agenda.ics",
    )


def test_s4p_worker_delivers_mail_enqueued_by_another_process(tmp_path):
    env = {
        **os.environ,
        "S4P_VAR_DIR": str(tmp_path),
        "S4P_EMAIL_QUEUE": "true",
        "S4P_EMAIL_URL": "console:",
    }
    env.pop("S4P_DATABASE_URL", None)

    def s4p(*args: str) -> str:
        return subprocess.run(
            [S4P, *args], env=env, capture_output=True, text=True, check=True, timeout=120
        ).stdout

    s4p("manage", "migrate", "--verbosity", "0")
    sent = s4p(
        "manage",
        "shell",
        "-c",
        "from django.core.mail import send_mail; "
        "print(send_mail('Queued hello', 'Body', 'a@example.org', ['b@example.org']))",
    )
    assert sent.strip().splitlines()[-1] == "1"
    assert "Queued hello" not in sent
    delivered = s4p("worker", "--batch", "--no-startup-delay")
    assert "Subject: Queued hello" in delivered
