"""Read queries behind the institution pages, fragments and API endpoints."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet

from science4peace.institutions.models import Country, Institution, InstitutionCode


def list_institutions(*, q: str = "", country: str = "", kind: str = "") -> QuerySet[Institution]:
    institutions = Institution.objects.select_related("country").prefetch_related(
        Prefetch("codes", queryset=InstitutionCode.objects.order_by("icn"))
    )
    if q:
        institutions = institutions.filter(
            Q(name__icontains=q) | Q(codes__icn__icontains=q) | Q(address__icontains=q)
        ).distinct()
    if country:
        institutions = institutions.filter(country_id=country.upper())
    if kind:
        institutions = institutions.filter(kind=kind)
    return institutions.order_by("name", "id")


def institutions_with_ids(ids: Sequence[int]) -> QuerySet[Institution]:
    """The institutions with these ids (a picker's choice), as ``list_institutions`` reads
    them."""
    return list_institutions().filter(pk__in=list(ids))


def count_institutions() -> int:
    return Institution.objects.count()


def count_participating_countries() -> int:
    return Country.objects.filter(institutions__isnull=False).distinct().count()


def participating_countries() -> QuerySet[Country]:
    """Countries with at least one institution (the filter of the institution list)."""
    return Country.objects.filter(institutions__isnull=False).distinct().order_by("name")


def list_countries() -> QuerySet[Country]:
    return Country.objects.annotate(institution_count=Count("institutions")).order_by("name")


def institutions_by_country() -> list[tuple[Country, list[Institution]]]:
    """Every participating country with its institutions, in two queries, all listed alike."""
    institutions = (
        Institution.objects.filter(country__isnull=False)
        .select_related("country")
        .order_by("country__name", "name", "id")
    )
    return [
        (country, list(group)) for country, group in groupby(institutions, key=lambda i: i.country)
    ]
