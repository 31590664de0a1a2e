"""The API contract (docs/api.md, "Errors") beyond what the fuzzer happens to find: every
operation documents the answers every operation of its shape can give, JSON bodies are read as
the schema types them, and the cases schemathesis once found stay fixed."""

import pytest

from science4peace.api import api
from science4peace.people.models import Affiliation, Person

pytestmark = pytest.mark.django_db


def _operations():
    document = api.get_openapi_schema()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_every_operation_documents_429_with_retry_after_and_its_shape_errors():
    missing = []
    for path, method, operation in _operations():
        responses = {str(status) for status in operation["responses"]}
        expected = {"429"}
        if "{" in path:
            expected.add("404")
        if operation.get("security"):
            expected.add("401")
        if operation.get("parameters") or "requestBody" in operation:
            expected.add("422")
        if "requestBody" in operation:
            expected |= {"400", "413"}
        if expected - responses:
            missing.append((method.upper(), path, sorted(expected - responses)))
        retry = operation["responses"][429]["headers"]["Retry-After"]
        assert retry["schema"] == {"type": "integer", "minimum": 0}
    assert missing == []


def test_a_non_numeric_path_parameter_is_the_documented_json_404(client):
    response = client.get("/api/institutions/abc")
    assert (response.status_code, response["Content-Type"], response.json()) == (
        404,
        "application/json",
        {"detail": "No API endpoint at /api/institutions/abc."},
    )


def test_a_schema_mismatch_is_a_422_listing_where(client, auth_headers, user):
    response = client.post(
        "/api/me/affiliations",
        {"institution": "1", "start": 0, "kind": "theory"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 422
    assert sorted(tuple(error["loc"]) for error in response.json()["detail"]) == [
        ("body", "payload", "institution"),
        ("body", "payload", "kind"),
        ("body", "payload", "start"),
    ]


@pytest.mark.parametrize("body", ["[null, null]", '"text"', "5"])
def test_a_body_that_is_not_an_object_is_a_422(client, auth_headers, user, body):
    response = client.put(
        "/api/me/research-interests", body, content_type="application/json", headers=auth_headers
    )
    assert response.status_code == 422


def test_a_boolean_is_a_json_boolean(client, auth_headers, user):
    response = client.put(
        "/api/me/research-interests",
        {"suggestable": 0},
        content_type="application/json",
        headers=auth_headers,
    )
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "payload", "suggestable"]]


def test_an_integral_number_is_an_id_as_json_schema_says(client, auth_headers, user, cern):
    Person.objects.create(user=user, family_name="Lovelace")
    response = client.post(
        "/api/me/affiliations",
        {"institution": float(cern.pk), "start": "2020-01-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, Affiliation.objects.get().institution) == (201, cern)


def test_an_unknown_institution_in_a_body_is_a_404(client, auth_headers, user):
    Person.objects.create(user=user, family_name="Lovelace")
    response = client.post(
        "/api/me/affiliations",
        {"institution": 9_223_372_036_854_775_806, "start": "2020-01-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, Affiliation.objects.count()) == (404, 0)


def test_null_clears_a_text_field_of_the_profile_instead_of_a_conflict(client, auth_headers, user):
    Person.objects.create(user=user, family_name="Lovelace", paper_name="A. Lovelace")
    response = client.patch(
        "/api/me", {"paper_name": None}, content_type="application/json", headers=auth_headers
    )
    assert (response.status_code, Person.objects.get(user=user).paper_name) == (200, "")


def test_coordinates_are_numbers_kept_to_five_places(client, auth_headers, user):
    Person.objects.create(user=user, family_name="Lovelace")
    response = client.patch(
        "/api/me",
        {"latitude": 46.2338123, "longitude": 6.05},
        content_type="application/json",
        headers=auth_headers,
    )
    person = Person.objects.get(user=user)
    assert (response.status_code, str(person.latitude), str(person.longitude)) == (
        200,
        "46.23381",
        "6.05000",
    )


def _keys(node) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keys(value)}
    if isinstance(node, list):
        return {k for value in node for k in _keys(value)}
    return set()


def test_bounds_are_json_schema_keywords_the_fuzzer_and_clients_read():
    """pydantic writes a bound it cannot place as ``ge``/``le``, which JSON Schema ignores
    (ids once lost their minimum of 1 so)."""
    assert _keys(api.get_openapi_schema()) & {"ge", "le", "gt", "lt"} == set()


@pytest.mark.parametrize("longitude", [1.0477077565937368e308, 181])
def test_a_coordinate_out_of_range_is_a_422(client, auth_headers, user, longitude):
    Person.objects.create(user=user, family_name="Lovelace")
    response = client.patch(
        "/api/me", {"longitude": longitude}, content_type="application/json", headers=auth_headers
    )
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "payload", "longitude"]]


@pytest.mark.django_db
def test_a_path_outside_latin_1_is_a_json_404_not_a_server_error(client):
    """Found by schemathesis: the public-page cache read the path from ``PATH_INFO``, which
    the test client gives as text that need not be Latin-1."""
    response = client.get("/api/papers/%F1%AF%8A%A3/signoffs", HTTP_HOST="localhost")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No API endpoint at /api/papers/\U0006f2a3/signoffs."},
    )
