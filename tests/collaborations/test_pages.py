import datetime as dt
import re

import pytest
from django.urls import reverse

from science4peace.collaborations.domain import changes
from science4peace.collaborations.models import Membership, WorkContribution
from science4peace.core.models import AuditEntry
from tests.collaborations.conftest import make_members

pytestmark = pytest.mark.django_db
D = dt.date


def test_collaboration_page_documents_the_access_rule(client, helix):
    html = client.get(reverse("collaborations:detail", args=[helix.pk])).content.decode()
    assert "Nationality, country and location play no part." in html
    assert "Access until 2041-12-31." in html


def test_members_filter_by_institution_and_date(client, helix, mover, jinr):
    url = reverse("collaborations:members", args=[helix.pk])
    response = client.get(url, {"institution": jinr.pk})
    assert [m.institution for m in response.context["page"]] == [jinr]
    response = client.get(url, {"active_on": "2024-01-01"})
    assert [m.institution.name for m in response.context["page"]] == ["Wuppertal U."]


def _picked(response) -> list[str]:
    return re.findall(r'name="institution" value="(\d+)"', response.content.decode())


def test_members_institution_picker_finds_only_the_institutions_of_memberships(
    client, helix, mover, jinr, moscow, cern
):
    url = reverse("collaborations:pick-institution", args=[helix.pk])

    def search(q: str):
        return client.get(url, {"field": "institution", "institution-q": q}, HTTP_HX_REQUEST="true")

    institute, joint, geneva = search("in"), search("joint"), search("CERN")
    assert (_picked(institute), _picked(joint), _picked(geneva)) == (
        [str(moscow.pk), str(jinr.pk)],
        [str(jinr.pk)],
        [],
    )


def test_members_filter_by_institution_typed_without_javascript(client, helix, mover, jinr):
    url = reverse("collaborations:members", args=[helix.pk])
    response = client.get(url, {"institution-q": "joint"})
    assert [m.institution for m in response.context["page"]] == [jinr]
    # the institution found is shown chosen in the filter
    assert _picked(response) == [str(jinr.pk)]


def test_members_filter_with_an_institution_outside_the_memberships_is_a_form_error(
    client, helix, mover, cern
):
    url = reverse("collaborations:members", args=[helix.pk])
    response = client.get(url, {"institution": cern.pk})
    assert (response.status_code, response.context["form"].errors["institution"]) == (
        400,
        ["Choose from the list."],
    )


def test_members_page_fragment_and_api_give_the_same_rows_for_an_institution(
    client, helix, mover, jinr, moscow
):
    url = reverse("collaborations:members", args=[helix.pk])
    page = client.get(url, {"institution": jinr.pk}).context["page"]
    fragment = client.get(url, {"institution-q": "joint"}, HTTP_HX_REQUEST="true")
    api = client.get(f"/api/collaborations/{helix.pk}/members", {"institution": jinr.pk}).json()
    people = re.findall(r'<a href="/people/(\d+)/">', fragment.content.decode())
    assert (
        [m.person_id for m in page],
        [int(p) for p in people],
        [m["person"] for m in api["items"]],
    ) == ([mover.pk],) * 3


def test_members_htmx_request_gets_the_fragment(client, helix, mover):
    response = client.get(
        reverse("collaborations:members", args=[helix.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.content.decode().lstrip().startswith('<div id="results">')


def test_members_bad_filter_is_400(client, helix):
    response = client.get(
        reverse("collaborations:members", args=[helix.pk]), {"active_on": "yesterday"}
    )
    assert response.status_code == 400
    assert '<ul class="errorlist" id="id_active_on_error"><li>Enter a valid date.</li></ul>' in (
        response.content.decode()
    )


def test_why_can_i_see_this_page_explains_refusal_and_grant(client, user, mover, dataset):
    client.force_login(user)
    url = reverse("collaborations:resource", args=[dataset.collaboration_id, dataset.pk])
    refused = client.get(url)
    assert refused.status_code == 403
    assert "accept the civil-use pledge v1 first" in refused.content.decode()
    client.post(reverse("collaborations:pledge"))
    granted = client.get(url).content.decode()
    assert "confirmed contribution: ECAL construction 2013–2016" in granted


def test_opening_a_resource_redirects_to_it_and_is_audited(client, user, mover, dataset):
    client.force_login(user)
    client.post(reverse("collaborations:pledge"))
    response = client.get(
        reverse("collaborations:resource-open", args=[dataset.collaboration_id, dataset.pk])
    )
    assert response.url == "https://data.example.org/r3"
    assert AuditEntry.objects.filter(action="resource.access", actor=user).count() == 1


def test_opening_a_refused_resource_leads_to_the_explanation(client, dataset):
    response = client.get(
        reverse("collaborations:resource-open", args=[dataset.collaboration_id, dataset.pk])
    )
    assert response.url == reverse(
        "collaborations:resource", args=[dataset.collaboration_id, dataset.pk]
    )


def test_resources_page_shows_access_badges(client, user, mover, dataset):
    client.force_login(user)
    html = client.get(reverse("collaborations:resources", args=[dataset.collaboration_id]))
    assert "no access" in html.content.decode()
    changes.do_accept_pledge(actor=user)
    html = client.get(reverse("collaborations:resources", args=[dataset.collaboration_id]))
    assert "you have access" in html.content.decode()


def test_member_submits_and_admin_confirms_a_contribution(client, user, staff, mover, helix):
    client.force_login(user)
    response = client.post(
        reverse("collaborations:contributions", args=[helix.pk]),
        {
            "kind": "software",
            "description": "Trigger firmware",
            "start": "2020-02-01",
            "end": "2021-02-01",
        },
    )
    assert response.status_code == 302
    contribution = WorkContribution.objects.get(description="Trigger firmware")
    client.force_login(staff)
    client.post(
        reverse("collaborations:decide-contribution", args=[helix.pk, contribution.pk]),
        {"decision": "confirm"},
    )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.decided_by) == ("confirmed", staff)


def test_contribution_outside_membership_shows_form_error(client, user, mover, helix):
    client.force_login(user)
    response = client.post(
        reverse("collaborations:contributions", args=[helix.pk]),
        {"kind": "software", "description": "Too early", "start": "2001-01-01"},
    )
    assert response.status_code == 400
    assert "within your membership" in str(response.context["form"].errors)


def test_non_admin_cannot_decide_contributions(client, user, mover, helix):
    client.force_login(user)
    contribution = WorkContribution.objects.get(person=mover)
    response = client.post(
        reverse("collaborations:decide-contribution", args=[helix.pk, contribution.pk]),
        {"decision": "reject"},
    )
    assert response.status_code == 403
    assert "Only the collaboration&#x27;s administrators may do this." in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == "confirmed"  # unchanged


def test_admin_adds_membership_through_the_manage_page(client, staff, helix, jinr):
    from science4peace.people.models import Person

    person = Person.objects.create(family_name="Sokolov")
    client.force_login(staff)
    response = client.post(
        reverse("collaborations:manage", args=[helix.pk]),
        {
            "m-person": person.pk,
            "m-institution": jinr.pk,
            "m-role": "member",
            "m-start": "2020-01-01",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(person=person, institution=jinr).exists()


def test_manage_page_refuses_others(client, user, helix):
    client.force_login(user)
    response = client.get(reverse("collaborations:manage", args=[helix.pk]))
    assert response.status_code == 403
    assert "Only the collaboration&#x27;s administrators may do this." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_member_list_query_count_is_constant(client, helix, jinr, count, django_assert_num_queries):
    make_members(helix, jinr, count)
    # collaboration, roles, count, page (the institution filter lists none: it is searched)
    with django_assert_num_queries(4):
        client.get(reverse("collaborations:members", args=[helix.pk]))


@pytest.mark.parametrize("count", [1, 3])
def test_contribution_list_query_count_is_constant(
    client, helix, jinr, count, django_assert_num_queries
):
    make_members(helix, jinr, count)
    with django_assert_num_queries(2):
        client.get(reverse("collaborations:contributions", args=[helix.pk]))


@pytest.mark.parametrize("count", [1, 3])
def test_resource_list_query_count_is_constant(
    client, helix, jinr, count, django_assert_num_queries
):
    make_members(helix, jinr, count)
    with django_assert_num_queries(2):
        client.get(reverse("collaborations:resources", args=[helix.pk]))


def test_admin_ends_a_membership_from_the_member_list(client, staff, helix, mover):
    client.force_login(staff)
    current = Membership.objects.get(person=mover, end__isnull=True)
    page = client.get(reverse("collaborations:members", args=[helix.pk])).content.decode()
    assert reverse("collaborations:end-membership", args=[helix.pk, current.pk]) in page
    client.post(
        reverse("collaborations:end-membership", args=[helix.pk, current.pk]), {"end": "2026-06-30"}
    )
    current.refresh_from_db()
    assert current.end == D(2026, 6, 30)


def test_ending_a_membership_before_it_started_changes_nothing(client, staff, helix, mover):
    client.force_login(staff)
    current = Membership.objects.get(person=mover, end__isnull=True)
    response = client.post(
        reverse("collaborations:end-membership", args=[helix.pk, current.pk]),
        {"end": "2020-01-01"},
        follow=True,
    )
    current.refresh_from_db()
    assert current.end is None
    assert "ends before it starts" in response.content.decode()
