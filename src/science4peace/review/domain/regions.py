"""The names of the UN geoscheme's (M49) regions and sub-regions in the interface's language,
for the audit's tables; the keys stay the English names of ``lib/geoscheme.py`` (the API's
``key``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NAMES = {
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
    "Antarctica": _("Antarctica"),
    "Northern Africa": _("Northern Africa"),
    "Eastern Africa": _("Eastern Africa"),
    "Middle Africa": _("Middle Africa"),
    "Southern Africa": _("Southern Africa"),
    "Western Africa": _("Western Africa"),
    "Caribbean": _("Caribbean"),
    "Central America": _("Central America"),
    "South America": _("South America"),
    "Northern America": _("Northern America"),
    "Central Asia": _("Central Asia"),
    "Eastern Asia": _("Eastern Asia"),
    "South-eastern Asia": _("South-eastern Asia"),
    "Southern Asia": _("Southern Asia"),
    "Western Asia": _("Western Asia"),
    "Eastern Europe": _("Eastern Europe"),
    "Northern Europe": _("Northern Europe"),
    "Southern Europe": _("Southern Europe"),
    "Western Europe": _("Western Europe"),
    "Australia and New Zealand": _("Australia and New Zealand"),
    "Melanesia": _("Melanesia"),
    "Micronesia": _("Micronesia"),
    "Polynesia": _("Polynesia"),
}


def labels() -> dict[str, str]:
    """Each region's and sub-region's name in the active language."""
    return {key: str(name) for key, name in NAMES.items()}
