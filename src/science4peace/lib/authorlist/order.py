"""Alphabetical order of authors by the Unicode Collation Algorithm (pyuca): "Åkesson" among
the A's, "Al Khoury" before "Alberghi". Particles ("van der", "de") count or not, as the
collaboration sets. Sorting is stable: equal keys keep the input order."""

from __future__ import annotations

from functools import cache, lru_cache

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


@lru_cache(maxsize=131072)
def _collation_key(text: str) -> tuple[int, ...]:
    return tuple(_collator().sort_key(text.casefold()))


def sort_key(author: Author, *, particles: bool = True) -> tuple[tuple[int, ...], ...]:
    family = author.family if particles else without_particles(author.family)
    return (_collation_key(family), _collation_key(author.given))


def alphabetical(authors: list[Author], *, particles: bool = True) -> list[Author]:
    """``particles=False`` sorts "van der Berg" under B."""
    return sorted(authors, key=lambda a: sort_key(a, particles=particles))
