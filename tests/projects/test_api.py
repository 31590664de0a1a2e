import pytest
from django.urls import reverse

from science4peace.people.domain.tokens import do_create_api_token
from science4peace.projects.domain import changes

from .conftest import interests, make_member

pytestmark = pytest.mark.django_db


def _auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {do_create_api_token(actor=user, name='t')[1]}"}


def test_api_list_has_the_pages_order_and_filters(client, project, lead):
    other = changes.do_propose_project(actor=lead, title="Lattice", kind="theory")
    for query in ["", "kind=theory", "experiment=CMS", "interest=hep-ph", "open=false"]:
        api = [p["id"] for p in client.get(f"/api/projects?{query}").json()["items"]]
        page = client.get(f"{reverse('projects:list')}?{query.replace('false', 'no')}")
        assert api == [p.pk for p in page.context["page"]]
    assert [p["id"] for p in client.get("/api/projects").json()["items"]] == [other.pk, project.pk]


def test_api_detail_shows_records_members_and_terms(client, project, lead, dimuon):
    body = client.get(f"/api/projects/{project.pk}").json()
    assert (body["records"], body["member_count"], body["members"][0]["role"]) == (
        [dimuon.recid],
        1,
        "lead",
    )
    assert "experiment:CMS" in body["terms"]


def test_api_create_join_accept_leave(client, lead, joiner, dimuon):
    created = client.post(
        "/api/projects",
        {"title": "Jets", "kind": "phenomenology", "records": [dimuon.recid], "keywords": ["jets"]},
        content_type="application/json",
        headers=_auth(lead),
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    joined = client.post(
        f"/api/projects/{pk}/join",
        {"message": "hi"},
        content_type="application/json",
        headers=_auth(joiner),
    )
    assert joined.json()["status"] == "requested"
    person = joined.json()["person"]
    refused = client.post(f"/api/projects/{pk}/members/{person}/accept", headers=_auth(joiner))
    accepted = client.post(f"/api/projects/{pk}/members/{person}/accept", headers=_auth(lead))
    assert (refused.status_code, accepted.json()["status"]) == (403, "member")
    left = client.post(f"/api/projects/{pk}/leave", headers=_auth(joiner))
    last_lead = client.post(f"/api/projects/{pk}/leave", headers=_auth(lead))
    assert (left.json()["status"], last_lead.status_code) == ("left", 400)
    assert "only lead" in last_lead.json()["detail"]


def test_api_decline_and_start_paper(client, project, lead, joiner):
    client.post(
        f"/api/projects/{project.pk}/join",
        {},
        content_type="application/json",
        headers=_auth(joiner),
    )
    declined = client.post(
        f"/api/projects/{project.pk}/members/{joiner.person.pk}/decline", headers=_auth(lead)
    )
    paper = client.post(
        f"/api/projects/{project.pk}/papers",
        {"title": "Dimuons"},
        content_type="application/json",
        headers=_auth(lead),
    )
    assert (declined.json()["status"], paper.status_code, paper.json()["authors"]) == (
        "declined",
        201,
        1,
    )


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"title": "", "kind": "theory"}, 422),
        ({"title": "T", "kind": "astrology"}, 422),
        ({"title": "T", "kind": "theory", "records": [0]}, 422),
        ({"title": "T", "kind": "theory", "records": [2**70]}, 422),
        ({"title": "T", "kind": "theory", "records": [55555]}, 400),
        ({"title": "T", "kind": "theory", "subjects": ["hep-zz"]}, 400),
        ({"title": "T\x00", "kind": "theory"}, 422),
        ({"title": "T", "kind": "theory", "keywords": ["k" * 80]}, 400),
    ],
)
def test_api_bad_project_is_refused_with_its_reason(client, lead, payload, status):
    response = client.post(
        "/api/projects", payload, content_type="application/json", headers=_auth(lead)
    )
    assert (response.status_code, "detail" in response.json()) == (status, True)


def test_api_needs_a_token_and_a_confirmed_account(client):
    anonymous = client.post("/api/projects", {}, content_type="application/json")
    unconfirmed = make_member("Ulla", confirmed=False)
    refused = client.post(
        "/api/projects",
        {"title": "T", "kind": "theory"},
        content_type="application/json",
        headers=_auth(unconfirmed),
    )
    assert (anonymous.status_code, refused.status_code) == (401, 403)


def test_api_missing_project_is_a_404(client, lead):
    assert client.get("/api/projects/987654").status_code == 404
    join = client.post(
        "/api/projects/987654/join", {}, content_type="application/json", headers=_auth(lead)
    )
    assert join.status_code == 404


def test_api_interests_and_suggestions_both_ways(client, project, lead, joiner):
    put = client.put(
        "/api/me/research-interests",
        {"subjects": ["hep-ex"], "keywords": ["Resonances"], "skills": ["root"]},
        content_type="application/json",
        headers=_auth(joiner),
    )
    assert put.json() == {
        "subjects": ["hep-ex"],
        "keywords": ["resonances"],
        "skills": ["root"],
        "experiments": [],
        "suggestable": True,
    }
    mine = client.get("/api/me/project-suggestions", headers=_auth(joiner)).json()
    assert [(s["project"], s["reasons"]) for s in mine] == [
        (project.pk, ["resonances", "root", "hep-ex"])
    ]
    people = client.get(f"/api/projects/{project.pk}/suggestions", headers=_auth(lead)).json()
    assert [(p["person"], p["reasons"]) for p in people] == [
        (joiner.person.pk, ["resonances", "root", "hep-ex"])
    ]
    not_lead = client.get(f"/api/projects/{project.pk}/suggestions", headers=_auth(joiner))
    assert not_lead.status_code == 403


def test_api_bad_interest_is_a_400_naming_it(client, joiner):
    response = client.put(
        "/api/me/research-interests",
        {"subjects": ["astro-ph.XX"]},
        content_type="application/json",
        headers=_auth(joiner),
    )
    assert response.status_code == 400
    assert "astro-ph.XX" in response.json()["errors"]["subjects"][0]
    interests(joiner)
