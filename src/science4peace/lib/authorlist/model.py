"""The author-list model shared by every parser and renderer."""

from __future__ import annotations

from dataclasses import dataclass, field

AFFILIATED, ALSO_AT, NOW_AT, ON_LEAVE = "affiliated", "also_at", "now_at", "on_leave_from"
CONNECTIONS = {
    AFFILIATED: "Affiliated with",
    ALSO_AT: "Also at",
    NOW_AT: "Now at",
    ON_LEAVE: "On leave from",
}


class AuthorListError(ValueError):
    """The input is not a usable author list; the message says where and why."""


@dataclass
class Organisation:
    key: str
    name: str
    address: str = ""
    country: str | None = None
    ror: str | None = None
    icn: str = ""
    domain: str = ""
    funding: list[str] = field(default_factory=list)

    @property
    def printed(self) -> str:
        """The affiliation as printed: the address when it already names the organisation
        (as in ATLAS lists), otherwise the name followed by the address."""
        if not self.address or self.name.casefold() in self.address.casefold():
            return self.address or self.name
        return f"{self.name}, {self.address}"


@dataclass
class Affiliation:
    organisation: str  # an Organisation.key
    connection: str = AFFILIATED


@dataclass
class Author:
    given: str
    family: str
    paper_name: str = ""
    native_name: str = ""
    suffix: str = ""
    deceased: bool = False
    orcid: str | None = None
    inspire_id: str | None = None
    affiliations: list[Affiliation] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given, self.family, self.suffix) if p)

    @property
    def printed_name(self) -> str:
        """The name as printed in papers; initials and family name when none is given."""
        if self.paper_name:
            return self.paper_name
        initials = " ".join(f"{part[0]}." for part in self.given.replace("-", " ").split())
        return " ".join(p for p in (initials, self.family, self.suffix) if p)


@dataclass
class AuthorList:
    collaboration: str
    authors: list[Author]
    organisations: dict[str, Organisation]
    reference: str = ""
    date: str = ""
    funding: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # organisations read from an author's reference rather than declared by the list
    adopted: set[str] = field(default_factory=set)

    def check(self) -> None:
        """Every affiliation points at a known organisation."""
        for author in self.authors:
            for affiliation in author.affiliations:
                if affiliation.organisation not in self.organisations:
                    raise AuthorListError(
                        f"author {author.full_name!r} points at organisation "
                        f"{affiliation.organisation!r}, which the list does not define"
                    )
