"""Papers without a collaboration: authors frozen from a given list of people, edited by the
editors named at creation."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from science4peace.papers import rules
from science4peace.papers.domain import changes
from science4peace.people.models import Affiliation, Person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def people(cern, jinr, wuppertal):
    anna = Person.objects.create(given_name="Anna", family_name="Ivanova")
    Affiliation.objects.create(person=anna, institution=jinr, start=D(2019, 1, 1))
    Affiliation.objects.create(
        person=anna, institution=cern, start=D(2020, 1, 1), kind=Affiliation.Kind.ALSO_AT
    )
    Affiliation.objects.create(
        person=anna, institution=wuppertal, start=D(2010, 1, 1), end=D(2018, 12, 31)
    )
    omar = Person.objects.create(given_name="Omar", family_name="Haddad")
    return [anna, omar]


@pytest.fixture
def paper(people, user):
    return changes.do_create_paper_of_people(
        actor=user,
        people=people,
        editors=[user],
        title="Jet substructure in CMS open data",
        reference_date=D(2026, 1, 15),
        origin="members of the project Jets",
    )


def test_authors_are_the_people_with_their_affiliations_of_that_day(paper, jinr, cern):
    rows = [
        (a.family_name, [i.name for i in a.institutions.order_by("name")])
        for a in paper.authors.all()
    ]
    assert rows == [("Haddad", []), ("Ivanova", [cern.name, jinr.name])]
    assert paper.collaboration is None
    assert list(paper.changes.values_list("action", "subject", "reason")) == [
        ("freeze", "2 authors on 2026-01-15", "members of the project Jets")
    ]


def test_editors_edit_and_others_may_not(paper, user, other_user, staff):
    assert [rules.can_edit_paper(u, paper) for u in (user, other_user, staff)] == [
        True,
        False,
        False,
    ]
    changes.do_set_policy(paper, actor=user, policy="names-only", reason="journal asks")
    with pytest.raises(PermissionDenied):
        changes.do_set_policy(paper, actor=other_user, policy="names-orcid", reason="x")


def test_the_actor_must_be_an_editor_and_a_paper_needs_authors(people, user, other_user):
    with pytest.raises(PermissionDenied):
        changes.do_create_paper_of_people(
            actor=other_user,
            people=people,
            editors=[user],
            title="T",
            reference_date=D(2026, 1, 1),
            origin="o",
        )
    with pytest.raises(ValidationError, match="at least one author"):
        changes.do_create_paper_of_people(
            actor=user,
            people=[],
            editors=[user],
            title="T",
            reference_date=D(2026, 1, 1),
            origin="o",
        )


def test_pages_and_downloads_work_without_a_collaboration(client, paper):
    detail = client.get(reverse("papers:detail", args=[paper.pk]))
    listing = client.get(reverse("papers:list"))
    download = client.get(reverse("papers:download", args=[paper.pk, "json"]))
    xml = client.get(reverse("papers:download", args=[paper.pk, "authors-xml"]))
    assert (detail.status_code, listing.status_code, xml.status_code) == (200, 200, 200)
    assert "Jet substructure in CMS open data" in detail.content.decode()
    assert [a["family"] for a in json.loads(download.content)["authors"]] == ["Haddad", "Ivanova"]


def test_api_reads_a_paper_without_a_collaboration(client, paper):
    body = client.get(f"/api/papers/{paper.pk}").json()
    assert (body["collaboration"], body["title"]) == (None, "Jet substructure in CMS open data")
