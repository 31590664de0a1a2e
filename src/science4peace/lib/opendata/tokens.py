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
