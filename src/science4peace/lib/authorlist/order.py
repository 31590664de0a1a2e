"""Alphabetical order of authors by the Unicode Collation Algorithm (pyuca): "Åkesson" among
the A's, "Al Khoury" before "Alberghi". Particles ("van der", "de") count or not, as the
collaboration sets. Sorting is stable: equal keys keep the input order."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

import pyuca

from .model import Author

PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "des",
        "le",
        "la",
        "ten",
        "ter",
        "zu",
        "zum",
        "y",
        "d'",
        "d’",
    }
)


@cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


def without_particles(family: str) -> str:
    words = family.split()
    while len(words) > 1 and words[0].casefold() in PARTICLES:
        words = words[1:]
    return " ".join(words)


# The weights of one character, by level, and the characters that continue a contraction
# starting with it (None when there are none: "l" has "l·", most letters have none). A text
# whose every character is looked up alone (no contraction continues, no combining mark
# follows a character that starts one) has as collation elements the concatenation of its
# characters' ones; pyuca computes the key of any other text.
_Weights = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], frozenset[str] | None]
_WEIGHTS: dict[str, _Weights | None] = {}


def _weights(char: str) -> _Weights | None:
    node: Any = _collator().table.root.children.get(ord(char))
    if node is None or not node.value:
        return None  # implicit weights: pyuca's own way
    elements = node.value
    return (
        tuple(e[0] for e in elements if e[0]),
        tuple(e[1] for e in elements if len(e) > 1 and e[1]),
        tuple(e[2] for e in elements if len(e) > 2 and e[2]),
        frozenset(map(chr, node.children)) if node.children else None,
    )


@lru_cache(maxsize=131072)
def _collation_key(text: str) -> tuple[int, ...]:
    """pyuca's sort key of the case-folded text, the same tuple (a test compares them),
    several times faster for the texts of author lists."""
    folded = text.casefold()
    chars = unicodedata.normalize("NFD", folded)
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    last = len(chars) - 1
    for index, char in enumerate(chars):
        try:
            weights = _WEIGHTS[char]
        except KeyError:
            weights = _WEIGHTS[char] = _weights(char)
        if weights is None:
            return tuple(_collator().sort_key(folded))
        continuations = weights[3]
        if continuations is not None and index < last:
            following = chars[index + 1]
            if following in continuations or unicodedata.combining(following):
                return tuple(_collator().sort_key(folded))
        primary += weights[0]
        secondary += weights[1]
        tertiary += weights[2]
    return (*primary, 0, *secondary, 0, *tertiary, 0)


def sort_key(author: Author, *, particles: bool = True) -> tuple[tuple[int, ...], ...]:
    family = author.family if particles else without_particles(author.family)
    return (_collation_key(family), _collation_key(author.given))


def alphabetical(authors: list[Author], *, particles: bool = True) -> list[Author]:
    """``particles=False`` sorts "van der Berg" under B."""
    key = _collation_key  # sort_key's keys, without a call of it for each author
    if particles:
        keys = [(key(a.family), key(a.given)) for a in authors]
    else:
        keys = [(key(without_particles(a.family)), key(a.given)) for a in authors]
    return [authors[index] for index in sorted(range(len(authors)), key=keys.__getitem__)]
