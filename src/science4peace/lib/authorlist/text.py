"""Cleaning the text found in real author lists: LaTeX accents, double-encoded UTF-8,
typographic apostrophes, thin and no-break spaces. Every change is reported."""

from __future__ import annotations

import re

import ftfy
from pylatexenc.latex2text import LatexNodes2Text

_SPACES = re.compile("[\u00a0\u2009\u202f\u2007\u200a]")
_LATEX = LatexNodes2Text(math_mode="verbatim")


def clean(value: str | None, warnings: list[str] | None = None, where: str = "") -> str:
    if not value:
        return ""
    if value.isascii() and "\\" not in value and "~" not in value:
        return " ".join(value.split())  # nothing to decode or repair
    text = value
    if "\\" in text or "~" in text:
        text = _LATEX.latex_to_text(text)  # LaTeX markup: decoded, not a repair
    decoded = " ".join(text.split())
    text = _SPACES.sub(" ", text)
    fixed = ftfy.fix_text(text, uncurl_quotes=False)
    fixed = fixed.replace("\u2018", "\u2019")  # a left quote used as an apostrophe
    fixed = " ".join(fixed.split())
    if warnings is not None and fixed != decoded:
        warnings.append(f"{where}: {decoded!r} read as {fixed!r}")
    return fixed
