"""One-click unsubscribe: the link in a mail works without logging in (the page's button and a
mail client's RFC 8058 POST); a link that was tampered with or has expired is refused with a
clear 400 and changes nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from science4peace.core.models import AuditEntry
from science4peace.notifications.domain.tokens import make_token
from science4peace.notifications.models import ChannelPreference, Frequency, MailSettings

from .conftest import make_people, post

pytestmark = pytest.mark.django_db


def _link_of_a_mail(person, delivered) -> str:
    with delivered():
        post([person])
    (message,) = mail.outbox
    return message.extra_headers["List-Unsubscribe"][1:-1].removeprefix("http://localhost:8000")


def _choices(person) -> list[tuple[str, str]]:
    return list(ChannelPreference.objects.filter(user=person).values_list("channel", "frequency"))


def test_the_link_works_logged_out_and_the_next_mail_is_not_sent(client, delivered):
    (reader,) = make_people(1)
    link = _link_of_a_mail(reader, delivered)
    page = client.get(link)
    assert (page.status_code, "Stop the mail from Lab one?" in page.content.decode()) == (200, True)
    assert _choices(reader) == []  # looking at the page changes nothing
    done = client.post(link)
    assert (done.status_code, _choices(reader)) == (200, [("lab:1", Frequency.NONE)])
    with delivered():
        post([reader], 2)
    assert mail.outbox == []


def test_a_mail_clients_one_click_post_unsubscribes(client, delivered):
    (reader,) = make_people(1)
    link = _link_of_a_mail(reader, delivered)
    response = client.post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert (response.status_code, _choices(reader)) == (200, [("lab:1", Frequency.NONE)])
    assert AuditEntry.objects.filter(action="notifications.unsubscribe").count() == 1


@pytest.mark.parametrize("change", ["swap-user", "cut", "garbage"])
def test_a_tampered_link_is_refused_and_changes_nothing(client, delivered, change):
    reader, victim = make_people(2)
    link = _link_of_a_mail(reader, delivered)
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = {
        "swap-user": make_token(victim.pk, "lab:1")[:-3] + token[-3:],
        "cut": token[:-4],
        "garbage": "not-a-token",
    }[change]
    url = reverse("notifications:unsubscribe", args=[forged])
    for response in (client.get(url), client.post(url)):
        assert (response.status_code, "not valid" in response.content.decode()) == (400, True)
    assert (_choices(reader), _choices(victim), MailSettings.objects.count()) == ([], [], 0)


def test_an_expired_link_is_refused_with_its_reason(client, delivered, settings, time_machine):
    settings.S4P_UNSUBSCRIBE_DAYS = 30
    time_machine.move_to(dt.datetime(2026, 1, 1, tzinfo=dt.UTC), tick=False)
    (reader,) = make_people(1)
    link = _link_of_a_mail(reader, delivered)
    time_machine.move_to(dt.datetime(2026, 2, 15, tzinfo=dt.UTC), tick=False)
    response = client.post(link)
    assert (response.status_code, "expired" in response.content.decode(), _choices(reader)) == (
        400,
        True,
        [],
    )


def test_a_digests_link_stops_every_mail(client, delivered, time_machine):
    from science4peace.notifications.domain.digests import do_send_digests
    from science4peace.notifications.domain.preferences import do_set_mail_settings

    (reader,) = make_people(1)
    do_set_mail_settings(actor=reader, frequency=Frequency.DAILY, language="en")
    post([reader])
    with delivered():
        do_send_digests(frequency="daily")
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"][1:-1]
    client.post(link)
    assert MailSettings.objects.get(user=reader).frequency == Frequency.NONE
