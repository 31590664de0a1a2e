"""Funding agencies per member institution, edited by the collaboration's administrators on
the collaboration's pages, audited, and acknowledged by every author list."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from science4peace.collaborations.domain.access import access_collaboration
from science4peace.collaborations.domain.funding import (
    access_member_institution,
    check_funding_agencies,
    do_set_funding_agencies,
    list_funding,
)
from science4peace.collaborations.models import Collaboration, MemberInstitution
from science4peace.core.models import AuditEntry
from science4peace.lib.authorlist.formats import render
from science4peace.papers.domain import changes as paper_changes
from science4peace.papers.domain.queries import to_authorlist
from tests.conftest import make_institutions

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def admin(helix, other_user):
    """An administrator who is not staff: the rule, not the superpower, lets them in."""
    helix.administrators.add(other_user)
    return other_user


@pytest.fixture
def member(helix, jinr):
    return MemberInstitution.objects.create(collaboration=helix, institution=jinr)


def test_only_administrators_reach_the_funding_of_a_collaboration(helix, admin, user):
    assert access_collaboration(admin, helix.pk, to="administer") == helix
    with pytest.raises(PermissionDenied):
        access_collaboration(user, helix.pk, to="administer")
    with pytest.raises(Http404):
        access_collaboration(admin, helix.pk + 1000, to="administer")


def test_member_institution_of_another_collaboration_is_not_found(helix, admin, jinr):
    other = Collaboration.objects.create(name="Other", start=D(2020, 1, 1))
    stranger = MemberInstitution.objects.create(collaboration=other, institution=jinr)
    with pytest.raises(Http404):
        access_member_institution(admin, helix.pk, stranger.pk)


def test_agencies_are_one_a_line_without_blanks_or_repeats():
    assert check_funding_agencies(" JINR  Member States \n\nRFBR\nJINR Member States\r\n") == [
        "JINR Member States",
        "RFBR",
    ]
    with pytest.raises(ValidationError):
        check_funding_agencies("x" * 201)


def test_setting_agencies_is_audited(member, admin):
    do_set_funding_agencies(member, actor=admin, agencies="JINR Member States\nRFBR")
    member.refresh_from_db()
    entry = AuditEntry.objects.get(action="collaboration.funding")
    assert (member.funding_agencies, entry.before, entry.after, entry.actor) == (
        ["JINR Member States", "RFBR"],
        {"funding_agencies": []},
        {"funding_agencies": ["JINR Member States", "RFBR"]},
        admin,
    )


def test_non_administrator_cannot_set_agencies(member, user):
    with pytest.raises(PermissionDenied):
        do_set_funding_agencies(member, actor=user, agencies="Anything")
    member.refresh_from_db()
    assert (member.funding_agencies, AuditEntry.objects.count()) == ([], 0)


def test_administrator_edits_agencies_on_the_page(client, helix, member, admin):
    client.force_login(admin)
    url = reverse("collaborations:funding", args=[helix.pk])
    response = client.post(url, {"member": member.pk, "agencies": "JINR Member States"})
    assert response.url == url
    member.refresh_from_db()
    assert member.funding_agencies == ["JINR Member States"]
    html = client.get(url).content.decode()
    assert "Joint Institute for Nuclear Research" in html
    assert ">\nJINR Member States</textarea>" in html


def test_bad_agencies_are_a_form_error_and_change_nothing(client, helix, member, admin):
    client.force_login(admin)
    url = reverse("collaborations:funding", args=[helix.pk])
    response = client.post(url, {"member": member.pk, "agencies": "x" * 201})
    assert response.status_code == 400
    assert "has at most 200 characters" in response.content.decode()
    member.refresh_from_db()
    assert member.funding_agencies == []


def test_funding_page_refuses_others(client, helix, member, user):
    url = reverse("collaborations:funding", args=[helix.pk])
    assert client.get(url).url.startswith("/accounts/login/")
    client.force_login(user)
    refused = client.post(url, {"member": member.pk, "agencies": "Mine"})
    assert refused.status_code == 403
    member.refresh_from_db()
    assert member.funding_agencies == []


@pytest.mark.parametrize("count", [1, 3])
def test_funding_list_takes_one_query(helix, django_assert_num_queries, count):
    for institution in make_institutions(count):
        MemberInstitution.objects.create(collaboration=helix, institution=institution)
    with django_assert_num_queries(1):
        rows = list_funding(helix)
        assert [m.institution.name for m in rows] == [f"Institute {i}" for i in range(count)]


@pytest.mark.parametrize("policy", ["names-only", "names-orcid", "equal-affiliations"])
def test_paper_acknowledges_the_agencies_under_every_policy(helix, mover, staff, wuppertal, policy):
    member = MemberInstitution.objects.create(collaboration=helix, institution=wuppertal)
    do_set_funding_agencies(member, actor=staff, agencies="BMBF\nDFG")
    paper = paper_changes.do_create_paper(
        helix, actor=staff, title="Dark photons", reference_date=D(2023, 10, 1)
    )
    text = render(to_authorlist(paper), "revtex", policy)
    assert "\\section*{Acknowledgements}\nWe acknowledge the support of BMBF; DFG." in text
