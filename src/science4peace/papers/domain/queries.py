"""Read queries and the bridge from a paper to the framework-free author-list model."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from science4peace.institutions.models import Institution, InstitutionCode
from science4peace.lib.authorlist.model import Affiliation, Author, AuthorList, Organisation
from science4peace.papers.domain.signoffs import Entry
from science4peace.papers.models import AuthorListChange, Draft, Paper, PaperAuthor, Signoff


def list_papers() -> QuerySet[Paper]:
    return (
        Paper.objects.select_related("collaboration")
        .annotate(author_count=Count("authors"))
        .order_by("-reference_date", "-id")
    )


def list_authors(paper: Paper, *, q: str = "") -> QuerySet[PaperAuthor]:
    """The paper's authors by name; every word of ``q`` is part of one of their names."""
    authors = paper.authors.all()
    for word in q.split()[:8]:
        authors = authors.filter(
            Q(family_name__icontains=word)
            | Q(given_name__icontains=word)
            | Q(paper_name__icontains=word)
            | Q(native_name__icontains=word)
            | Q(orcid=word)
        )
    return authors.order_by("family_name", "given_name", "id")


def list_changes(paper: Paper) -> QuerySet[AuthorListChange]:
    """The history of the paper's author list, oldest first."""
    return paper.changes.select_related("actor").order_by("at", "id")


def to_authorlist(paper: Paper) -> AuthorList:
    """The frozen list as the renderers and the audit take it, with the funding agencies of
    the collaboration's member institutions (none for a paper without a collaboration).
    Plain values, in five queries, whatever the number of authors."""
    collaboration = paper.collaboration
    funding = (
        dict(collaboration.member_institutions.values_list("institution_id", "funding_agencies"))
        if collaboration is not None
        else {}
    )
    links: dict[int, list[int]] = {}
    through = PaperAuthor.institutions.through.objects.filter(paperauthor__paper=paper)
    for author_id, institution_id in through.order_by("id").values_list(
        "paperauthor_id", "institution_id"
    ):
        links.setdefault(author_id, []).append(institution_id)
    ids = {i for linked in links.values() for i in linked}
    codes: dict[int, str] = {}
    for institution_id, icn in (
        InstitutionCode.objects.filter(institution_id__in=ids)
        .order_by("icn")
        .values_list("institution_id", "icn")
    ):
        codes.setdefault(institution_id, icn)
    organisations = {
        str(pk): Organisation(
            key=str(pk),
            name=name,
            address=address,
            country=country,
            ror=ror,
            icn=codes.get(pk, ""),
            funding=list(funding.get(pk, [])),
        )
        for pk, name, address, country, ror in Institution.objects.filter(pk__in=ids).values_list(
            "pk", "name", "address", "country_id", "ror"
        )
    }
    authors = [
        Author(
            given=given,
            family=family,
            paper_name=paper_name,
            native_name=native,
            deceased=deceased,
            orcid=orcid or None,
            affiliations=[Affiliation(str(i)) for i in links.get(pk, [])],
        )
        for pk, given, family, paper_name, native, deceased, orcid in paper.authors.order_by(
            "family_name", "given_name", "id"
        ).values_list(
            "id", "given_name", "family_name", "paper_name", "native_name", "deceased", "orcid"
        )
    ]
    return AuthorList(
        collaboration=collaboration.name if collaboration is not None else "",
        authors=authors,
        organisations=organisations,
        reference=paper.title,
        date=paper.reference_date.isoformat(),
    )


def signoffs_of(paper: Paper) -> QuerySet[Signoff]:
    """Every author's sign-off, by family name, with the author and their account."""
    return (
        Signoff.objects.filter(author__paper=paper)
        .select_related("author__person", "resolved_by")
        .order_by("author__family_name", "author__given_name", "author_id")
    )


def signoff_summary(paper: Paper) -> dict[str, list[Signoff]]:
    """The sign-offs by status: confirmed, asked for a correction, not answered."""
    found: dict[str, list[Signoff]] = {status: [] for status in Signoff.Status.values}
    for signoff in signoffs_of(paper):
        found[signoff.status].append(signoff)
    return found


def entry_of(author: PaperAuthor) -> Entry:
    """What the author checks: their frozen entry and the funding agencies acknowledged for
    their institutions."""
    institutions = list(author.institutions.order_by("name"))
    funding: list[str] = []
    collaboration = author.paper.collaboration
    if collaboration is not None:
        for agencies in collaboration.member_institutions.filter(
            institution__in=institutions
        ).values_list("funding_agencies", flat=True):
            funding.extend(a for a in agencies if a not in funding)
    return Entry(
        printed_name=author.paper_name or f"{author.given_name} {author.family_name}".strip(),
        native_name=author.native_name,
        orcid=author.orcid,
        affiliations=[i.name for i in institutions],
        funding=funding,
    )


def signoff_of(author: PaperAuthor) -> Signoff | None:
    return Signoff.objects.filter(author=author).first()


def is_author(paper: Paper, user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return paper.authors.filter(person__user=user).exists()


def drafts_of(paper: Paper) -> QuerySet[Draft]:
    """Every version of the paper's draft, newest first, with who uploaded it and its comment
    thread (``thread.reply_count`` is the number of comments): one query."""
    return (
        Draft.objects.filter(paper=paper)
        .select_related("uploaded_by", "thread")
        .order_by("-version")
    )
