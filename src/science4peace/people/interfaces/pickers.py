"""The person picker of every form that chooses one person out of thousands
(``core.interfaces.pickers``); its matches come from ``queries.list_people``, the query of the
people directory, which the search view ``people:pick`` calls too."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from science4peace.core.interfaces.pickers import PickerField
from science4peace.people.domain import queries
from science4peace.people.models import Person


def search_people(q: str) -> QuerySet[Person]:
    return queries.list_people(q=q)


def person_label(person: Person) -> str:
    """The name, with the newest institution to tell namesakes apart (never a country)."""
    name = person.display_name or _("(no name given)")
    affiliations = list(person.affiliations.all())
    if affiliations:
        return f"{name} · {affiliations[0].institution.name}"
    return str(name)


def PersonField(**kwargs: Any) -> PickerField:
    """A person out of everyone; ``search`` and ``search_url`` narrow it to a group (a
    space's members), whose search view must then check who may see the group."""
    kwargs.setdefault("placeholder", _("Type part of the name or an ORCID iD"))
    kwargs.setdefault("search", search_people)
    kwargs.setdefault("lookup", queries.people_with_ids)
    kwargs.setdefault("describe", person_label)
    kwargs.setdefault("search_url", reverse_lazy("people:pick"))
    return PickerField(**kwargs)
