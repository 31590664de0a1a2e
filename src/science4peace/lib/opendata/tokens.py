"""Search words shared by both databases.

The catalog does its own tokenising so that PostgreSQL (``array_to_tsvector`` over our
words) and SQLite (FTS5 over our words, ``unicode61 remove_diacritics 0``) index and match
exactly the same words: lower-case runs of letters and digits, NFKC-normalised, with combining
marks dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_WORD = 64
_WORD = re.compile(r"[^\W_]+")
_MARKS = frozenset({"Mn", "Mc", "Me"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) not in _MARKS)


def words(text: str) -> list[str]:
    """The search words of ``text``, in order (words longer than 64 characters are dropped)."""
    return [w for w in _WORD.findall(normalise(text)) if len(w) <= MAX_WORD and w.isalnum()]


def document(parts: Iterable[str]) -> str:
    """Space-separated words of every part: the stored search document."""
    out: list[str] = []
    for part in parts:
        out.extend(words(part))
    return " ".join(out)


def sort_key(text: str) -> str:
    """A title's sort key: the same byte order on every database (C / BINARY collation)."""
    return " ".join(words(text))[:200]


# A facet value as one search word, so that each database's full-text index matches words and
# facets in one lookup: a two-letter code for the facet, then the value's UTF-8 bytes in hex
# (letters and digits only, lower case: both indexes keep it as it is).
FACET_CODES = {
    "experiment": "fe",
    "type": "ft",
    "year": "fy",
    "energy": "fn",
    "collision": "fc",
    "format": "ff",
    "availability": "fa",
}
_FACET_OF_CODE = {code: name for name, code in FACET_CODES.items()}


def facet_token(facet: str, value: str) -> str:
    return FACET_CODES[facet] + value.encode("utf-8").hex()


def facet_of_token(token: str) -> tuple[str, str] | None:
    """``(facet, value)`` of a facet word; ``None`` for anything else."""
    name = _FACET_OF_CODE.get(token[:2])
    if name is None:
        return None
    try:
        return name, bytes.fromhex(token[2:]).decode("utf-8")
    except ValueError:
        return None


def facet_document(facets: Iterable[tuple[str, str]]) -> str:
    """The facet words of a record, space-separated and padded with a space at each end (so
    that `` word `` finds a whole word); facets without a code (``all``) are left out."""
    found = sorted({facet_token(f, v) for f, v in facets if f in FACET_CODES})
    return f" {' '.join(found)} " if found else ""
