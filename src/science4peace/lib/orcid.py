"""ORCID iDs: normalisation and the ISO 7064 MOD 11-2 check digit.

An ORCID iD is 16 characters, 15 digits and a check character (0-9 or X), written in four
groups of four. See https://support.orcid.org/hc/en-us/articles/360006897674.
"""

from __future__ import annotations

import operator
import re

_BARE = re.compile(r"^\d{15}[\dX]$")
# The written form, as most lists give it: nothing to strip, unprefix or upper-case.
_CANONICAL = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_PREFIXES = ("https://orcid.org/", "http://orcid.org/", "orcid.org/")


class InvalidOrcid(ValueError):
    """The text is not a well-formed ORCID iD (``reason`` "format") or its check digit is
    wrong (``reason`` "checksum")."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


# MOD 11-2 doubles the running sum after adding each digit: digit i of 15 counts 2^(15 - i).
_POWERS = tuple(2 ** (15 - i) for i in range(15))


def check_digit(base_digits: str) -> str:
    """The MOD 11-2 check character for the first 15 digits of an iD."""
    if base_digits.isascii() and base_digits.isdigit():  # nearly always: one int() call
        # 13 is 2 modulo 11: the digits read in base 13 are, modulo 11, the sum of each
        # digit times 2 to the power of its place, half the sum above
        total = 2 * int(base_digits, 13)
    else:  # other scripts' digits, which the patterns' \d accepts too
        total = sum(map(operator.mul, map(int, base_digits), _POWERS))
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(text: str) -> str:
    """Return the iD as ``0000-0002-1825-0097`` or raise :class:`InvalidOrcid`.

    Accepts the bare form, the hyphenated form and the ``https://orcid.org/`` URI, with a
    lower-case ``x`` as check character.
    """
    if _CANONICAL.fullmatch(text):  # the same result as below, without the rewriting
        if check_digit(text[0:4] + text[5:9] + text[10:14] + text[15:18]) != text[18]:
            raise InvalidOrcid(
                f"{text!r} is not a valid ORCID iD: its check digit is wrong", reason="checksum"
            )
        return text
    value = text.strip()
    lower = value.lower()
    for prefix in _PREFIXES:
        if lower.startswith(prefix):
            value = value[len(prefix) :]
            break
    bare = value.replace("-", "").upper()
    if not _BARE.match(bare):
        raise InvalidOrcid(
            f"{text!r} is not an ORCID iD: expected 16 characters like 0000-0002-1825-0097",
            reason="format",
        )
    if check_digit(bare[:15]) != bare[15]:
        raise InvalidOrcid(
            f"{text!r} is not a valid ORCID iD: its check digit is wrong", reason="checksum"
        )
    return "-".join(bare[i : i + 4] for i in range(0, 16, 4))


def is_valid_orcid(text: str) -> bool:
    try:
        normalise_orcid(text)
    except InvalidOrcid:
        return False
    return True
