"""Validators shared by every app's models, forms and domain checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from science4peace.lib.timezones import is_zone


def validate_zone(value: str) -> None:
    """An IANA time zone name (invariant 4): the one check for events, registrations and
    profiles."""
    if not is_zone(value):
        raise ValidationError(
            _("Unknown time zone %(zone)s; use an IANA name like Europe/Zurich."),
            params={"zone": value},
            code="timezone",
        )
