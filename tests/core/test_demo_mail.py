"""`s4p demo` says where its mail goes (issue 13): the sentence it prints, per backend."""

import pytest

from science4peace.cli import mail_destination

CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("delivery", "queue", "said"),
    [
        (CONSOLE, False, "Mail is printed on this console."),
        (
            CONSOLE,
            True,
            "Mail is printed on this console (queued; run `s4p worker` to deliver it).",
        ),
        (SMTP, False, "Mail is sent through mail.example.org:587."),
    ],
)
def test_demo_says_where_mail_goes(settings, delivery, queue, said):
    settings.S4P_EMAIL_DELIVERY_BACKEND = delivery
    settings.VALUES = {**settings.VALUES, "EMAIL_QUEUE": queue}
    settings.EMAIL_HOST = "mail.example.org"
    settings.EMAIL_PORT = 587
    assert mail_destination() == said
