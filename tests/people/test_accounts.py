import re

import pytest
from django.core import mail

from science4peace.core.mail import deliver_due

pytestmark = pytest.mark.django_db


def test_signup_sends_confirmation_and_blocks_login_until_confirmed(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "Quantum chromodynamics 3",
            "password2": "Quantum chromodynamics 3",
        },
    )
    deliver_due()  # the test's transaction never commits: deliver as after commit
    (message,) = mail.outbox
    assert "/accounts/confirm-email/" in message.body
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new@example.org", "password": "Quantum chromodynamics 3"}
    )
    assert response.url == "/accounts/confirm-email/"
    assert client.get("/people/me/").status_code == 302


def test_password_reset_through_the_mailed_link(client, user):
    client.post("/accounts/password/reset/", {"email": user.email})
    deliver_due()  # the test's transaction never commits: deliver as after commit
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)[1]
    form_url = client.get(link).url
    response = client.post(
        form_url, {"password1": "Neutrino oscillation 7", "password2": "Neutrino oscillation 7"}
    )
    assert response.status_code == 302
    assert client.login(username="ada", password="Neutrino oscillation 7")


def test_login_and_logout(client, user):
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "a long pass phrase 42"}
    )
    assert response.url == "/people/me/"
    client.post("/accounts/logout/")
    assert client.get("/people/me/").status_code == 302


def test_signup_with_bad_password_shows_error_and_creates_nobody(client, django_user_model):
    response = client.post(
        "/accounts/signup/", {"email": "x@example.org", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert django_user_model.objects.count() == 0
