"""The permission funnel of the collaborations app: each ``access_*`` fetches and checks in one
step, 404 for what the actor may not know exists, 403 for what they may see but not do; the
pages and the API answer alike."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from science4peace.collaborations.domain import access
from science4peace.collaborations.models import (
    Collaboration,
    Membership,
    Pledge,
    Resource,
    WorkContribution,
)
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def other_collaboration(db):
    return Collaboration.objects.create(name="LUMEN", start=D(2010, 1, 1))


@pytest.fixture
def pending(helix, jinr):
    """Another member's work, not yet confirmed."""
    person = Person.objects.create(given_name="Oleg", family_name="Orlov")
    Membership.objects.create(
        collaboration=helix, person=person, institution=jinr, start=D(2015, 1, 1)
    )
    return WorkContribution.objects.create(
        collaboration=helix, person=person, kind="software", description="DAQ", start=D(2016, 1, 1)
    )


def _bearer(user):
    _token, secret = do_create_api_token(actor=user, name="t")
    return {"Authorization": f"Bearer {secret}"}


def test_access_collaboration_unknown_is_404_with_its_id(user):
    with pytest.raises(Http404, match=r"No collaboration with id 424242\."):
        access.access_collaboration(user, 424242)


def test_access_collaboration_to_administer_refuses_members_and_admits_admins(helix, user, staff):
    with pytest.raises(PermissionDenied, match="Only the collaboration's administrators"):
        access.access_collaboration(user, helix.pk, to="administer")
    assert access.access_collaboration(staff, helix.pk, to="administer") == helix
    assert access.access_collaboration(AnonymousUser(), helix.pk) == helix


def test_access_membership_of_another_collaboration_is_404(mover, helix, other_collaboration):
    membership = Membership.objects.filter(person=mover).first()
    with pytest.raises(Http404):
        access.access_membership(mover.user, membership.pk, collaboration_id=other_collaboration.pk)
    assert access.access_membership(mover.user, membership.pk, collaboration_id=helix.pk) == (
        membership
    )


def test_access_membership_to_administer_is_for_administrators(mover, user, staff):
    membership = Membership.objects.filter(person=mover).first()
    with pytest.raises(PermissionDenied):
        access.access_membership(user, membership.pk, to="administer")
    assert access.access_membership(staff, membership.pk, to="administer") == membership


def test_pending_work_is_hidden_from_others_and_shown_to_admins(pending, user, staff, mover):
    for actor in (AnonymousUser(), user):
        with pytest.raises(Http404, match=rf"No contribution with id {pending.pk}\."):
            access.access_work_contribution(actor, pending.pk)
    assert access.access_work_contribution(staff, pending.pk, to="decide") == pending


def test_own_pending_work_is_seen_but_not_decided_by_its_person(pending, other_user):
    Person.objects.filter(pk=pending.person_id).update(user=other_user)
    assert access.access_work_contribution(other_user, pending.pk) == pending
    with pytest.raises(PermissionDenied):
        access.access_work_contribution(other_user, pending.pk, to="decide")


def test_confirmed_work_is_public(mover):
    confirmed = WorkContribution.objects.get(person=mover)
    assert access.access_work_contribution(AnonymousUser(), confirmed.pk) == confirmed


def test_access_resource_of_another_collaboration_is_404(dataset, other_collaboration, user):
    with pytest.raises(Http404, match=rf"No resource with id {dataset.pk}\."):
        access.access_resource(user, dataset.pk, collaboration_id=other_collaboration.pk)


def test_access_resource_to_see_explains_and_to_open_refuses(dataset, user, mover):
    resource, decision = access.access_resource(user, dataset.pk)
    assert (resource, access.describe(decision)) == (
        dataset,
        ["accept the civil-use pledge v1 first"],
    )
    with pytest.raises(PermissionDenied, match="accept the civil-use pledge v1 first"):
        access.access_resource(user, dataset.pk, to="open")


def test_access_pledge_states_acceptance_and_refuses_anonymous_acceptance(user, mover):
    pledge, state = access.access_pledge(user)
    assert (pledge.version, state.accepted_version) == (1, None)
    with pytest.raises(PermissionDenied, match=r"Log in first\."):
        access.access_pledge(AnonymousUser(), to="accept")


def test_no_published_pledge_is_404_in_the_api_and_said_on_the_page(client):
    Pledge.objects.all().delete()
    response = client.get("/api/pledge")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No civil-use pledge is published yet."},
    )
    page = client.get(reverse("collaborations:pledge")).content.decode()
    assert "No civil-use pledge is published yet." in page


def test_api_unknown_collaboration_is_404_with_its_id(client):
    response = client.get("/api/collaborations/424242/members")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No collaboration with id 424242."},
    )


def test_deciding_hidden_work_is_404_on_page_and_api(client, pending, user, mover):
    client.force_login(user)
    url = reverse("collaborations:decide-contribution", args=[pending.collaboration_id, pending.pk])
    page = client.post(url, {"decision": "confirm"})
    api = client.post(
        f"/api/contributions/{pending.pk}/decision",
        {"confirm": True},
        content_type="application/json",
        headers=_bearer(user),
    )
    pending.refresh_from_db()
    assert (page.status_code, api.status_code, pending.status) == (404, 404, "pending")


def test_deciding_work_of_another_collaboration_through_its_url_is_404(
    client, staff, pending, other_collaboration
):
    client.force_login(staff)
    url = reverse("collaborations:decide-contribution", args=[other_collaboration.pk, pending.pk])
    response = client.post(url, {"decision": "confirm"})
    pending.refresh_from_db()
    assert (response.status_code, pending.status) == (404, "pending")


def test_ending_a_membership_is_refused_to_members(client, user, mover, helix):
    client.force_login(user)
    membership = Membership.objects.get(person=mover, end__isnull=True)
    response = client.post(
        reverse("collaborations:end-membership", args=[helix.pk, membership.pk]),
        {"end": "2026-06-30"},
    )
    membership.refresh_from_db()
    assert (response.status_code, membership.end) == (403, None)


def test_resource_page_of_another_collaboration_is_404(client, dataset, other_collaboration):
    url = reverse("collaborations:resource-open", args=[other_collaboration.pk, dataset.pk])
    response = client.get(url)
    assert (response.status_code, dataset.url in response.content.decode()) == (404, False)


def test_api_resource_access_of_an_unknown_resource_is_404(client, db):
    response = client.get("/api/resources/424242/access")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No resource with id 424242."},
    )


def test_accepting_the_pledge_returns_only_to_this_site(client, user, mover):
    client.force_login(user)
    away = client.post(reverse("collaborations:pledge"), {"next": "https://evil.example.org/"})
    back = client.post(reverse("collaborations:pledge"), {"next": "/collaborations/"})
    assert (away.url, back.url) == (reverse("collaborations:pledge"), "/collaborations/")


def test_resource_sensitivity_does_not_hide_a_listed_resource(client, helix):
    secret = Resource.objects.create(
        collaboration=helix,
        title="Budget",
        kind="document",
        sensitivity="administrators",
        url="https://x.example.org",
    )
    response = client.get(reverse("collaborations:resource", args=[helix.pk, secret.pk]))
    assert (response.status_code, response.context["reasons"]) == (
        403,
        ["for the collaboration's administrators only"],
    )
