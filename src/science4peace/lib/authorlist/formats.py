"""Non-LaTeX renderers: arXiv author metadata (ASCII), INSPIRE authors.xml, CSV and JSON, and
``render``, the one entry point for every format.

Funding agencies: the LaTeX formats acknowledge them in the journal's acknowledgements
section, JSON carries them (``funding``), authors.xml as a comment (the DTD has no element
for them); arXiv's author metadata and the CSV are one author per entry and have no place
for them."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from xml.etree import ElementTree as ET

from ..csvcells import safe_row
from .latex import RENDERERS as LATEX_RENDERERS
from .latex import tex
from .latex_astro import RENDERERS as ASTRO_RENDERERS
from .model import AFFILIATED, CONNECTIONS, Author, AuthorList
from .parse import CSV_COLUMNS, JSON_FORMAT
from .policy import NAMES_ONLY, NAMES_ORCID, Entry, Prepared, prepare

FOAF = "http://xmlns.com/foaf/0.1/"
CAL = "http://inspirehep.net/info/HepNames/tools/authors_xml/"
ET.register_namespace("foaf", FOAF)
ET.register_namespace("cal", CAL)
FORMATS = (
    "revtex",
    "elsarticle",
    "jheppub",
    "jinstpub",
    "epjc",
    "aastex631",
    "mnras",
    "aa",
    "arxiv",
    "authors-xml",
    "csv",
    "json",
)


def ascii_text(text: str) -> str:
    """arXiv metadata is ASCII: accents as TeX macros, anything else transliterated."""
    encoded = tex(text)
    if encoded.isascii():
        return encoded
    decomposed = unicodedata.normalize("NFKD", encoded)
    return "".join(ch for ch in decomposed if ch.isascii()) or "?"


def arxiv(prepared: Prepared) -> str:
    """arXiv's convention: ``A. One (1), B. Two (1 and 2) ((1) Inst. One, (2) Inst. Two)``."""
    names = []
    for entry in prepared.entries:
        text = ascii_text(entry.author.printed_name)
        numbers = [str(n) for n in entry.affiliations]
        numbers += [f"{CONNECTIONS[kind].lower()} {n}" for kind, n in entry.notes]
        if entry.orcid and prepared.policy == NAMES_ORCID:
            numbers.append(f"ORCID {entry.orcid}")
        if entry.author.deceased:
            numbers.append("deceased")
        names.append(f"{text} ({' and '.join(numbers)})" if numbers else text)
    line = ", ".join(names)
    if prepared.organisations:
        places = ", ".join(
            f"({n}) {ascii_text(o.name)}" for n, o in enumerate(prepared.organisations, start=1)
        )
        line += f" ({places})"
    if prepared.collaboration:
        line += f" [{ascii_text(prepared.collaboration)}]"
    return line + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def authors_xml(prepared: Prepared, source: AuthorList) -> str:
    """INSPIRE authors.xml, valid against author.dtd. Under the names-only policies every
    organisation is listed (the DTD requires one) and no author is linked to any."""
    root = ET.Element("collaborationauthorlist")
    _sub(root, f"{{{CAL}}}creationDate", prepared.date)
    _sub(root, f"{{{CAL}}}publicationReference", prepared.reference)
    collaborations = _sub(root, f"{{{CAL}}}collaborations")
    collaboration = _sub(collaborations, f"{{{CAL}}}collaboration", id="c1")
    _sub(collaboration, f"{{{FOAF}}}name", prepared.collaboration)
    organisations = prepared.organisations or list(source.organisations.values())
    ids = {o.key: f"o{n}" for n, o in enumerate(organisations, start=1)}
    container = _sub(root, f"{{{CAL}}}organizations")
    for organisation in organisations:
        org = _sub(container, f"{{{FOAF}}}Organization", id=ids[organisation.key])
        if organisation.domain:
            _sub(org, f"{{{CAL}}}orgDomain", organisation.domain)
        _sub(org, f"{{{FOAF}}}name", organisation.name)
        if organisation.icn:
            _sub(org, f"{{{CAL}}}orgName", organisation.icn, source="INSPIRE")
        if organisation.ror:
            _sub(org, f"{{{CAL}}}orgName", organisation.ror, source="ROR")
        _sub(org, f"{{{CAL}}}orgStatus", "member", collaborationid="c1")
        if organisation.address:
            _sub(org, f"{{{CAL}}}orgAddress", organisation.address)
    people = _sub(root, f"{{{CAL}}}authors")
    for entry in prepared.entries:
        author = entry.author
        person = _sub(people, f"{{{FOAF}}}Person")
        _sub(person, f"{{{FOAF}}}name", author.full_name)
        if author.native_name:
            _sub(person, f"{{{CAL}}}authorNameNative", author.native_name)
        if author.given:
            _sub(person, f"{{{FOAF}}}givenName", author.given)
        _sub(person, f"{{{FOAF}}}familyName", author.family)
        if author.suffix:
            _sub(person, f"{{{CAL}}}authorSuffix", author.suffix)
        if author.deceased:
            _sub(person, f"{{{CAL}}}authorStatus", "Deceased")
        _sub(person, f"{{{CAL}}}authorNamePaper", author.printed_name)
        _sub(person, f"{{{CAL}}}authorCollaboration", collaborationid="c1")
        links = [(n, AFFILIATED) for n in entry.affiliations] + [(n, k) for k, n in entry.notes]
        if links:
            affiliations = _sub(person, f"{{{CAL}}}authorAffiliations")
            for number, connection in links:
                key = prepared.organisation(number).key
                _sub(
                    affiliations,
                    f"{{{CAL}}}authorAffiliation",
                    organizationid=ids[key],
                    connection=CONNECTIONS[connection],
                )
        identifiers = [("INSPIRE", author.inspire_id), ("ORCID", entry.orcid)]
        if any(value for _source, value in identifiers):
            ids_element = _sub(person, f"{{{CAL}}}authorids")
            for source_name, value in identifiers:
                if value:
                    _sub(ids_element, f"{{{CAL}}}authorid", value, source=source_name)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE collaborationauthorlist SYSTEM "author.dtd">\n'
        + _funding_comment(prepared)
        + body
        + "\n"
    )


def _funding_comment(prepared: Prepared) -> str:
    """author.dtd has no place for a collaboration's funding agencies (``cal:authorFunding``
    is one person's grant or fellowship, and attaching agencies to persons would mark them
    by their institutions under the names-only policies): the acknowledgement travels as a
    comment, for the people who prepare the paper."""
    if not prepared.funding:
        return ""
    text = "; ".join(prepared.funding).replace("--", "- -")
    return f"<!-- Funding agencies acknowledged: {text} -->\n"


def _affiliation_cell(prepared: Prepared, entry: Entry) -> str:
    parts = [prepared.organisation(n).name for n in entry.affiliations]
    parts += [f"{CONNECTIONS[k].lower()} {prepared.organisation(n).name}" for k, n in entry.notes]
    return "; ".join(parts)


def to_csv(prepared: Prepared) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(CSV_COLUMNS))
    for entry in prepared.entries:
        a = entry.author
        writer.writerow(
            safe_row(
                [
                    a.family,
                    a.given,
                    a.printed_name,
                    a.native_name,
                    a.suffix,
                    "true" if a.deceased else "",
                    entry.orcid or "",
                    a.inspire_id or "",
                    _affiliation_cell(prepared, entry),
                ]
            )
        )
    return buffer.getvalue()


def _author_dict(author: Author) -> dict[str, object]:
    return {
        "given": author.given,
        "family": author.family,
        "paper_name": author.paper_name,
        "native_name": author.native_name,
        "suffix": author.suffix,
        "deceased": author.deceased,
        "orcid": author.orcid,
        "inspire_id": author.inspire_id,
        "affiliations": [
            {"organisation": f.organisation, "connection": f.connection}
            for f in author.affiliations
        ],
    }


def to_json(prepared: Prepared) -> str:
    authors = []
    for entry in prepared.entries:
        data = _author_dict(entry.author)
        data["orcid"] = entry.orcid
        if not (entry.affiliations or entry.notes):
            data["affiliations"] = []  # the policy shows none; the author's order otherwise
        authors.append(data)
    document = {
        "format": JSON_FORMAT,
        "policy": prepared.policy,
        "collaboration": prepared.collaboration,
        "reference": prepared.reference,
        "date": prepared.date,
        "funding": prepared.funding,
        "organisations": [vars(o).copy() for o in prepared.organisations],
        "authors": authors,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_SIMPLE: dict[str, Callable[[Prepared], str]] = {
    **LATEX_RENDERERS,
    **ASTRO_RENDERERS,
    "arxiv": arxiv,
    "csv": to_csv,
    "json": to_json,
}


def render(authorlist: AuthorList, fmt: str, policy: str = NAMES_ONLY, **options: bool) -> str:
    """The list in format ``fmt`` under ``policy`` (options: alphabetic, particles,
    allow_invalid_ids)."""
    return render_many(authorlist, [fmt], policy, **options)[fmt]


def render_many(
    authorlist: AuthorList, formats: list[str], policy: str = NAMES_ONLY, **options: bool
) -> dict[str, str]:
    """Several formats of one list, ordered and numbered once."""
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose one of {', '.join(FORMATS)}")
    prepared = prepare(authorlist, policy, **options)
    return {fmt: render_prepared(prepared, authorlist, fmt) for fmt in formats}


def render_prepared(prepared: Prepared, source: AuthorList, fmt: str) -> str:
    if fmt == "authors-xml":
        return authors_xml(prepared, source)
    return _SIMPLE[fmt](prepared)
