"""Suggestions by science alone: reasons, opt-out, constant queries, and invariant 1 (permuting
countries, institutions and locations changes no suggestion)."""

import datetime as dt
import itertools
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.institutions.models import Institution
from science4peace.lib.matching import InvertedIndex, Profile, Term
from science4peace.people.models import Affiliation, Person
from science4peace.projects.domain import changes, suggestions
from science4peace.projects.models import Project

from .conftest import interests, make_member

pytestmark = pytest.mark.django_db
_serial = itertools.count()


def test_projects_for_a_person_with_reasons_best_first(project, lead, joiner):
    theory = changes.do_propose_project(
        actor=lead, title="Lattice", kind="theory", subjects=["hep-lat", "hep-ph"]
    )
    interests(joiner, subjects=["hep-ph", "hep-lat"], keywords=["dimuon"], experiments=["CMS"])
    found = [(s.item, s.reasons) for s in suggestions.projects_for(joiner.person)]
    assert found == [
        (project, ["CMS open data", "dimuon", "hep-ph"]),
        (theory, ["hep-lat", "hep-ph"]),
    ]


def test_projects_one_takes_part_in_or_cannot_join_are_not_suggested(project, lead, joiner):
    closed = changes.do_propose_project(
        actor=lead, title="Closed", kind="theory", keywords=["dimuon"], open_for_members=False
    )
    done = changes.do_propose_project(actor=lead, title="Done", kind="theory", keywords=["dimuon"])
    Project.objects.filter(pk=done.pk).update(status="completed")
    interests(joiner, keywords=["dimuon"])
    assert [s.item for s in suggestions.projects_for(joiner.person)] == [project]
    changes.do_ask_to_join(project, actor=joiner)
    assert suggestions.projects_for(joiner.person) == []
    assert closed.pk != project.pk


def test_people_who_opt_out_are_never_suggested(project, joiner):
    other = make_member("Ines")
    interests(joiner, keywords=["dimuon"], suggestable=False)
    interests(other, skills=["root"])
    assert [(s.item, s.reasons) for s in suggestions.people_for(project)] == [
        (other.person, ["root"])
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_suggestion_query_counts_are_constant(lead, count, django_assert_num_queries):
    seeker = make_member("Seeker")
    interests(seeker, subjects=["hep-ph"], keywords=["jets"])
    for index in range(count):
        project = changes.do_propose_project(
            actor=lead, title=f"P{index}", kind="theory", subjects=["hep-ph"], keywords=["jets"]
        )
        interests(make_member(f"M{index}"), keywords=["jets"])
    # terms, document frequencies, total, best scores, their shared terms, the objects
    with django_assert_num_queries(6):
        assert len(suggestions.projects_for(seeker.person)) == count
    with django_assert_num_queries(6):
        assert len(suggestions.people_for(project)) == count + 1


@pytest.mark.parametrize(("first_postings", "seed"), [(5000, 7), (2, 7), (4, 11), (8, 3)])
def test_database_ranking_equals_the_reference_index(lead, monkeypatch, first_postings, seed):
    # a small FIRST_POSTINGS makes the rare terms' bound decide (or give up) on this data
    monkeypatch.setattr(suggestions, "FIRST_POSTINGS", first_postings)
    rng = random.Random(seed)
    vocabulary = ["hep-ph", "hep-ex", "hep-th", "nucl-th"]
    words = ["jets", "dimuon", "unfolding", "flow", "pileup"]
    people = []
    for index in range(24):
        user = make_member(f"R{index}")
        interests(
            user,
            subjects=rng.sample(vocabulary, rng.randint(0, 2)),
            keywords=rng.sample(words, rng.randint(0, 3)),
            suggestable=index % 5 != 0,
        )
        people.append(user.person)
    project = changes.do_propose_project(
        actor=lead, title="Q", kind="theory", subjects=["hep-ph", "nucl-th"], keywords=words[:3]
    )
    profiles = [
        Profile(
            p.pk,
            frozenset(
                Term.from_key(k) for k in p.research_profile.terms.values_list("term", flat=True)
            ),
        )
        for p in people
    ]
    index = InvertedIndex.build(profiles)
    query = {Term.from_key(k) for k in project.terms.values_list("term", flat=True)}
    opted_out = [p.pk for i, p in enumerate(people) if i % 5 == 0]
    expected = index.suggest(query, exclude=opted_out, limit=3)
    found = suggestions.people_for(project, limit=3)
    assert [(s.item.pk, s.score) for s in found] == [(s.key, s.score) for s in expected]
    assert [s.reasons for s in found] == [
        [suggestions.describe(t) for t in s.reasons] for s in expected
    ]


# --- invariant 1 ---------------------------------------------------------------------------

VOCABULARY = {
    "subjects": ["hep-ph", "hep-ex", "hep-th", "nucl-th", "astro-ph.HE"],
    "keywords": ["jets", "dimuon", "unfolding", "flow"],
    "skills": ["root", "python", "c++"],
    "experiments": ["CMS", "ALICE"],
}
COUNTRIES = ["RU", "UA", "IR", "US", "CN", "DE", "IL", "PS", "BY", "CH"]
terms = st.fixed_dictionaries(
    {kind: st.lists(st.sampled_from(values), max_size=3) for kind, values in VOCABULARY.items()}
)
world = st.fixed_dictionaries(
    {
        "people": st.lists(terms, min_size=1, max_size=6),
        "projects": st.lists(terms, min_size=1, max_size=4),
        "seed": st.integers(0, 10**6),
    }
)


def _build(spec):
    n = next(_serial)
    institutions = [
        Institution.objects.create(name=f"Inst {n}-{i}", country_id=COUNTRIES[i]) for i in range(4)
    ]
    lead = make_member(f"Lead{n}")
    people = []
    for index, wanted in enumerate(spec["people"]):
        user = make_member(f"P{n}x{index}")
        person = user.person
        Person.objects.filter(pk=person.pk).update(
            location_country_id=COUNTRIES[index % len(COUNTRIES)],
            city=f"City {index}",
            latitude=Decimal(index * 7 % 90),
            longitude=Decimal(index * 13 % 180),
        )
        Affiliation.objects.create(
            person=person,
            institution=institutions[index % len(institutions)],
            start=dt.date(2020, 1, 1),
        )
        interests(user, **wanted)
        people.append(person)
    projects = [
        changes.do_propose_project(
            actor=lead,
            title=f"Project {n}-{index}",
            kind="theory",
            subjects=wanted["subjects"],
            keywords=wanted["keywords"] + [e.lower() for e in wanted["experiments"]],
            skills=wanted["skills"],
        )
        for index, wanted in enumerate(spec["projects"])
    ]
    return institutions, people, projects


def _all_suggestions(people, projects):
    return (
        [
            [(s.item.pk, s.score, tuple(s.reasons)) for s in suggestions.projects_for(p)]
            for p in people
        ],
        [
            [(s.item.pk, s.score, tuple(s.reasons)) for s in suggestions.people_for(p)]
            for p in projects
        ],
    )


def _permute(institutions, people, seed):
    rng = random.Random(seed)
    countries = [i.country_id for i in institutions]
    rng.shuffle(countries)
    for institution, country in zip(institutions, countries, strict=True):
        Institution.objects.filter(pk=institution.pk).update(country_id=country)
    rows = list(
        Person.objects.filter(pk__in=[p.pk for p in people]).values_list(
            "location_country_id", "city", "latitude", "longitude"
        )
    )
    rng.shuffle(rows)
    for person, (country, city, lat, lon) in zip(people, rows, strict=True):
        Person.objects.filter(pk=person.pk).update(
            location_country_id=rng.choice(COUNTRIES) if country else None,
            city=city[::-1],
            latitude=lat,
            longitude=lon,
        )
        Affiliation.objects.filter(person=person).update(institution=rng.choice(institutions))


@settings(
    max_examples=10,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=world)
def test_permuting_countries_institutions_and_locations_changes_no_suggestion(spec):
    institutions, people, projects = _build(spec)
    before = _all_suggestions(people, projects)
    _permute(institutions, people, spec["seed"])
    assert _all_suggestions(people, projects) == before
