"""Identifier checks for forms, API and domain: lib's exact checks, translated messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from science4peace.lib.orcid import InvalidOrcid, normalise_orcid
from science4peace.lib.ror import InvalidRor, normalise_ror


def clean_orcid(value: str) -> str:
    """The normalised ORCID iD, or a ValidationError saying what is wrong with it."""
    try:
        return normalise_orcid(value)
    except InvalidOrcid as exc:
        if exc.reason == "checksum":
            message = _("%(value)s is not a valid ORCID iD: its check digit is wrong.")
        else:
            message = _(
                "%(value)s is not an ORCID iD: expected 16 characters like 0000-0002-1825-0097."
            )
        raise ValidationError(message % {"value": value}, code=f"orcid-{exc.reason}") from exc


def clean_ror(value: str) -> str:
    """The ROR ID as ``https://ror.org/...``, or a ValidationError saying what is wrong."""
    try:
        return normalise_ror(value)
    except InvalidRor as exc:
        if exc.reason == "checksum":
            message = _("%(value)s is not a valid ROR ID: its checksum is wrong.")
        else:
            message = _("%(value)s is not a ROR ID: expected 9 characters like 01ggx4157.")
        raise ValidationError(message % {"value": value}, code=f"ror-{exc.reason}") from exc
