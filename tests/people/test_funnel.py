"""The people app's funnel and lists: ``access_*`` answer 404 for what the actor may not know
exists and 403 for what they may see but not change; the people list gives the same items in
the same order on its page, its htmx fragment and the API."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from science4peace.people.domain import access
from science4peace.people.domain.tokens import do_create_api_token
from science4peace.people.models import Affiliation, Person
from tests.conftest import make_people

pytestmark = pytest.mark.django_db


def test_access_person_unknown_is_404_on_page_and_api(client, db):
    with pytest.raises(Http404, match=r"No person with id 424242\."):
        access.access_person(AnonymousUser(), 424242)
    response = client.get("/api/people/424242")
    assert (response.status_code, response.json()) == (404, {"detail": "No person with id 424242."})


def test_access_person_to_edit_is_for_the_person_and_staff(user, other_user, staff):
    person = Person.objects.create(user=other_user, family_name="B")
    with pytest.raises(PermissionDenied, match=r"You may not change this person\."):
        access.access_person(user, person.pk, to="edit")
    assert access.access_person(other_user, person.pk, to="edit") == person
    assert access.access_person(staff, person.pk, to="edit") == person


def test_access_own_person_creates_the_record_once(user):
    first = access.access_own_person(user)
    assert (access.access_own_person(user), Person.objects.filter(user=user).count()) == (first, 1)
    with pytest.raises(PermissionDenied, match=r"Log in first\."):
        access.access_own_person(AnonymousUser())


def test_access_affiliation_to_edit_refuses_others(user, other_user, cern):
    person = Person.objects.create(user=other_user, family_name="B")
    affiliation = Affiliation.objects.create(
        person=person, institution=cern, start=dt.date(2020, 1, 1)
    )
    assert access.access_affiliation(user, affiliation.pk) == affiliation
    with pytest.raises(PermissionDenied):
        access.access_affiliation(user, affiliation.pk, to="edit")
    with pytest.raises(Http404, match=r"No affiliation with id 424242\."):
        access.access_affiliation(user, 424242, to="edit")


def test_another_users_token_does_not_exist_for_you(logged_in, other_user):
    token, _secret = do_create_api_token(actor=other_user, name="theirs")
    with pytest.raises(Http404):
        access.access_api_token(AnonymousUser(), token.pk)
    response = logged_in.post(reverse("people:revoke-token", args=[token.pk]))
    assert (response.status_code, other_user.api_tokens.count()) == (404, 1)


def test_token_page_lists_only_your_tokens_newest_first(logged_in, user, other_user):
    do_create_api_token(actor=other_user, name="theirs")
    do_create_api_token(actor=user, name="old")
    do_create_api_token(actor=user, name="new")
    tokens = logged_in.get(reverse("people:tokens")).context["tokens"]
    assert [t.name for t in tokens] == ["new", "old"]


@pytest.mark.parametrize("q", ["", "Family", "Family2"])
def test_people_list_page_fragment_and_api_agree(client, cern, q):
    for person in make_people(4, cern)[::-1]:
        Person.objects.filter(pk=person.pk).update(given_name=f"Z{person.pk}")
    page = [p.pk for p in client.get(reverse("people:list"), {"q": q}).context["page"]]
    fragment = client.get(reverse("people:list"), {"q": q}, HTTP_HX_REQUEST="true")
    api = [p["id"] for p in client.get("/api/people", {"q": q}).json()["items"]]
    assert (
        page == api == [int(pk) for pk in re.findall(r"/people/(\d+)/", fragment.content.decode())]
    )
    assert len(api) == (1 if q == "Family2" else 4)


def test_institution_page_lists_the_people_the_api_filters_by_institution(client, cern, jinr):
    make_people(2, jinr)
    make_people(3, cern)
    page = client.get(reverse("institutions:detail", args=[cern.pk])).context["people"]
    api = client.get("/api/people", {"institution": cern.pk}).json()["items"]
    assert [p.pk for p in page] == [p["id"] for p in api]
    assert len(api) == 3
