import pytest

from science4peace.collaborations.models import WorkContribution

pytestmark = pytest.mark.django_db


def test_api_authors_on_a_date(client, helix, mover, wuppertal):
    body = client.get(f"/api/collaborations/{helix.pk}/authors", {"date": "2023-10-01"}).json()
    assert body == [
        {
            "person": mover.pk,
            "name": "Anna Ivanova",
            "since": "2013-09-01",
            "institutions": [wuppertal.pk],
        }
    ]


def test_api_members_filtered(client, helix, mover, jinr):
    body = client.get(f"/api/collaborations/{helix.pk}/members", {"institution": jinr.pk}).json()
    assert [(m["institution_name"], m["start"]) for m in body["items"]] == [
        ("Joint Institute for Nuclear Research", "2019-07-01")
    ]


def test_api_resource_access_explains_for_the_token_user(client, auth_headers, mover, dataset):
    body = client.get(f"/api/resources/{dataset.pk}/access", headers=auth_headers).json()
    assert body == {"allowed": False, "reasons": ["accept the civil-use pledge v1 first"]}
    client.post("/api/pledge/accept", headers=auth_headers)
    body = client.get(f"/api/resources/{dataset.pk}/access", headers=auth_headers).json()
    assert body["allowed"] is True


def test_api_unknown_token_is_401_not_anonymous(client, dataset):
    response = client.get(
        f"/api/resources/{dataset.pk}/access", headers={"Authorization": "Bearer s4p_wrong"}
    )
    assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_api_submit_and_decide_contribution(client, auth_headers, mover, helix, staff):
    response = client.post(
        f"/api/collaborations/{helix.pk}/contributions",
        {"kind": "analysis", "description": "Dark photon search", "start": "2024-01-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, response.json()["status"]) == (201, "pending")
    contribution_id = response.json()["id"]
    denied = client.post(
        f"/api/contributions/{contribution_id}/decision",
        {"confirm": True},
        content_type="application/json",
        headers=auth_headers,
    )
    assert denied.status_code == 403
    from science4peace.people.domain.tokens import do_create_api_token

    _token, secret = do_create_api_token(actor=staff, name="admin")
    client.post(
        f"/api/contributions/{contribution_id}/decision",
        {"confirm": True},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert WorkContribution.objects.get(pk=contribution_id).status == "confirmed"


def test_api_contribution_outside_membership_is_400(client, auth_headers, mover, helix):
    response = client.post(
        f"/api/collaborations/{helix.pk}/contributions",
        {"kind": "analysis", "description": "x", "start": "2001-01-01", "end": "2002-01-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert response.status_code == 400
    assert "within your membership" in response.json()["detail"]


def test_api_pledge_is_public(client):
    body = client.get("/api/pledge").json()
    assert (body["version"], body["accepted"]) == (1, False)
    assert "shall have no concern with work for military" in body["text"]


def test_api_collaboration_lists(client, helix, dataset):
    assert [c["name"] for c in client.get("/api/collaborations").json()] == ["HELIX"]
    resources = client.get(f"/api/collaborations/{helix.pk}/resources").json()
    assert [(r["title"], r["access"]["allowed"]) for r in resources] == [("Run 3 data", False)]
    assert client.get(f"/api/collaborations/{helix.pk}/contributions").json() == []
    detail = client.get(f"/api/collaborations/{helix.pk}").json()
    assert (detail["start"], detail["completion"]) == ("2005-01-01", "2041-12-31")


@pytest.mark.parametrize("count", [1, 3])
def test_api_resource_list_decides_once_for_all_resources(
    client, auth_headers, helix, mover, count, django_assert_num_queries
):
    from science4peace.collaborations.models import Resource

    for index in range(count):
        Resource.objects.create(
            collaboration=helix,
            title=f"R{index}",
            kind="dataset",
            sensitivity="contributors",
            url="https://data.example.org/",
        )
    # token and its last-used time, collaboration, resources, then the person, pledge,
    # contributions, memberships and administrator check once for the whole list
    with django_assert_num_queries(11):
        body = client.get(f"/api/collaborations/{helix.pk}/resources", headers=auth_headers).json()
    assert [r["access"]["reasons"] for r in body] == [
        ["accept the civil-use pledge v1 first"]
    ] * count


def test_openapi_gives_work_contributions_their_own_schema(client):
    """Before the rename the collaborations' endpoints pointed at the events' ContributionOut."""
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    listed = document["paths"]["/api/collaborations/{collaboration_id}/contributions"]["get"]
    assert listed["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/WorkContributionOut"
    }
    assert sorted(schemas["WorkContributionOut"]["properties"]) == [
        "description",
        "end",
        "evidence",
        "id",
        "kind",
        "person",
        "start",
        "status",
    ]
    assert "speakers" in schemas["ContributionOut"]["properties"]
