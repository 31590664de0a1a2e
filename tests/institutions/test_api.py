import pytest

from science4peace.core.models import AuditEntry
from science4peace.institutions.models import Institution
from tests.conftest import make_institutions

pytestmark = pytest.mark.django_db


def test_api_lists_institutions_with_identifiers(client, cern):
    response = client.get("/api/institutions")
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": cern.pk,
                "name": "CERN",
                "ror": "https://ror.org/01ggx4157",
                "country": "CH",
                "kind": "intergovernmental",
                "address": "",
                "website": "",
                "parent": None,
                "icns": [],
            }
        ],
    }


def test_api_filters_institutions_by_country(client, cern, jinr):
    response = client.get("/api/institutions", {"country": "RU"})
    assert [item["name"] for item in response.json()["items"]] == [jinr.name]


def test_api_institution_unknown_is_404_json(client):
    response = client.get("/api/institutions/424242")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No institution with id 424242."},
    )


def test_api_countries_carry_un_status(client):
    countries = {c["code"]: c for c in client.get("/api/countries").json()}
    assert (len(countries), countries["VA"]["un_status"], countries["RU"]["un_status"]) == (
        250,
        "observer",
        "member",
    )


def test_api_create_institution_needs_a_token(client):
    response = client.post("/api/institutions", {"name": "X"}, content_type="application/json")
    assert response.status_code == 401
    assert Institution.objects.count() == 0


def test_api_create_institution_with_token(client, auth_headers):
    response = client.post(
        "/api/institutions",
        {
            "name": "Sharif University of Technology",
            "country": "IR",
            "kind": "university",
            "icns": ["Sharif U. of Tech."],
        },
        content_type="application/json",
        headers=auth_headers,
    )
    body = response.json()
    assert (response.status_code, body["country"], body["icns"]) == (
        201,
        "IR",
        ["Sharif U. of Tech."],
    )
    assert AuditEntry.objects.filter(action="institution.create").count() == 1


@pytest.mark.parametrize(
    ("payload", "field", "fragment"),
    [
        ({"name": "X", "ror": "01k4yrm30"}, "ror", "checksum is wrong"),
        ({"name": "X", "country": "QQ"}, "country", "not an ISO 3166-1 country code"),
    ],
)
def test_api_create_institution_bad_input_saves_nothing(
    client, auth_headers, payload, field, fragment
):
    response = client.post(
        "/api/institutions", payload, content_type="application/json", headers=auth_headers
    )
    body = response.json()
    assert response.status_code == 400
    assert fragment in " ".join(body["errors"][field])
    assert Institution.objects.count() == 0


def test_api_create_institution_duplicate_code_is_rejected(client, auth_headers, cern):
    cern.codes.create(icn="CERN")
    response = client.post(
        "/api/institutions",
        {"name": "Y", "icns": ["CERN"]},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, Institution.objects.count()) == (400, 1)
    assert response.json()["errors"] == {
        "icns": ["INSPIRE code already used by another institution: CERN"]
    }


def test_api_create_institution_duplicate_ror_is_rejected(client, auth_headers, cern):
    response = client.post(
        "/api/institutions",
        {"name": "Y", "ror": "01ggx4157"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, Institution.objects.count()) == (400, 1)
    assert response.json()["errors"] == {"ror": ["Institution with this ROR ID already exists."]}


@pytest.mark.parametrize("count", [1, 3])
def test_api_institution_list_query_count_is_constant(client, django_assert_num_queries, count):
    make_institutions(count)
    with django_assert_num_queries(3):
        client.get("/api/institutions")


def test_api_nul_character_in_text_is_422_and_saves_nothing(client, auth_headers):
    response = client.post(
        "/api/institutions",
        {"name": "CE\x00RN"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 422
    assert "must not contain NUL" in str(response.json())
    assert Institution.objects.count() == 0


def test_api_nul_character_in_query_is_422(client):
    response = client.get("/api/institutions", {"q": "\x00"})
    assert response.status_code == 422
    assert [(e["loc"], e["msg"]) for e in response.json()["detail"]] == [
        (["query", "q"], "Value error, must not contain NUL (0x00) characters")
    ]
