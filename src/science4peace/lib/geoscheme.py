"""The United Nations geoscheme (M49): the sub-region and region of a country, for the
statistics of institutions (the review audit). Country is a property of institutions only
(invariant 1); nothing here is about people, and no decision reads it.

The table is the ``UNregion`` column of the data shipped by the country_converter package
(coco, GPL-3.0, https://github.com/IndEcol/country_converter), read with the csv module from
the installed distribution: its ``CountryConverter`` class needs pandas and, with pandas 3,
reads Namibia's ISO code ``NA`` as a missing value and fails. The five M49 regions are the
parents of its sub-regions (UN Statistics Division, "Standard country or area codes for
statistical use")."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import metadata

UNKNOWN = ""

# M49: each sub-region's region. "Latin America and the Caribbean" is an intermediate
# region of the Americas; coco names its three parts (Caribbean, Central and South America).
REGION_OF_SUBREGION = {
    "Northern Africa": "Africa",
    "Eastern Africa": "Africa",
    "Middle Africa": "Africa",
    "Southern Africa": "Africa",
    "Western Africa": "Africa",
    "Caribbean": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania", "Antarctica")


def _table_text() -> str:
    files = metadata.files("country_converter") or []
    for path in files:
        if path.name == "country_data.tsv":
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError("country_converter's country_data.tsv is not installed")


@cache
def subregions() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → M49 sub-region ("Eastern Europe")."""
    rows = csv.DictReader(io.StringIO(_table_text()), delimiter="\t")
    return {row["ISO2"]: row["UNregion"] for row in rows if row["ISO2"] and row["UNregion"]}


def subregion(code: str | None) -> str:
    """The M49 sub-region of a country code, ``UNKNOWN`` ("") for none or an unknown code."""
    return subregions().get((code or "").upper(), UNKNOWN)


def region(code: str | None) -> str:
    """The M49 region (Africa, Americas, Asia, Europe, Oceania) of a country code."""
    return REGION_OF_SUBREGION.get(subregion(code), UNKNOWN)
