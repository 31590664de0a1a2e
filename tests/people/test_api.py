import datetime as dt

import pytest

from science4peace.people.models import Affiliation, Person
from tests.conftest import make_people

pytestmark = pytest.mark.django_db


def test_api_people_list_is_public_and_paginated(client, cern):
    make_people(3, cern)
    body = client.get("/api/people", {"limit": 2}).json()
    assert (body["count"], [p["family_name"] for p in body["items"]]) == (3, ["Family0", "Family1"])


def test_api_person_shows_no_location(client, cern):
    (person,) = make_people(1, cern)
    Person.objects.filter(pk=person.pk).update(city="Dubna", timezone="Europe/Moscow")
    body = client.get(f"/api/people/{person.pk}").json()
    assert set(body) == {
        "id",
        "given_name",
        "family_name",
        "paper_name",
        "native_name",
        "orcid",
        "affiliations",
    }


def test_api_me_needs_token(client):
    response = client.get("/api/me")
    assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_api_me_with_invalid_token_is_401(client):
    response = client.get("/api/me", headers={"Authorization": "Bearer s4p_nope"})
    assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_api_patch_me_updates_profile(client, auth_headers, user):
    response = client.patch(
        "/api/me",
        {
            "family_name": "Lovelace",
            "native_name": "Лавлейс",
            "orcid": "0009-0006-8766-226x",
            "timezone": "Asia/Kolkata",
        },
        content_type="application/json",
        headers=auth_headers,
    )
    person = Person.objects.get(user=user)
    assert response.status_code == 200
    assert (person.family_name, person.native_name, person.orcid, person.timezone) == (
        "Lovelace",
        "Лавлейс",
        "0009-0006-8766-226X",
        "Asia/Kolkata",
    )


@pytest.mark.parametrize(
    ("payload", "field", "fragment"),
    [
        ({"orcid": "0000-0002-1825-0098"}, "orcid", "check digit is wrong"),
        ({"timezone": "Europe/Atlantis"}, "timezone", "Unknown time zone"),
        ({"location_country": "ZZ"}, "location_country", "is not a valid choice"),
    ],
)
def test_api_patch_me_bad_input_is_400_and_saves_nothing(
    client, auth_headers, user, payload, field, fragment
):
    response = client.patch(
        "/api/me",
        {"family_name": "Changed", **payload},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 400
    assert fragment in " ".join(response.json()["errors"][field])
    assert not Person.objects.filter(user=user, family_name="Changed").exists()


def test_api_patch_me_duplicate_orcid_is_400(client, auth_headers, user):
    Person.objects.create(family_name="Carberry", orcid="0000-0002-1825-0097")
    response = client.patch(
        "/api/me",
        {"orcid": "0000-0002-1825-0097"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, response.json()["errors"]["orcid"]) == (
        400,
        ["The ORCID iD 0000-0002-1825-0097 belongs to another person."],
    )


def test_api_malformed_json_is_400(client, auth_headers):
    response = client.patch(
        "/api/me", "{not json", content_type="application/json", headers=auth_headers
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_api_oversized_body_is_413_and_saves_nothing(client, auth_headers, user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.patch(
        "/api/me",
        {"family_name": "x" * 2000},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert not Person.objects.filter(family_name="x" * 2000).exists()


def test_api_add_affiliation(client, auth_headers, user, cern):
    response = client.post(
        "/api/me/affiliations",
        {"institution": cern.pk, "role": "fellow", "start": "2021-03-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 201
    assert response.json() == {
        "id": Affiliation.objects.get().pk,
        "institution": cern.pk,
        "institution_name": "CERN",
        "role": "fellow",
        "kind": "primary",
        "start": "2021-03-01",
        "end": None,
    }


def test_api_add_overlapping_affiliation_is_400(client, auth_headers, user, cern):
    person = Person.objects.create(user=user, family_name="L")
    Affiliation.objects.create(person=person, institution=cern, start=dt.date(2020, 1, 1))
    response = client.post(
        "/api/me/affiliations",
        {"institution": cern.pk, "start": "2021-03-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 400
    assert Affiliation.objects.count() == 1


def test_api_add_affiliation_unknown_institution_is_404(client, auth_headers, user):
    response = client.post(
        "/api/me/affiliations",
        {"institution": 999, "start": "2021-03-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, response.json(), Affiliation.objects.count()) == (
        404,
        {"detail": "No institution with id 999."},
        0,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_api_people_list_query_count_is_constant(client, cern, django_assert_num_queries, count):
    make_people(count, cern)
    with django_assert_num_queries(3):
        client.get("/api/people")
