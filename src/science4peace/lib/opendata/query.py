"""The catalog's search syntax, parsed into terms both databases can run.

Syntax: words must all occur (AND); ``"several words"`` must occur together in that order;
``word*`` matches words starting so; ``-word`` (or ``-"a phrase"``) excludes. Everything
else (operators, brackets, quotes left open, control characters) separates words and is
otherwise ignored, so any text is a valid query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tokens import words

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
MIN_PREFIX = 2


class QueryError(ValueError):
    """The query cannot be run (too long, too many terms)."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Query:
    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.include and not self.exclude


_PIECE = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def parse(text: str) -> Query:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query has {len(text)} characters; the limit is {MAX_QUERY_CHARS}")
    include: list[Term] = []
    exclude: list[Term] = []
    for match in _PIECE.finditer(text.replace("\x00", " ")):
        quoted_neg, quoted, neg, bare = match.groups()
        negative = bool(quoted_neg or neg)
        prefix = False
        if quoted is not None:
            found = words(quoted)
        else:
            prefix = bare.endswith("*")
            found = words(bare)
            if prefix and (len(found) != 1 or len(found[0]) < MIN_PREFIX):
                prefix = False
        if not found:
            continue
        term = Term(tuple(found), prefix)
        target = exclude if negative else include
        if term not in target:
            target.append(term)
    if len(include) + len(exclude) > MAX_TERMS:
        raise QueryError(
            f"the query has {len(include) + len(exclude)} terms; the limit is {MAX_TERMS}"
        )
    return Query(tuple(include), tuple(exclude))


def fts5_match(terms: tuple[Term, ...]) -> str:
    """An SQLite FTS5 MATCH expression requiring every term's words (phrases checked apart)."""
    parts = []
    for term in terms:
        for i, word in enumerate(term.words):
            star = "*" if term.prefix and i == len(term.words) - 1 else ""
            parts.append(f'"{word}"{star}')
    return " AND ".join(parts)


def tsquery(terms: tuple[Term, ...]) -> str:
    """A PostgreSQL tsquery (cast with ``::tsquery``, not parsed) requiring every term's words."""
    parts = []
    for term in terms:
        for i, word in enumerate(term.words):
            star = ":*" if term.prefix and i == len(term.words) - 1 else ""
            parts.append(f"'{word}'{star}")
    return " & ".join(parts)


def needle(term: Term) -> str:
    """What the space-padded document must contain for the term (a whole word or phrase)."""
    tail = "" if term.prefix else " "
    return " " + " ".join(term.words) + tail
