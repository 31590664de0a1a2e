"""The institutions' funnel and list: one institution through ``access_institution``; the list
gives the same items in the same order on its page, its htmx fragment and the API."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from science4peace.institutions.domain.access import access_institution
from science4peace.institutions.models import Institution, InstitutionCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def institutions(cern, jinr):
    dubna = Institution.objects.create(name="Dubna State University", country_id="RU")
    InstitutionCode.objects.create(institution=dubna, icn="Dubna State U.")
    Institution.objects.create(name="Bogoliubov Laboratory", country_id="RU", parent=jinr)
    return [cern, jinr, dubna]


@pytest.mark.parametrize(
    "filters",
    [{}, {"q": "Dubna"}, {"country": "ru"}, {"kind": "intergovernmental"}],
    ids=["all", "q", "country", "kind"],
)
def test_institution_list_page_fragment_and_api_agree(client, institutions, filters):
    url = reverse("institutions:list")
    page = [i.pk for i in client.get(url, filters).context["page"]]
    fragment = client.get(url, filters, HTTP_HX_REQUEST="true").content.decode()
    api = [i["id"] for i in client.get("/api/institutions", filters).json()["items"]]
    assert page == api == [int(pk) for pk in re.findall(r"/institutions/(\d+)/", fragment)]
    assert len(api) == {"all": 4, "q": 1, "country": 3, "kind": 2}[next(iter(filters), "all")]


def test_access_institution_gives_codes_and_parent(institutions, db):
    lab = Institution.objects.get(name="Bogoliubov Laboratory")
    found = access_institution(AnonymousUser(), lab.pk)
    assert (found.parent, found.country_id) == (institutions[1], "RU")


def test_access_institution_to_edit_is_for_administrators(cern, user, staff):
    with pytest.raises(PermissionDenied, match=r"Only administrators may change institutions\."):
        access_institution(user, cern.pk, to="edit")
    assert access_institution(staff, cern.pk, to="edit") == cern
    with pytest.raises(Http404, match=r"No institution with id 424242\."):
        access_institution(staff, 424242, to="edit")


def test_affiliation_with_an_unknown_institution_is_404_and_saves_nothing(
    client, auth_headers, user
):
    response = client.post(
        "/api/me/affiliations",
        {"institution": 424242, "start": "2021-03-01"},
        content_type="application/json",
        headers=auth_headers,
    )
    assert (response.status_code, response.json(), user.person.affiliations.count()) == (
        404,
        {"detail": "No institution with id 424242."},
        0,
    )
