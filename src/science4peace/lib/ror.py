"""ROR identifiers: a leading 0, six Crockford base32 characters and a two-digit
ISO 7064 MOD 97-10 checksum of the number those seven characters encode.

See https://ror.readme.io/docs/identifier.
"""

from __future__ import annotations

import re

ROR_URI_PREFIX = "https://ror.org/"
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_SHAPE = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}\d{2}$")


class InvalidRor(ValueError):
    """The text is not a well-formed ROR ID (``reason`` "format") or its checksum is wrong
    (``reason`` "checksum")."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _decode_crockford(text: str) -> int:
    number = 0
    for char in text:
        number = number * 32 + _CROCKFORD.index(char)
    return number


def ror_checksum(prefix: str) -> str:
    """The two checksum digits for the seven-character prefix of a ROR ID."""
    return f"{98 - (_decode_crockford(prefix) * 100) % 97:02d}"


def normalise_ror(text: str) -> str:
    """Return the ROR ID as ``https://ror.org/01ggx4157`` or raise :class:`InvalidRor`."""
    value = text.strip().lower()
    for prefix in (ROR_URI_PREFIX, "http://ror.org/", "ror.org/"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
            break
    if not _SHAPE.match(value):
        raise InvalidRor(
            f"{text!r} is not a ROR ID: expected 9 characters like 01ggx4157", reason="format"
        )
    if ror_checksum(value[:7]) != value[7:]:
        raise InvalidRor(
            f"{text!r} is not a valid ROR ID: its checksum is wrong", reason="checksum"
        )
    return ROR_URI_PREFIX + value


def is_valid_ror(text: str) -> bool:
    try:
        normalise_ror(text)
    except InvalidRor:
        return False
    return True
