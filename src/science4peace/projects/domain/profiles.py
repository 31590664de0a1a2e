"""A person's research interests and skills, and whether they may be suggested."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from science4peace.catalog.models import Record
from science4peace.core import audit
from science4peace.lib.matching import EXPERIMENT, KEYWORD, SKILL, SUBJECT, Term
from science4peace.people.models import Person
from science4peace.projects.domain.changes import check_terms
from science4peace.projects.models import ProfileTerm, ResearchProfile


@dataclass
class Interests:
    """A profile as forms, pages and the API show it."""

    subjects: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    experiments: list[str] = field(default_factory=list)
    suggestable: bool = True


def known_experiments() -> list[str]:
    """The experiments of the catalog's records, as the catalog spells them."""
    names = Record.objects.exclude(experiment="").values_list("experiment", flat=True)
    return sorted(set(names.distinct()), key=str.casefold)


def _spelled(experiments: Iterable[str]) -> list[str]:
    known = {name.casefold(): name for name in known_experiments()}
    return [known.get(name.strip().casefold(), name) for name in experiments]


def interests_of(person: Person) -> Interests:
    profile = ResearchProfile.objects.filter(person=person).first()
    if profile is None:
        return Interests()
    found = Interests(suggestable=profile.suggestable)
    lists = {SUBJECT: found.subjects, KEYWORD: found.keywords, SKILL: found.skills}
    lists[EXPERIMENT] = found.experiments
    for key in profile.terms.values_list("term", flat=True):
        term = Term.from_key(key)
        lists[term.kind].append(term.value)
    return found


@transaction.atomic
def do_update_interests(
    person: Person,
    *,
    actor: Any,
    subjects: Iterable[str] = (),
    keywords: Iterable[str] = (),
    skills: Iterable[str] = (),
    experiments: Iterable[str] = (),
    suggestable: bool = True,
) -> Interests:
    """Replace the person's interests. Only the person themself calls it (through
    ``access_own_profile``)."""
    terms = [
        *check_terms("subjects", SUBJECT, subjects),
        *check_terms("keywords", KEYWORD, keywords),
        *check_terms("skills", SKILL, skills),
        *check_terms("experiments", EXPERIMENT, _spelled(experiments)),
    ]
    before = interests_of(person)
    profile, _created = ResearchProfile.objects.update_or_create(
        person=person, defaults={"suggestable": suggestable}
    )
    profile.terms.all().delete()
    keys = sorted({term.key for term in terms})
    ProfileTerm.objects.bulk_create(ProfileTerm(profile=profile, term=key) for key in keys)
    after = interests_of(person)
    audit.record(
        actor=actor,
        action="research-profile.update",
        obj=profile,
        before=before.__dict__,
        after=after.__dict__,
    )
    return after
