"""S4P_PROXIES: a request that did not pass the configured proxies is refused, not a 500."""

import pytest

SHORT = "X-Forwarded-For holds 1 addresses, but 2 proxies are configured (S4P_PROXIES)."


@pytest.fixture
def two_proxies(settings):
    settings.S4P_PROXIES = 2
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    settings.NINJA_NUM_PROXIES = 2


@pytest.mark.django_db
def test_login_page_refuses_a_forwarded_for_shorter_than_the_proxy_chain(client, two_proxies):
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (response.status_code, response.content.decode()) == (400, SHORT)


@pytest.mark.django_db
def test_api_refuses_a_short_forwarded_for_as_json(client, two_proxies):
    response = client.get("/api/events", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (response.status_code, response.json()) == (400, {"detail": SHORT})


@pytest.mark.django_db
def test_login_page_answers_through_the_full_proxy_chain(client, two_proxies):
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    assert (response.status_code, "password" in response.content.decode()) == (200, True)


@pytest.mark.django_db
def test_without_proxies_the_header_is_ignored(client, settings):
    settings.S4P_PROXIES = 0
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 200
