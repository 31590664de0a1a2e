"""Invariant 1 for review: permuting the countries of institutions and the locations of
authors and reviewers changes no conflict, no assignment and no access decision."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.institutions.models import Country, Institution
from science4peace.people.models import Person
from science4peace.review.domain import assignment, conflicts, queries
from science4peace.review.domain.committee import do_set_expertise
from science4peace.review.domain.submissions import AuthorIn

from .conftest import TODAY, affiliate, make_person, submit

pytestmark = pytest.mark.django_db
CODES = ["RU", "UA", "US", "CN", "ZA", "BR"]


@pytest.fixture
def world(call, organiser, reviewers, submitters, institutions):
    countries = [
        Country.objects.get_or_create(code=c, defaults={"name": c, "un_status": "member"})[0]
        for c in CODES
    ]
    extra = make_person("Ivan", "Petrov")
    affiliate(extra, institutions[0], TODAY - dt.timedelta(days=400))
    affiliate(reviewers[1], institutions[1], TODAY - dt.timedelta(days=400))  # Kofi's institute
    subs = [
        submit(call, submitters[0], title="Jets", keywords="jets"),
        submit(
            call,
            submitters[1],
            title="Neutrinos",
            keywords="neutrinos",
            authors=[AuthorIn("Kofi Mensah", presents=True, person_id=submitters[1].person.pk)],
        ),
        submit(
            call,
            extra,
            title="Lattice",
            keywords="lattice",
            authors=[AuthorIn("Ivan Petrov", presents=True, person_id=extra.person.pk)],
        ),
    ]
    do_set_expertise(call, actor=reviewers[2], keywords="jets, lattice")
    return {"countries": countries, "subs": subs}


def _decisions(call, organiser, reviewers, subs):
    found = {(s, r): tuple(x.code for x in rs) for (s, r), rs in conflicts.find(call).items()}
    assignment.do_assign(call, actor=organiser)
    pairs = sorted((a.code, a.reviewer_id) for a in queries.assignment_rows(call))
    access = {(r.pk, s.code): conflicts.has_conflict(s, r) for r in reviewers for s in subs}
    queues = {r.pk: [row.code for row in queries.reviewer_queue(call, r)] for r in reviewers}
    return found, pairs, access, queues


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_permuting_countries_and_locations_changes_no_review_decision(
    call, organiser, reviewers, world, data
):
    countries = world["countries"]
    people = list(Person.objects.order_by("pk"))
    institutions = list(Institution.objects.order_by("pk"))
    before = _decisions(call, organiser, reviewers, world["subs"])
    assert list(before[0].values()) == [("institution",)]  # Ravi and Kofi: Cape Town
    for institution in institutions:
        institution.country = data.draw(st.sampled_from(countries))
        institution.save(update_fields=["country"])
    for person in people:
        person.location_country = data.draw(st.one_of(st.none(), st.sampled_from(countries)))
        person.city = data.draw(st.sampled_from(["", "Dubna", "Kyiv", "Cape Town"]))
        person.save(update_fields=["location_country", "city"])
    assert _decisions(call, organiser, reviewers, world["subs"]) == before
