"""Throttling (issue 12, defect 6): wrong passwords count per client and account together, in
the shared cache; sign-ups are limited per client; the API answers 429 with Retry-After."""

import pytest
from django.test import Client

from science4peace.people.domain.tokens import do_create_api_token

PASSWORD = "a long pass phrase 42"
TOO_MANY = "Too many failed login attempts"


def _login(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_wrong_passwords_from_one_client_do_not_lock_the_owner_out_elsewhere(user):
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    answers = [_login(attacker, user.email, f"guess {n}") for n in range(6)]
    assert [TOO_MANY in a.content.decode() for a in answers] == [False] * 5 + [True]
    # the attacker's client stays locked for this account, even with the right password
    assert TOO_MANY in _login(attacker, user.email, PASSWORD).content.decode()
    owner = Client(REMOTE_ADDR="198.51.100.7")
    logged_in = _login(owner, user.email, PASSWORD)
    assert (logged_in.status_code, logged_in["Location"]) == (302, "/people/me/")


def test_one_client_is_limited_across_accounts(db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    answers = [_login(attacker, f"someone{n}@example.org", "guess") for n in range(4)]
    assert [TOO_MANY in a.content.decode() for a in answers] == [False, False, False, True]


def test_sign_ups_are_limited_per_client(db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [
        client.post(
            "/accounts/signup/",
            {"email": f"new{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        ).status_code
        for n in range(3)
    ]
    other = Client(REMOTE_ADDR="198.51.100.9").post(
        "/accounts/signup/",
        {"email": "elsewhere@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert (statuses, other.status_code) == ([302, 302, 429], 302)


@pytest.mark.parametrize("with_token", [False, True])
def test_api_answers_429_with_retry_after_over_the_limit(client, user, settings, with_token):
    settings.S4P_API_RATES = {"anonymous": "3/m", "token": "3/m"}
    headers = {}
    if with_token:
        _token, secret = do_create_api_token(actor=user, name="t")
        headers = {"Authorization": f"Bearer {secret}"}
    answers = [
        client.get("/api/me" if with_token else "/api/countries", headers=headers) for _ in range(4)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    last = answers[-1]
    assert last.json() == {"detail": "Too many requests."}
    assert 1 <= int(last["Retry-After"]) <= 60


def test_api_limits_count_per_client_and_per_account(client, user, other_user, settings):
    settings.S4P_API_RATES = {"anonymous": "2/m", "token": "2/m"}
    for _ in range(2):
        client.get("/api/countries")
    elsewhere = Client(REMOTE_ADDR="198.51.100.20").get("/api/countries")
    _t, secret = do_create_api_token(actor=other_user, name="t")
    with_token = client.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert (
        client.get("/api/countries").status_code,
        elsewhere.status_code,
        with_token.status_code,
    ) == (
        429,
        200,
        200,
    )
