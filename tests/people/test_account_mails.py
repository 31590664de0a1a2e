"""The account mails (django-allauth's texts, in our subject prefix and the reader's language)
against reviewed snapshots (STYLE.md rule 15). Keys and tokens in the links change with every
run and are masked; everything else is compared as sent."""

import datetime as dt
import re

import pytest
from django.core import mail

from science4peace.core.mail import deliver_due
from tests.snapshot import assert_snapshot, mail_text

LANGUAGES = ["en", "ru", "uk", "ar"]
NOW = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
SECRETS = [
    (re.compile(r"/accounts/confirm-email/[^/\s]+/"), "/accounts/confirm-email/<key>/"),
    (re.compile(r"/accounts/password/reset/key/[^/\s]+/"), "/accounts/password/reset/key/<key>/"),
]


@pytest.fixture(autouse=True)
def _fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def _sent() -> str:
    deliver_due()  # the test's transaction never commits: deliver as after commit
    (message,) = mail.outbox
    text = mail_text(message)
    for pattern, mask in SECRETS:
        text = pattern.sub(mask, text)
    return text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_confirmation_mail_matches_snapshot(client, language):
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a long pass 42", "password2": "a long pass 42"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert_snapshot(f"accounts/signup-confirmation.{language}.txt", _sent())


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_with_a_known_address_mail_matches_snapshot(client, user, language):
    client.post(
        "/accounts/signup/",
        {"email": user.email, "password1": "a long pass 42", "password2": "a long pass 42"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert_snapshot(f"accounts/account-already-exists.{language}.txt", _sent())


@pytest.mark.parametrize("language", LANGUAGES)
def test_added_address_confirmation_mail_matches_snapshot(logged_in, language):
    logged_in.post(
        "/accounts/email/",
        {"email": "second@example.org", "action_add": ""},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert_snapshot(f"accounts/email-confirmation.{language}.txt", _sent())


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_mail_matches_snapshot(client, user, language):
    client.post("/accounts/password/reset/", {"email": user.email}, HTTP_ACCEPT_LANGUAGE=language)
    assert_snapshot(f"accounts/password-reset.{language}.txt", _sent())


def test_password_reset_for_an_unknown_address_sends_no_mail_and_looks_the_same(client, user):
    """No mail to an address without an account (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False):
    nobody can make the platform write to strangers; the answer does not tell either."""
    known = client.post("/accounts/password/reset/", {"email": user.email})
    mail.outbox.clear()
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (unknown.status_code, unknown["Location"], mail.outbox) == (
        known.status_code,
        known["Location"],
        [],
    )
