"""Countries: every ISO 3166-1 entry (plus Kosovo, XK) with its United Nations status, and
a resolver from the country names found at the end of free-text addresses.

Country is only ever a property of an institution or of a location (invariant 1); nothing
here is about people.
"""

from __future__ import annotations

import csv
import gettext
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry

MEMBER, OBSERVER, NON_MEMBER = "member", "observer", "none"

# Names in common use in scientific addresses that pycountry does not list as such.
_ALIASES = {
    "usa": "US",
    "u.s.a.": "US",
    "united states": "US",
    "us": "US",
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "russia": "RU",
    "russian federation": "RU",
    "czech republic": "CZ",
    "czechia": "CZ",
    "slovak republic": "SK",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "iran": "IR",
    "korea": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "taiwan": "TW",
    "vietnam": "VN",
    "viet nam": "VN",
    "palestine": "PS",
    "state of palestine": "PS",
    "kosovo": "XK",
    "syria": "SY",
    "laos": "LA",
    "moldova": "MD",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "macedonia": "MK",
    "north macedonia": "MK",
    "cape verde": "CV",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "brunei": "BN",
    "swaziland": "SZ",
    "holy see": "VA",
    "vatican": "VA",
    "the netherlands": "NL",
    "holland": "NL",
    "p.r. china": "CN",
    "pr china": "CN",
    "people's republic of china": "CN",
    "hong kong": "HK",
    "hong kong sar": "HK",
    "hong kong china": "HK",
    "macau": "MO",
}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    un_status: str
    iso_name: str = ""


@cache
def _non_members() -> dict[str, str]:
    text = resources.files("science4peace.lib").joinpath("data/un_status.csv").read_text()
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["alpha2"]: row["status"] for row in rows}


@cache
def all_countries() -> tuple[Country, ...]:
    """Every country, sorted by code; UN members are those not listed in ``un_status.csv``."""
    status = _non_members()
    found = [
        Country(c.alpha_2, getattr(c, "common_name", c.name), status.get(c.alpha_2, MEMBER), c.name)
        for c in pycountry.countries
    ]
    if not any(c.code == "XK" for c in found):
        found.append(Country("XK", "Kosovo", status["XK"], "Kosovo"))
    return tuple(sorted(found, key=lambda c: c.code))


@cache
def _by_code() -> dict[str, Country]:
    return {country.code: country for country in all_countries()}


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def localized_country_name(code: str, language: str) -> str:
    """The country's name in ``language`` (pycountry's ISO 3166 translations), falling back
    to English where there is no translation."""
    country = _by_code().get(code)
    if country is None:
        return code
    catalogue = _catalogue(language.split("-")[0])
    for name in (country.name, country.iso_name):
        translated = catalogue.gettext(name)
        if translated != name:
            return translated
    return country.name


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("(", " ").replace(")", " ").split())


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(entry, attr, None)
            if value:
                index[_fold(value)] = entry.alpha_2
        index[_fold(entry.alpha_3)] = entry.alpha_2
    index.update({_fold(name): code for name, code in _ALIASES.items()})
    return index


def country_code_for_name(name: str) -> str | None:
    """The ISO alpha-2 code for a country name ("Russia", "United States of America")."""
    return _name_index().get(_fold(name.strip(" .;")))


def country_code(text: str) -> str | None:
    """The ISO alpha-2 code for a country's name or its alpha-2 or alpha-3 code."""
    code = text.strip().upper()
    if len(code) == 2 and code in _by_code():
        return code
    return country_code_for_name(text)


def country_code_from_address(address: str) -> str | None:
    """The country of a free-text address: its last comma-separated part that names one.

    An address that names several places ("Geneva, Switzerland; Meyrin, France") is taken
    at its first, the institution's seat.
    """
    first = address.split(";")[0]
    for part in reversed(first.split(",")):
        code = country_code_for_name(part) or _country_after_postcode(part)
        if code:
            return code
    return None


def _country_after_postcode(part: str) -> str | None:
    """ "050026 Colombia", "MS 38677 USA", "141980 RU": the words after the last number."""
    words = part.split()
    digits = [i for i, word in enumerate(words) if any(ch.isdigit() for ch in word)]
    if not digits or digits[-1] == len(words) - 1:
        return None
    tail = " ".join(words[digits[-1] + 1 :])
    if len(tail) == 2 and tail.isupper() and pycountry.countries.get(alpha_2=tail):
        return tail
    return country_code_for_name(tail)
