"""Audit of any author list: is every author treated the same way?

Reports counts, authors without an affiliation, masked affiliations (the LHC placeholder
wordings, "Unlisted", and an organisation shared by many authors that alone lacks an address
or a country where the others have them), ORCID coverage and invalid iDs, and a verdict with
its evidence."""

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
    evidence: list[str] = field(default_factory=list)

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
            "evidence": self.evidence,
        }


def _suspicious(organisations: dict[str, Organisation], users: dict[str, list[str]]) -> set[str]:
    """Organisations whose wording masks an affiliation, or that alone have no address or
    country in a list whose other organisations have them."""
    masked = {key for key, o in organisations.items() if PLACEHOLDERS.search(o.name)}
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
    if without and len(without) < len(authorlist.authors):
        evidence.append(
            f"{len(without)} authors have no affiliation while the others have "
            f"one: {', '.join(without[:5])}{' …' if len(without) > 5 else ''}"
        )
    return Audit(
        authorlist.collaboration,
        len(authorlist.authors),
        len(authorlist.organisations),
        without,
        masked,
        len(with_orcid),
        invalid,
        not evidence,
        evidence,
    )


def report(result: Audit) -> str:
    lines = [
        f"collaboration: {result.collaboration or '(not named)'}",
        f"authors: {result.authors}",
        f"organisations: {result.organisations}",
        f"authors without affiliation: {len(result.without_affiliation)}",
        f"authors with a masked affiliation: {result.masked_authors}",
        f"ORCID coverage: {result.orcid_count} of {result.authors} "
        f"({result.orcid_coverage:.1%}), invalid: {len(result.invalid_orcids)}",
    ]
    lines += [f"  invalid ORCID {item}" for item in result.invalid_orcids[:20]]
    lines.append(
        "verdict: " + ("equal treatment" if result.equal_treatment else "not equal treatment")
    )
    lines += [f"  {item}" for item in result.evidence]
    return "\n".join(lines) + "\n"
