"""Invariant 1: permuting every country and location changes no access or eligibility
decision."""

import datetime as dt
import itertools
import random
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.collaborations.domain import access, changes
from science4peace.collaborations.domain.queries import authors_on_date
from science4peace.collaborations.models import Collaboration, Membership, WorkContribution
from science4peace.institutions.models import Country, Institution
from science4peace.people.models import Person

D = dt.date
_serial = itertools.count()
ZONES = ["Europe/Moscow", "Asia/Tehran", "America/Lima", "Africa/Lagos", "Asia/Jerusalem"]

spans = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(30, 2000),
        st.integers(0, 400),
        st.sampled_from(["member", "engineer", "student"]),
    ),
    min_size=1,
    max_size=3,
)
person = st.fixed_dictionaries(
    {
        "spans": spans,
        "start": st.integers(0, 4000),
        "contribution": st.sampled_from([None, "pending", "confirmed"]),
        "kind": st.sampled_from(["detector", "software", "theory"]),
        "pledge": st.booleans(),
    }
)


def _build(people_spec, institution_count, rule_kinds):
    n = next(_serial)
    collaboration = Collaboration.objects.create(
        name=f"C{n}", start=D(2000, 1, 1), completion=D(2040, 1, 1), access_kinds=rule_kinds
    )
    institutions = [
        Institution.objects.create(name=f"I{n}-{i}", country_id="CH")
        for i in range(institution_count)
    ]
    users = []
    for index, spec in enumerate(people_spec):
        user = get_user_model().objects.create_user(username=f"u{n}-{index}", password="x")
        somebody = Person.objects.create(user=user, family_name=f"P{n}-{index}")
        start = D(2000, 1, 1) + dt.timedelta(days=spec["start"])
        for institution_index, length, gap, role in spec["spans"]:
            end = start + dt.timedelta(days=length)
            Membership.objects.create(
                collaboration=collaboration,
                person=somebody,
                role=role,
                institution=institutions[institution_index % institution_count],
                start=start,
                end=end,
            )
            start = end + dt.timedelta(days=1 + gap)
        if spec["contribution"]:
            first = somebody.memberships.order_by("start").first()
            WorkContribution.objects.create(
                collaboration=collaboration,
                person=somebody,
                kind=spec["kind"],
                description="c",
                start=first.start,
                end=first.end,
                status=spec["contribution"],
            )
        if spec["pledge"]:
            changes.do_accept_pledge(actor=user)
        users.append(user)
    return collaboration, institutions, users


def _decisions(collaboration, users):
    today = D(2026, 11, 22)
    grants = [access.decide_collaboration(collaboration, u, today) for u in users]
    authors = [
        [row.person.pk for row in authors_on_date(collaboration, D(2000 + y, 6, 1))]
        for y in range(0, 26, 3)
    ]
    return [(g.allowed, g.reasons) for g in grants], authors


def _permute(institutions, users, rng, codes):
    for institution in institutions:
        institution.country_id = rng.choice(codes)
        institution.address = f"Somewhere, {institution.country_id}"
        institution.save()
    for user in users:
        somebody = user.person
        somebody.location_country_id = rng.choice(codes)
        somebody.city = rng.choice(["Dubna", "Tehran", "Kyiv", "Gaza", "Minsk", "Boston"])
        somebody.timezone = rng.choice(ZONES)
        somebody.latitude = Decimal(rng.randint(-89, 89))
        somebody.longitude = Decimal(rng.randint(-179, 179))
        somebody.save()


@pytest.mark.django_db
@settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    people_spec=st.lists(person, min_size=1, max_size=4),
    institution_count=st.integers(1, 4),
    rule_kinds=st.sampled_from([[], ["detector"], ["software", "theory"]]),
    seed=st.integers(0, 2**32 - 1),
)
def test_decisions_do_not_change_when_countries_and_locations_are_permuted(
    people_spec, institution_count, rule_kinds, seed
):
    rng = random.Random(seed)
    codes = list(Country.objects.values_list("code", flat=True))
    collaboration, institutions, users = _build(people_spec, institution_count, rule_kinds)
    before = _decisions(collaboration, users)
    for _round in range(2):
        _permute(institutions, users, rng, codes)
        assert _decisions(collaboration, users) == before
