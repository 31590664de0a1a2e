"""Finding each other by science alone: people and projects described by terms (arXiv subject
classes, free keywords, skills, open-data experiments), matched through an inverted index.

A suggestion's score is the sum, over the terms both sides share, of the term's weight times
its inverse document frequency among the candidates, so a rare shared keyword counts for more
than a shared "hep-ph". Only terms are read: nothing here knows a country, an institution or a
place (invariant 1). Plain values in and out; no framework.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from science4peace.lib.textsafety import describe, first_control

SUBJECT = "subject"
KEYWORD = "keyword"
SKILL = "skill"
EXPERIMENT = "experiment"
KINDS = (SUBJECT, KEYWORD, SKILL, EXPERIMENT)
# A shared keyword or experiment says more about a common interest than a shared broad class.
WEIGHTS = {SUBJECT: 1.0, KEYWORD: 1.5, SKILL: 1.0, EXPERIMENT: 1.5}
MAX_VALUE = 60
MAX_TERMS = 40

# arXiv subject classes of physics and of the statistics and computing that physics uses,
# with arXiv's own names (https://arxiv.org/category_taxonomy).
ARXIV_CLASSES: dict[str, str] = {
    "astro-ph.CO": "Cosmology and Nongalactic Astrophysics",
    "astro-ph.EP": "Earth and Planetary Astrophysics",
    "astro-ph.GA": "Astrophysics of Galaxies",
    "astro-ph.HE": "High Energy Astrophysical Phenomena",
    "astro-ph.IM": "Instrumentation and Methods for Astrophysics",
    "astro-ph.SR": "Solar and Stellar Astrophysics",
    "cond-mat.stat-mech": "Statistical Mechanics",
    "cond-mat.str-el": "Strongly Correlated Electrons",
    "cond-mat.supr-con": "Superconductivity",
    "cs.DC": "Distributed, Parallel, and Cluster Computing",
    "cs.LG": "Machine Learning",
    "gr-qc": "General Relativity and Quantum Cosmology",
    "hep-ex": "High Energy Physics - Experiment",
    "hep-lat": "High Energy Physics - Lattice",
    "hep-ph": "High Energy Physics - Phenomenology",
    "hep-th": "High Energy Physics - Theory",
    "math-ph": "Mathematical Physics",
    "nucl-ex": "Nuclear Experiment",
    "nucl-th": "Nuclear Theory",
    "physics.acc-ph": "Accelerator Physics",
    "physics.comp-ph": "Computational Physics",
    "physics.data-an": "Data Analysis, Statistics and Probability",
    "physics.ed-ph": "Physics Education",
    "physics.hist-ph": "History and Philosophy of Physics",
    "physics.ins-det": "Instrumentation and Detectors",
    "physics.med-ph": "Medical Physics",
    "physics.soc-ph": "Physics and Society",
    "quant-ph": "Quantum Physics",
    "stat.AP": "Statistics - Applications",
    "stat.CO": "Statistics - Computation",
    "stat.ML": "Statistics - Machine Learning",
}
_CLASS_BY_FOLDED = {code.casefold(): code for code in ARXIV_CLASSES}
_SEPARATORS = re.compile(r"[,;\n]+")
_SPACES = re.compile(r"\s+")


class TermError(ValueError):
    """A value that cannot be a term; the message names it."""


@dataclass(frozen=True, order=True)
class Term:
    kind: str
    value: str

    @property
    def key(self) -> str:
        """The stored form, ``kind:value``; the inverted index is keyed by it."""
        return f"{self.kind}:{self.value}"

    @classmethod
    def from_key(cls, key: str) -> Term:
        kind, _, value = key.partition(":")
        if kind not in KINDS or not value:
            raise TermError(f"not a term: {key!r}")
        return cls(kind, value)


def normalise(kind: str, raw: str) -> str:
    """The canonical value of one term of ``kind``; TermError names what is wrong."""
    value = _SPACES.sub(" ", raw).strip()
    if kind not in KINDS:
        raise TermError(f"unknown kind of term: {kind!r}")
    if not value:
        raise TermError("empty term")
    control = first_control(value)
    if control is not None:
        raise TermError(f"a term may not contain the control character {describe(control)}")
    if len(value) > MAX_VALUE:
        raise TermError(f"{value[:MAX_VALUE]}… is longer than {MAX_VALUE} characters")
    if kind == SUBJECT:
        code = _CLASS_BY_FOLDED.get(value.casefold())
        if code is None:
            raise TermError(f"{value!r} is not an arXiv subject class this platform knows")
        return code
    if kind == EXPERIMENT:
        return value
    return value.casefold()


def terms_of(kind: str, values: Iterable[str]) -> list[Term]:
    """Normalised, de-duplicated terms in the order given; TermError at the first bad one."""
    seen: dict[str, Term] = {}
    for raw in values:
        value = normalise(kind, raw)
        seen.setdefault(value.casefold(), Term(kind, value))
    if len(seen) > MAX_TERMS:
        raise TermError(f"at most {MAX_TERMS} terms of each kind")
    return list(seen.values())


def split(text: str) -> list[str]:
    """A typed list ("jets, ROOT; unfolding") as its items."""
    return [item for item in (part.strip() for part in _SEPARATORS.split(text or "")) if item]


@dataclass(frozen=True)
class Profile:
    """A person or a project as the matcher sees it: a key and a set of terms. Nothing else."""

    key: int
    terms: frozenset[Term]


@dataclass(frozen=True)
class Suggestion:
    key: int
    score: float
    reasons: tuple[Term, ...]


def idf(document_frequency: int, total: int) -> float:
    return math.log(1.0 + total / max(document_frequency, 1))


def weights(
    query: Collection[Term], document_frequency: Mapping[Term, int], total: int
) -> dict[Term, int]:
    """Each query term's weight in thousandths: its kind's weight times its inverse document
    frequency among the ``total`` candidates. Integers, so that a sum is exact whichever
    order a database adds them in, and equal scores tie exactly."""
    return {
        term: round(1000 * WEIGHTS[term.kind] * idf(document_frequency.get(term, 0), total))
        for term in sorted(set(query))
    }


def explain(key: int, score: int, shared: Iterable[Term], weight: Mapping[Term, int]) -> Suggestion:
    """A suggestion from its summed weight and the terms it shares, strongest reason first."""
    reasons = sorted(shared, key=lambda t: (-weight[t], t.kind, t.value))
    return Suggestion(key, score / 1000, tuple(reasons))


def rank(
    query: Collection[Term],
    postings: Mapping[Term, Collection[int]],
    total: int,
    *,
    limit: int = 10,
    exclude: Collection[int] = (),
) -> list[Suggestion]:
    """The best ``limit`` candidates for ``query``.

    ``postings`` maps each query term to the candidates that hold it (the inverted index's
    lists for those terms only); ``total`` is the number of candidates, for the inverse
    document frequency. Ties go to the smaller key, so the order is fully determined.
    """
    weight = weights(query, {t: len(postings.get(t, ())) for t in query}, total)
    scores: dict[int, int] = defaultdict(int)
    shared: dict[int, list[Term]] = defaultdict(list)
    excluded = set(exclude)
    for term, value in weight.items():
        for key in postings.get(term, ()):
            if key in excluded:
                continue
            scores[key] += value
            shared[key].append(term)
    best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
    return [explain(key, score, shared[key], weight) for key, score in best]


@dataclass
class InvertedIndex:
    """Term → keys, built once from profiles; a query reads only its own terms' lists."""

    lists: dict[Term, list[int]] = field(default_factory=dict)
    total: int = 0

    @classmethod
    def build(cls, profiles: Iterable[Profile]) -> InvertedIndex:
        lists: dict[Term, list[int]] = defaultdict(list)
        total = 0
        for profile in profiles:
            total += 1
            for term in profile.terms:
                lists[term].append(profile.key)
        return cls(dict(lists), total)

    def suggest(
        self, query: Collection[Term], *, limit: int = 10, exclude: Collection[int] = ()
    ) -> list[Suggestion]:
        postings = {term: self.lists.get(term, []) for term in query}
        return rank(query, postings, self.total, limit=limit, exclude=exclude)
