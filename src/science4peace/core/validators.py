"""Validators shared by every app's models, forms and domain checks."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from science4peace.lib.textsafety import describe, first_control
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


def validate_one_line(value: str) -> None:
    """Names, titles, institution names and addresses, reasons and notes: no control
    character, line break or bidirectional override (``lib.textsafety`` lists them)."""
    char = first_control(value or "")
    if char is not None:
        raise ValidationError(
            _("Remove the control character %(char)s: this text must be one line of text."),
            params={"char": describe(char)},
            code="control",
        )


def validate_text(value: str) -> None:
    """Descriptions, abstracts and messages: line breaks and tabs allowed, other control
    characters refused."""
    char = first_control(value or "", multiline=True)
    if char is not None:
        raise ValidationError(
            _("Remove the control character %(char)s."),
            params={"char": describe(char)},
            code="control",
        )


def text_limit(limit: int) -> list[Callable[[str], None]]:
    """The validators of a multi-line free text of at most ``limit`` characters (a model
    ``TextField``'s ``max_length`` is not checked by ``full_clean``; this is)."""
    return [MaxLengthValidator(limit), validate_text]


# The longest multi-line free texts, in characters (docs/formats.md, "Length limits"). The
# one-line texts have their limit as the model field's max_length.
TEXT_LIMITS = {
    "DESCRIPTION": 20_000,  # an event's or a collaboration's description (Markdown)
    "ABSTRACT": 10_000,  # a contribution's abstract (Markdown)
    "CONSENT": 5_000,  # an event's consent text
    "MOTIVATION": 2_000,  # a registration's motivation
    "PLEDGE": 20_000,  # a version of the civil-use pledge
    # a catalog record as published, as an administrator may correct it: one-line titles;
    # the longest abstract among the demo records (CERN Open Data) has 19,791 characters
    "RECORD_TITLE": 1_000,
    "RECORD_ABSTRACT": 50_000,
}
