"""Audit of any author list: is every author treated the same way?

It tells a mask from a gap. A **masked** affiliation is printed in place of the real one:
the LHC placeholder wordings ("Authors affiliated with an institute formerly covered by a
cooperation agreement with CERN", "an institute covered by a cooperation agreement with
CERN"), "Unlisted", "Affiliation withheld", and an organisation shared by many authors that
alone lacks an address or a country where the others have them. A **missing** affiliation
is a gap in the record: some authors have none at all while the others have one (the CMS
2012 open-data list has five). Both are reported; only masking makes the verdict "not equal
treatment". The verdict "equal treatment" needs authors actually read: an empty list has no
verdict but "no authors". ORCID coverage and invalid iDs are reported too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..orcid import is_valid_orcid
from .model import AuthorList, Organisation

PLACEHOLDERS = re.compile(
    r"covered by a cooperation agreement with CERN|formerly covered by a cooperation agreement"
    r"|^\s*unlisted\s*$|^\s*affiliation (withheld|not given)\s*$",
    re.IGNORECASE,
)
SHARED_BY = 10  # an organisation of at least this many authors...
MOSTLY_ADDRESSED = 0.8  # ...in a list where this share of organisations has an address


@dataclass
class Audit:
    collaboration: str
    authors: int
    organisations: int
    without_affiliation: list[str]
    masked: dict[str, list[str]]  # organisation name -> authors
    orcid_count: int
    invalid_orcids: list[str]
    equal_treatment: bool
    evidence: list[str] = field(default_factory=list)  # of masking
    gaps: list[str] = field(default_factory=list)  # of data missing, not masked

    @property
    def verdict(self) -> str:
        if not self.authors:
            return "no authors: nothing to judge"
        if not self.equal_treatment:
            return "not equal treatment"
        return "equal treatment, with a gap in the data" if self.gaps else "equal treatment"

    @property
    def masked_authors(self) -> int:
        return len({a for names in self.masked.values() for a in names})

    @property
    def orcid_coverage(self) -> float:
        return self.orcid_count / self.authors if self.authors else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "collaboration": self.collaboration,
            "authors": self.authors,
            "organisations": self.organisations,
            "authors_without_affiliation": len(self.without_affiliation),
            "masked_authors": self.masked_authors,
            "masked_organisations": {k: len(v) for k, v in self.masked.items()},
            "orcid_coverage": round(self.orcid_coverage, 4),
            "invalid_orcids": self.invalid_orcids,
            "equal_treatment": self.equal_treatment,
            "verdict": self.verdict,
            "evidence": self.evidence,
            "gaps": self.gaps,
        }


def _suspicious(organisations: dict[str, Organisation], users: dict[str, list[str]]) -> set[str]:
    """Organisations whose wording masks an affiliation, or that alone have no address or
    country in a list whose other organisations have them."""
    masked = {
        key
        for key, o in organisations.items()
        if PLACEHOLDERS.search(o.name) or PLACEHOLDERS.search(o.address)
    }
    addressed = [o for o in organisations.values() if o.address and o.country]
    if organisations and len(addressed) / len(organisations) >= MOSTLY_ADDRESSED:
        masked |= {
            key
            for key, o in organisations.items()
            if (not o.address or not o.country) and len(users.get(key, [])) >= SHARED_BY
        }
    return masked


def audit(authorlist: AuthorList) -> Audit:
    users: dict[str, list[str]] = {}
    for author in authorlist.authors:
        for affiliation in author.affiliations:
            users.setdefault(affiliation.organisation, []).append(author.full_name)
    masked_keys = _suspicious(authorlist.organisations, users)
    masked = {authorlist.organisations[k].name: users.get(k, []) for k in sorted(masked_keys)}
    without = [a.full_name for a in authorlist.authors if not a.affiliations]
    with_orcid = [a for a in authorlist.authors if a.orcid]
    invalid = [f"{a.full_name}: {a.orcid}" for a in with_orcid if not is_valid_orcid(a.orcid or "")]
    evidence = []
    masked_count = len({a for names in masked.values() for a in names})
    if masked_count:
        evidence.append(
            f"{masked_count} of {len(authorlist.authors)} authors have a masked "
            f"affiliation: "
            + "; ".join(f"{name!r} ({len(names)} authors)" for name, names in masked.items())
        )
    gaps = []
    if without and len(without) < len(authorlist.authors):
        gaps.append(
            f"{len(without)} of {len(authorlist.authors)} authors have no affiliation in the "
            f"record while the others have one (missing, not masked): "
            f"{', '.join(without[:5])}{' …' if len(without) > 5 else ''}"
        )
    return Audit(
        authorlist.collaboration,
        len(authorlist.authors),
        len(authorlist.organisations),
        without,
        masked,
        len(with_orcid),
        invalid,
        bool(authorlist.authors) and not evidence,
        evidence,
        gaps,
    )


def report(result: Audit) -> str:
    lines = [
        f"collaboration: {result.collaboration or '(not named)'}",
        f"authors: {result.authors}",
        f"organisations: {result.organisations}",
        f"authors with a masked affiliation: {result.masked_authors}",
        f"authors with no affiliation in the record: {len(result.without_affiliation)}",
        f"ORCID coverage: {result.orcid_count} of {result.authors} "
        f"({result.orcid_coverage:.1%}), invalid: {len(result.invalid_orcids)}",
    ]
    lines += [f"  invalid ORCID {item}" for item in result.invalid_orcids[:20]]
    lines.append(f"verdict: {result.verdict}")
    lines += [f"  masking: {item}" for item in result.evidence]
    lines += [f"  gap: {item}" for item in result.gaps]
    return "\n".join(lines) + "\n"
