"""Cleaning the text found in real author lists: LaTeX accents, double-encoded UTF-8,
typographic apostrophes, thin and no-break spaces. Every change is reported."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_SPACES = re.compile("[\u00a0\u2009\u202f\u2007\u200a]")


@cache
def _latex() -> Any:
    """pylatexenc's decoder, built on first use (loading it costs the web server's start)."""
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim")


# Accent macros and the combining marks they stand for (the LaTeX 2e text accents).
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
_ACCENT = re.compile(
    r"\\([\"'`^~=.]|[uvHckr](?=[{\s]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))"
)


def _accent(match: re.Match[str]) -> str:
    letter = match.group(2) or match.group(3)
    base = {"\\i": "i", "\\j": "j"}.get(letter, letter)  # an accent on a dotless i is í
    return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])


# Letters written as macros, braced ("{\\o}", "\\o{}": no space for the macro to swallow),
# and the characters pylatexenc gives them.
_LETTERS = {
    "AA": "\u00c5",
    "aa": "\u00e5",
    "AE": "\u00c6",
    "ae": "\u00e6",
    "OE": "\u0152",
    "oe": "\u0153",
    "ss": "\u00df",
    "O": "\u00d8",
    "o": "\u00f8",
    "L": "\u0141",
    "l": "\u0142",
}
_LETTER = re.compile(r"\{\\(AA|aa|AE|ae|OE|oe|ss|O|o|L|l)\}|\\(AA|aa|AE|ae|OE|oe|ss|O|o|L|l)\{\}")
_GROUP = re.compile(r"\{([^\\{}]*)\}")  # a group of plain text: pylatexenc writes its text
# What only pylatexenc reads: macros, groups left, comments, math, alignment, and the
# character pairs it writes as dashes, quotes and inverted marks.
_PYLATEXENC_ONLY = re.compile(r"[\\{}%$&#]|--|``|''|!`|\?`")


def _letter(match: re.Match[str]) -> str:
    return _LETTERS[match.group(1) or match.group(2)]


def latex_to_text(text: str) -> str:
    """Unicode for LaTeX text. Accented letters and braced letter macros (by far the most
    common cases in author lists), in groups or not, are decoded here; anything else goes
    to pylatexenc, which is much slower. (A tie, "~", becomes a space, where pylatexenc
    writes a no-break space: ``clean`` makes both a space.)"""
    simple = _ACCENT.sub(_accent, text).replace("~", " ")
    if "\\" not in simple and "{" not in simple and "}" not in simple:
        return simple
    grouped = _GROUP.sub(r"\1", _LETTER.sub(_letter, simple))
    if not _PYLATEXENC_ONLY.search(grouped):
        return grouped
    decoded: str = _latex().latex_to_text(text)
    return decoded


def clean(value: str | None, warnings: list[str] | None = None, where: str = "") -> str:
    if not value:
        return ""
    if value.isascii() and "\\" not in value and "~" not in value:
        return " ".join(value.split())  # nothing to decode or repair
    text = value
    if "\\" in text or "~" in text:
        text = latex_to_text(text)  # LaTeX markup: decoded, not a repair
    decoded = " ".join(text.split())
    text = _SPACES.sub(" ", text)
    import ftfy  # a quarter of a second to load: only when a text needs repair

    fixed = ftfy.fix_text(text, uncurl_quotes=False)
    fixed = fixed.replace("\u2018", "\u2019")  # a left quote used as an apostrophe
    fixed = " ".join(fixed.split())
    if warnings is not None and fixed != decoded:
        warnings.append(f"{where}: {decoded!r} read as {fixed!r}")
    return fixed
