"""One query, three faces: each list of the collaborations app that has a page and an API
endpoint gives the same items in the same order on both (and in the page's htmx fragment),
and reads a number of rows that does not grow with the list."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from science4peace.collaborations.domain import changes
from science4peace.collaborations.models import Collaboration, Resource, WorkContribution
from science4peace.people.domain.tokens import do_create_api_token
from tests.collaborations.conftest import make_members

pytestmark = pytest.mark.django_db
D = dt.date


def _bearer(user):
    _token, secret = do_create_api_token(actor=user, name="t")
    return {"Authorization": f"Bearer {secret}"}


def _ids(items):
    return [item["id"] for item in items]


def test_collaboration_list_page_and_api_agree(client, helix):
    for name in ("ZENITH", "AURORA", "MERIDIAN"):
        Collaboration.objects.create(name=name, start=D(2000, 1, 1))
    page = client.get(reverse("collaborations:list")).context["collaborations"]
    api = client.get("/api/collaborations").json()
    assert [c.pk for c in page] == _ids(api)
    assert [c["name"] for c in api] == ["AURORA", "HELIX", "MERIDIAN", "ZENITH"]


@pytest.mark.parametrize(
    "filters",
    [{}, {"institution": "jinr"}, {"active_on": "2020-01-01"}, {"role": "member"}],
    ids=["all", "institution", "active_on", "role"],
)
def test_member_list_page_fragment_and_api_agree(client, helix, mover, jinr, cern, filters):
    make_members(helix, cern, 3)
    query = {k: (jinr.pk if v == "jinr" else v) for k, v in filters.items()}
    url = reverse("collaborations:members", args=[helix.pk])
    page = [(m.pk, m.person_id) for m in client.get(url, query).context["page"]]
    fragment = client.get(url, query, HTTP_HX_REQUEST="true").content.decode()
    items = client.get(f"/api/collaborations/{helix.pk}/members", query).json()["items"]
    api = [(m["id"], m["person"]) for m in items]
    assert page == api
    assert [int(pk) for pk in re.findall(r'href="/people/(\d+)/"', fragment)] == [
        person for _id, person in api
    ]
    assert (
        len(api)
        == {"all": 6, "institution": 1, "active_on": 4, "role": 6}[next(iter(filters), "all")]
    )


@pytest.fixture
def pending_work(helix, mover, cern):
    """Confirmed work of three others, a pending one of theirs and the mover's own pending."""
    others = make_members(helix, cern, 3)
    WorkContribution.objects.create(
        collaboration=helix, person=others[0], kind="theory", description="x", start=D(2012, 1, 1)
    )
    return WorkContribution.objects.create(
        collaboration=helix, person=mover, kind="analysis", description="y", start=D(2020, 1, 1)
    )


@pytest.mark.parametrize(("who", "count"), [("anonymous", 4), ("member", 5), ("admin", 6)])
def test_contribution_list_page_and_api_agree_for_each_viewer(
    client, user, staff, pending_work, who, count
):
    actor = {"anonymous": None, "member": user, "admin": staff}[who]
    headers = {}
    if actor is not None:
        client.force_login(actor)
        headers = _bearer(actor)
    url = reverse("collaborations:contributions", args=[pending_work.collaboration_id])
    page = [c.pk for c in client.get(url).context["contributions"]]
    client.logout()  # the API sees the token only
    api = client.get(
        f"/api/collaborations/{pending_work.collaboration_id}/contributions", headers=headers
    ).json()
    assert (page, len(page)) == (_ids(api), count)


def test_resource_list_page_and_api_agree_on_items_and_decisions(client, user, mover, dataset):
    Resource.objects.create(
        collaboration=dataset.collaboration,
        title="Open data",
        kind="dataset",
        sensitivity="public",
        url="https://opendata.cern.ch/",
    )
    changes.do_accept_pledge(actor=user)
    client.force_login(user)
    rows = client.get(reverse("collaborations:resources", args=[dataset.collaboration_id]))
    page = [(r.pk, d.allowed) for r, d in rows.context["rows"]]
    client.logout()
    api = client.get(
        f"/api/collaborations/{dataset.collaboration_id}/resources", headers=_bearer(user)
    ).json()
    assert page == [(r["id"], r["access"]["allowed"]) for r in api]
    assert [r["title"] for r in api] == ["Open data", "Run 3 data"]


@pytest.mark.parametrize("count", [1, 3])
def test_api_member_list_query_count_is_constant(
    client, helix, jinr, count, django_assert_num_queries
):
    make_members(helix, jinr, count)
    # collaboration, count, page of memberships with person and institution
    with django_assert_num_queries(3):
        body = client.get(f"/api/collaborations/{helix.pk}/members").json()
    assert body["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_api_contribution_list_query_count_is_constant(
    client, helix, jinr, count, django_assert_num_queries
):
    make_members(helix, jinr, count)
    # collaboration, contributions with their person
    with django_assert_num_queries(2):
        body = client.get(f"/api/collaborations/{helix.pk}/contributions").json()
    assert len(body) == count


@pytest.mark.parametrize("count", [1, 3])
def test_collaboration_list_query_count_is_constant(client, count, django_assert_num_queries):
    for index in range(count):
        Collaboration.objects.create(name=f"C{index}", start=D(2000, 1, 1))
    with django_assert_num_queries(1):
        page = client.get(reverse("collaborations:list")).context["collaborations"]
    with django_assert_num_queries(1):
        api = client.get("/api/collaborations").json()
    assert (len(page), len(api)) == (count, count)


@pytest.mark.parametrize("count", [1, 3])
def test_contribution_page_of_a_member_query_count_is_constant(
    client, user, mover, helix, jinr, count, django_assert_num_queries
):
    make_members(helix, jinr, count)
    client.force_login(user)
    # session, user, collaboration, administrator check, person, contributions, administrator
    # check of the page, membership (for "ask to join first"), unread notifications (header)
    with django_assert_num_queries(9):
        response = client.get(reverse("collaborations:contributions", args=[helix.pk]))
    assert len(response.context["contributions"]) == count + 1
