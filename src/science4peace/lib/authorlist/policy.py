"""Equal-treatment policies (invariant 2). Every author is treated the same way:

- ``names-only``: no affiliations for anyone;
- ``names-orcid``: names with each author's ORCID iD, no affiliations;
- ``equal-affiliations``: every author with all their affiliations ("also at", "now at", "on
  leave from") and deceased notes.

Under every policy the funding agencies of the list and of every organisation an author
belongs to are acknowledged (the Science4Peace proposal: sign "either only with names, or
else [with] affiliations on an equal basis for all, acknowledging also the support received
from the organizations and funding agencies"). There is no masking policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..orcid import is_valid_orcid
from .model import AFFILIATED, Author, AuthorList, AuthorListError, Organisation
from .order import alphabetical

NAMES_ONLY, NAMES_ORCID, EQUAL_AFFILIATIONS = "names-only", "names-orcid", "equal-affiliations"
POLICIES = (NAMES_ONLY, NAMES_ORCID, EQUAL_AFFILIATIONS)


@dataclass
class Entry:
    author: Author
    orcid: str | None
    affiliations: list[int]  # organisation numbers (1-based), connection "affiliated"
    notes: list[tuple[str, int]]  # (connection, organisation number) for also at, now at...


@dataclass
class Prepared:
    collaboration: str
    policy: str
    entries: list[Entry]
    organisations: list[Organisation]  # numbered by first appearance: index + 1
    funding: list[str] = field(default_factory=list)
    reference: str = ""
    date: str = ""
    # what the renderers compute once for all formats (escaped names, numbered lines)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def organisation(self, number: int) -> Organisation:
        return self.organisations[number - 1]


def check_ids(
    authorlist: AuthorList, *, allow_invalid_ids: bool, valid: set[str] | None = None
) -> list[str]:
    """The authors whose ORCID iD is invalid; an error unless ``allow_invalid_ids``.
    ``valid``: the valid iDs of the list, when already known."""
    if valid is None:
        valid = _valid_orcids(authorlist)
    invalid = [
        f"{a.full_name}: {a.orcid}" for a in authorlist.authors if a.orcid and a.orcid not in valid
    ]
    if invalid and not allow_invalid_ids:
        raise AuthorListError(
            f"{len(invalid)} invalid ORCID iD(s): {'; '.join(invalid[:5])}"
            f"{' …' if len(invalid) > 5 else ''} (use --allow-invalid-ids "
            "to leave them out and continue)"
        )
    return invalid


def _valid_orcids(authorlist: AuthorList) -> set[str]:
    """Each distinct iD checked once."""
    return {o for o in {a.orcid for a in authorlist.authors if a.orcid} if is_valid_orcid(o)}


def prepare(
    authorlist: AuthorList,
    policy: str,
    *,
    alphabetic: bool = True,
    particles: bool = True,
    allow_invalid_ids: bool = False,
) -> Prepared:
    if policy not in POLICIES:
        raise AuthorListError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    authorlist.check()
    valid = _valid_orcids(authorlist)
    check_ids(authorlist, allow_invalid_ids=allow_invalid_ids, valid=valid)
    authors = (
        alphabetical(authorlist.authors, particles=particles)
        if alphabetic
        else list(authorlist.authors)
    )
    numbers: dict[str, int] = {}
    entries = []
    for author in authors:
        orcid = author.orcid if author.orcid in valid else None
        entry = Entry(author, orcid if policy != NAMES_ONLY else None, [], [])
        if policy == EQUAL_AFFILIATIONS:
            for affiliation in author.affiliations:
                number = numbers.setdefault(affiliation.organisation, len(numbers) + 1)
                if affiliation.connection == AFFILIATED:
                    entry.affiliations.append(number)
                else:
                    entry.notes.append((affiliation.connection, number))
        entries.append(entry)
    organisations = [authorlist.organisations[key] for key in numbers]
    return Prepared(
        authorlist.collaboration,
        policy,
        entries,
        organisations,
        acknowledged(authorlist),
        authorlist.reference,
        authorlist.date,
    )


def acknowledged(authorlist: AuthorList) -> list[str]:
    """The funding agencies to acknowledge, whatever the policy: the list's own, then those
    of every organisation some author belongs to, in the list's order, each once."""
    used = {f.organisation for a in authorlist.authors for f in a.affiliations}
    return list(
        dict.fromkeys(
            [
                *authorlist.funding,
                *(
                    agency
                    for key, o in authorlist.organisations.items()
                    if key in used
                    for agency in o.funding
                ),
            ]
        )
    )
