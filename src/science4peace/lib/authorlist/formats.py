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
from json.encoder import encode_basestring

from ..csvcells import safe_row, safe_rows
from ..xmlwriter import escape_attribute, escape_text
from .latex import RENDERERS as LATEX_RENDERERS
from .latex import tex
from .latex_astro import RENDERERS as ASTRO_RENDERERS
from .model import AFFILIATED, CONNECTIONS, Author, AuthorList
from .parse import CSV_COLUMNS, JSON_FORMAT
from .policy import NAMES_ONLY, NAMES_ORCID, Entry, Prepared, prepare

FOAF = "http://xmlns.com/foaf/0.1/"
CAL = "http://inspirehep.net/info/HepNames/tools/authors_xml/"
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


def _leaf(indent: str, tag: str, text: str | None, attributes: str = "") -> str:
    """One element without children, on its line: ``<tag attributes>text</tag>``, or
    ``<tag attributes />`` when it has no text."""
    if text:
        return f"{indent}<{tag}{attributes}>{escape_text(text)}</{tag}>"
    return f"{indent}<{tag}{attributes} />"


def _container(indent: str, tag: str, children: list[str], attributes: str = "") -> list[str]:
    if not children:
        return [f"{indent}<{tag}{attributes} />"]
    return [f"{indent}<{tag}{attributes}>", *children, f"{indent}</{tag}>"]


def authors_xml(prepared: Prepared, source: AuthorList) -> str:
    """INSPIRE authors.xml, valid against author.dtd. Under the names-only policies every
    organisation is listed (the DTD requires one) and no author is linked to any.

    Written line by line, as ElementTree would serialise the tree indented by two spaces
    (the tests compare both), each text escaped once: several times faster than building
    the tree for thousands of authors."""
    organisations = prepared.organisations or list(source.organisations.values())
    ids = {o.key: f"o{n}" for n, o in enumerate(organisations, start=1)}
    i1, i2, i3, i4 = " " * 2, " " * 4, " " * 6, " " * 8  # the depths of the tree
    org_lines: list[str] = []
    for organisation in organisations:
        org = []
        if organisation.domain:
            org.append(_leaf(i3, "cal:orgDomain", organisation.domain))
        org.append(_leaf(i3, "foaf:name", organisation.name))
        if organisation.icn:
            org.append(_leaf(i3, "cal:orgName", organisation.icn, ' source="INSPIRE"'))
        if organisation.ror:
            org.append(_leaf(i3, "cal:orgName", organisation.ror, ' source="ROR"'))
        org.append(_leaf(i3, "cal:orgStatus", "member", ' collaborationid="c1"'))
        if organisation.address:
            org.append(_leaf(i3, "cal:orgAddress", organisation.address))
        org_lines += _container(
            i2, "foaf:Organization", org, f' id="{escape_attribute(ids[organisation.key])}"'
        )
    link_lines: dict[tuple[int, str], str] = {}  # (organisation number, connection)
    people: list[str] = []
    for entry in prepared.entries:
        author = entry.author
        full_name = author.full_name
        people.append(
            f"{i2}<foaf:Person>\n{i3}<foaf:name>{escape_text(full_name)}</foaf:name>"
            if full_name
            else f"{i2}<foaf:Person>\n{i3}<foaf:name />"
        )
        if author.native_name:
            people.append(_leaf(i3, "cal:authorNameNative", author.native_name))
        if author.given:
            people.append(f"{i3}<foaf:givenName>{escape_text(author.given)}</foaf:givenName>")
        people.append(_leaf(i3, "foaf:familyName", author.family))
        if author.suffix:
            people.append(_leaf(i3, "cal:authorSuffix", author.suffix))
        if author.deceased:
            people.append(f"{i3}<cal:authorStatus>Deceased</cal:authorStatus>")
        people.append(_leaf(i3, "cal:authorNamePaper", author.printed_name))
        people.append(f'{i3}<cal:authorCollaboration collaborationid="c1" />')
        if entry.affiliations or entry.notes:
            people.append(f"{i3}<cal:authorAffiliations>")
            for link in [(n, AFFILIATED) for n in entry.affiliations] + [
                (n, k) for k, n in entry.notes
            ]:
                line = link_lines.get(link)
                if line is None:
                    number, connection = link
                    identifier = escape_attribute(ids[prepared.organisation(number).key])
                    line = link_lines[link] = (
                        f'{i4}<cal:authorAffiliation organizationid="{identifier}" '
                        f'connection="{escape_attribute(CONNECTIONS[connection])}" />'
                    )
                people.append(line)
            people.append(f"{i3}</cal:authorAffiliations>")
        inspire_id, orcid = author.inspire_id, entry.orcid
        if inspire_id or orcid:
            people.append(f"{i3}<cal:authorids>")
            if inspire_id:
                people.append(_leaf(i4, "cal:authorid", inspire_id, ' source="INSPIRE"'))
            if orcid:
                people.append(_leaf(i4, "cal:authorid", orcid, ' source="ORCID"'))
            people.append(f"{i3}</cal:authorids>")
        people.append(f"{i2}</foaf:Person>")
    body = [
        f'<collaborationauthorlist xmlns:cal="{CAL}" xmlns:foaf="{FOAF}">',
        _leaf(i1, "cal:creationDate", prepared.date),
        _leaf(i1, "cal:publicationReference", prepared.reference),
        f"{i1}<cal:collaborations>",
        f'{i2}<cal:collaboration id="c1">',
        _leaf(i3, "foaf:name", prepared.collaboration),
        f"{i2}</cal:collaboration>",
        f"{i1}</cal:collaborations>",
        *_container(i1, "cal:organizations", org_lines),
        *_container(i1, "cal:authors", people),
        "</collaborationauthorlist>",
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE collaborationauthorlist SYSTEM "author.dtd">\n'
        + _funding_comment(prepared)
        + "\n".join(body)
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


def _affiliation_cell(names: list[str], entry: Entry) -> str:
    """``names``: the organisations' names, by number - 1."""
    parts = [names[n - 1] for n in entry.affiliations]
    parts += [f"{CONNECTIONS[k].lower()} {names[n - 1]}" for k, n in entry.notes]
    return "; ".join(parts)


def to_csv(prepared: Prepared) -> str:
    names = [o.name for o in prepared.organisations]
    rows: list[list[object]] = []
    for entry in prepared.entries:
        a = entry.author
        rows.append(
            [
                a.family,
                a.given,
                a.printed_name,
                a.native_name,
                a.suffix,
                "true" if a.deceased else "",
                entry.orcid or "",
                a.inspire_id or "",
                _affiliation_cell(names, entry),
            ]
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(CSV_COLUMNS))
    writer.writerows(safe_rows(rows))
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


class _Written(str):
    """A value already written as indented JSON at its place in the document."""


# One author as _indented_json writes it in the document's list (depth 2), for the texts,
# booleans and None the model has; any other value goes to _indented_json.
_AUTHOR_JSON = (
    '{\n   "given": %s,\n   "family": %s,\n   "paper_name": %s,\n   "native_name": %s,'
    '\n   "suffix": %s,\n   "deceased": %s,\n   "orcid": %s,\n   "inspire_id": %s,'
    '\n   "affiliations": %s\n  }'
)
_AFFILIATION_JSON = '{\n     "organisation": %s,\n     "connection": %s\n    }'


def _author_json(entry: Entry) -> object:
    author, orcid = entry.author, entry.orcid
    shown = entry.affiliations or entry.notes  # the policy shows none; the author's otherwise
    if type(author.deceased) is bool:
        written = encode_basestring  # TypeError for anything but a text
        try:
            affiliations = (
                "[\n    "
                + ",\n    ".join(
                    [
                        _AFFILIATION_JSON % (written(f.organisation), written(f.connection))
                        for f in author.affiliations
                    ]
                )
                + "\n   ]"
                if shown and author.affiliations
                else "[]"
            )
            return _Written(
                _AUTHOR_JSON
                % (
                    written(author.given),
                    written(author.family),
                    written(author.paper_name),
                    written(author.native_name),
                    written(author.suffix),
                    "true" if author.deceased else "false",
                    "null" if orcid is None else written(orcid),
                    "null" if author.inspire_id is None else written(author.inspire_id),
                    affiliations,
                )
            )
        except TypeError:  # a value that is not a text where one belongs: written as below
            pass
    data = _author_dict(author)
    data["orcid"] = orcid
    if not shown:
        data["affiliations"] = []
    return data


def to_json(prepared: Prepared) -> str:
    authors = [_author_json(entry) for entry in prepared.entries]
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
    return _indented_json(document) + "\n"


_JSON_CONSTANTS = {None: "null", True: "true", False: "false"}


def _indented_json(value: object, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, the same text (a test compares
    them): the json module indents with its pure-Python encoder, several times slower than
    this for thousands of authors. Texts, numbers, None and booleans in lists and dicts with
    text keys; anything else goes to json.dumps whole."""
    if isinstance(value, str):
        return value if type(value) is _Written else encode_basestring(value)
    if value is None or value is True or value is False:
        return _JSON_CONSTANTS[value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        if not value:
            return "{}"
        inner = "\n" + " " * (depth + 1)
        items = [  # texts, the most of the leaves, without a call of their own
            f"{encode_basestring(key)}: "
            + (encode_basestring(item) if type(item) is str else _indented_json(item, depth + 1))
            for key, item in value.items()
        ]
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = "\n" + " " * (depth + 1)
        items = [
            encode_basestring(item) if type(item) is str else _indented_json(item, depth + 1)
            for item in value
        ]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * depth + "]"
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + " " * depth)


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
