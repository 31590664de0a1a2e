"""The institution picker of every form that chooses among hundreds of institutions
(``core.interfaces.pickers``); its matches come from ``queries.list_institutions``, the query
of the institution directory, which the search view ``institutions:pick`` calls too."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from science4peace.core.interfaces.pickers import PickerField
from science4peace.institutions.domain import queries
from science4peace.institutions.models import Institution


def search_institutions(q: str) -> QuerySet[Institution]:
    return queries.list_institutions(q=q)


def institution_label(institution: Institution) -> str:
    """The name, with its INSPIRE code when it has one (never a country)."""
    codes = [code.icn for code in institution.codes.all()]
    return f"{institution.name} · {codes[0]}" if codes else institution.name


def InstitutionField(**kwargs: Any) -> PickerField:
    """An institution out of all; ``search``, ``lookup`` and ``search_url`` narrow it to a
    group (a collaboration's membership institutions)."""
    kwargs.setdefault("placeholder", _("Type part of the name or an INSPIRE code"))
    kwargs.setdefault("search", search_institutions)
    kwargs.setdefault("lookup", queries.institutions_with_ids)
    kwargs.setdefault("describe", institution_label)
    kwargs.setdefault("search_url", reverse_lazy("institutions:pick"))
    return PickerField(**kwargs)
