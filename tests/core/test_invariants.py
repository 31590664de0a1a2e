"""Invariant 1: no nationality data anywhere, and no decision reads a country or location."""

import itertools
import random

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from hypothesis import given, settings
from hypothesis import strategies as st

from science4peace.institutions.models import Country, Institution
from science4peace.institutions.rules import can_create_institution, can_edit_institution
from science4peace.people.models import Person
from science4peace.people.rules import can_edit_person

_serial = itertools.count()
FORBIDDEN = ("nationality", "citizenship", "passport", "ethnicity", "religion", "origin")


def test_no_model_stores_nationality_or_origin():
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if any(word in field.name.lower() for word in FORBIDDEN)
    ]
    assert fields == []


@pytest.mark.django_db
@settings(max_examples=30)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_permission_decisions_ignore_countries_and_locations(seed):
    rng = random.Random(seed)
    codes = list(Country.objects.values_list("code", flat=True))
    users = get_user_model().objects
    n = next(_serial)
    owner = users.create_user(username=f"owner{n}", password="x")
    stranger = users.create_user(username=f"stranger{n}", password="x")
    admin = users.create_user(username=f"admin{n}", password="x", is_staff=True)
    person = Person.objects.create(
        user=owner,
        family_name="P",
        location_country_id="RU",
        city="Moscow",
        timezone="Europe/Moscow",
    )
    institution = Institution.objects.create(name="I", country_id="UA")

    def decisions():
        return [can_edit_person(u, person) for u in (owner, stranger, admin)] + [
            can_create_institution(u) or can_edit_institution(u) for u in (owner, admin)
        ]

    before = decisions()
    person.location_country_id = rng.choice(codes)
    person.city, person.timezone = "Anywhere", rng.choice(["Asia/Tehran", "America/Lima"])
    person.latitude, person.longitude = rng.uniform(-90, 90), rng.uniform(-180, 180)
    institution.country_id = rng.choice(codes)
    assert decisions() == before == [True, False, True, True, True]
