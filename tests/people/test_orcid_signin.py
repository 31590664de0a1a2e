"""ORCID sign-in through django-allauth; only ORCID's own servers are mocked."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from science4peace.people.models import Person

pytestmark = pytest.mark.django_db
ORCID_APP = {
    "orcid": {
        "BASE_DOMAIN": "orcid.org",
        "MEMBER_API": False,
        "APPS": [{"client_id": "APP-TEST", "secret": "s3cret", "key": ""}],
    }
}


def test_orcid_signin_is_absent_when_not_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert "orcid" not in client.get("/accounts/login/").content.decode().lower()
    assert client.post("/accounts/orcid/login/").status_code == 404


def test_orcid_signin_is_offered_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = ORCID_APP
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/orcid/login/" in html


@responses.activate
def test_orcid_signin_creates_account_and_links_the_id(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = ORCID_APP
    start = client.post("/accounts/orcid/login/")
    authorize = urlsplit(start.url)
    query = parse_qs(authorize.query)
    assert (authorize.netloc, authorize.path, query["client_id"]) == (
        "orcid.org",
        "/oauth/authorize",
        ["APP-TEST"],
    )

    responses.post(
        "https://pub.orcid.org/oauth/token",
        json={
            "access_token": "token",
            "token_type": "bearer",
            "expires_in": 600,
            "orcid": "0000-0002-1825-0097",
            "name": "Josiah Carberry",
        },
    )
    responses.get(
        "https://pub.orcid.org/v3.0/0000-0002-1825-0097/record",
        json={
            "orcid-identifier": {
                "uri": "https://orcid.org/0000-0002-1825-0097",
                "path": "0000-0002-1825-0097",
            },
            "person": {
                "name": {"given-names": {"value": "Josiah"}, "family-name": {"value": "Carberry"}},
                "emails": {"email": [{"email": "j.carberry@example.org"}]},
            },
        },
    )
    client.get("/accounts/orcid/login/callback/", {"code": "abc", "state": query["state"][0]})

    person = Person.objects.get(orcid="0000-0002-1825-0097")
    assert (person.given_name, person.family_name, person.user.email) == (
        "Josiah",
        "Carberry",
        "j.carberry@example.org",
    )
    assert [c.request.url for c in responses.calls] == [
        "https://pub.orcid.org/oauth/token",
        "https://pub.orcid.org/v3.0/0000-0002-1825-0097/record",
    ]
    assert re.search(r"0000-0002-1825-0097", client.get("/api/people").content.decode())
