"""Parsers: INSPIRE authors.xml (INSPIRE and old SPIRES namespaces), CERN Open Data author-list
records (JSON), and this project's CSV and JSON. ``parse`` detects the format."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from lxml import etree as lxml_etree

from .. import jsontext
from ..countries import country_code_from_address
from ..orcid import InvalidOrcid, normalise_orcid
from ..ror import InvalidRor, normalise_ror
from .decode import as_utf8_xml, decode
from .model import (
    AFFILIATED,
    ALSO_AT,
    CONNECTIONS,
    NOW_AT,
    ON_LEAVE,
    Affiliation,
    Author,
    AuthorList,
    AuthorListError,
    Organisation,
)
from .opendata import author_list_record, text_field
from .text import clean

JSON_FORMAT = "science4peace-authorlist/1"
_CONNECTION_WORDS = {text.casefold(): key for key, text in CONNECTIONS.items()}
_CONNECTION_WORDS.update(
    {
        "": AFFILIATED,
        "also at": ALSO_AT,
        "now at": NOW_AT,
        "on leave from": ON_LEAVE,
        "affiliated": AFFILIATED,
    }
)
_COLLABORATION_AS_AUTHOR = re.compile(r"\bcollaboration\b|\bteam$", re.IGNORECASE)


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    """The name without its namespace; the few distinct tags of a file are looked up once."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL_NAMES) < 4096:  # a hostile file may have any number of tags
            _LOCAL_NAMES[tag] = name
    return name


def _child(element: Element, name: str) -> Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _children(element: Element, name: str) -> list[Element]:
    return [c for c in element if _local(c.tag) == name]


def _text(element: Element | None, warnings: list[str], where: str) -> str:
    value = element.text if element is not None else None
    if not value:
        return ""
    if value.isascii() and "\\" not in value and "~" not in value:
        return " ".join(value.split())  # clean's own first case, without the call
    return clean(value, warnings, where)


def _orcid(value: str) -> str:
    """Normalised when valid; kept as written otherwise, for the audit to report."""
    try:
        return normalise_orcid(value)
    except InvalidOrcid:
        return value.strip()


def _xml_organisation(org: Element, warnings: list[str]) -> Organisation:
    key = org.get("id", "")
    fields: dict[str, Element] = {}
    org_names = []
    for child in org:  # one pass: the first element of each name, as _child would find
        local = _local(child.tag)
        fields.setdefault(local, child)
        if local == "orgName":
            org_names.append(child)
    name = _text(fields.get("name"), warnings, f"organisation {key}")
    address = _text(fields.get("orgAddress"), warnings, f"organisation {key}") or name
    organisation = Organisation(
        key=key,
        name=name,
        address=address,
        country=country_code_from_address(address),
        domain=_text(fields.get("orgDomain"), warnings, key),
    )
    for org_name in org_names:
        source = (org_name.get("source") or "").casefold()
        value = _text(org_name, warnings, f"organisation {key}")
        if source in {"inspire", "spiresicn"} and value not in {"", "NA"}:
            organisation.icn = value
        elif source == "ror" and value:
            try:
                organisation.ror = normalise_ror(value)
            except InvalidRor:
                warnings.append(f"organisation {key}: invalid ROR {value!r} dropped")
    return organisation


def _xml_author(person: Element, warnings: list[str]) -> Author:
    fields: dict[str, Element] = {}
    names = _LOCAL_NAMES
    for child in person:  # one pass: the first element of each name, as _child would find
        tag = child.tag
        fields.setdefault(names.get(tag) or _local(tag), child)
    family = _text(fields.get("familyName"), warnings, "author")
    where = f"author {family}"
    status = _text(fields.get("authorStatus"), warnings, where).casefold()
    author = Author(
        given=_text(fields.get("givenName"), warnings, where),
        family=family,
        paper_name=_text(fields.get("authorNamePaper"), warnings, where),
        native_name=_text(fields.get("authorNameNative"), warnings, where),
        suffix=_text(fields.get("authorSuffix"), warnings, where),
        deceased=status.startswith("deceased"),
    )
    affiliations = fields.get("authorAffiliations")
    if affiliations is not None:
        links = author.affiliations
        for item in affiliations:
            tag = item.tag
            if (names.get(tag) or _local(tag)) != "authorAffiliation":
                continue
            connection = item.get("connection")
            links.append(
                Affiliation(
                    item.get("organizationid", ""),
                    _CONNECTION_WORDS.get(connection.strip().casefold(), AFFILIATED)
                    if connection
                    else AFFILIATED,
                )
            )
    ids = fields.get("authorids")
    if ids is not None:
        for item in ids:
            tag = item.tag
            source = item.get("source")
            if not source or (names.get(tag) or _local(tag)) != "authorid":
                continue
            source = source.casefold()
            if source == "orcid":
                value = (item.text or "").strip()
                if value:
                    author.orcid = _orcid(value)
            elif source == "inspire":
                value = (item.text or "").strip()
                if value:
                    author.inspire_id = value
    return author


def _collaboration(elements: list[Element], warnings: list[str]) -> str:
    """The collaboration's name, whether ``<cal:collaboration>`` stands inside
    ``<cal:collaborations>`` (as the DTD has it) or directly in the root (as some published
    files have it); several collaborations are named together."""
    names = []
    for element in elements:
        name = _child(element, "name")
        text = _text(name if name is not None else element, warnings, "collaboration")
        if text and text not in names:
            names.append(text)
    return " and ".join(names)


# libxml2 (lxml) reads a large list several times faster than defusedxml's pure-Python
# handlers over expat; it is used only where both read the same tree. With these options it
# expands no entity, reads no DTD, opens no file or network address and keeps its limits on
# depth and text size. A document that declares entities or attribute lists (whose defaults
# would change the tree), that references an undeclared entity, or that libxml2 refuses for
# any reason goes to defusedxml, which refuses or reports it exactly as before. Blank text
# between elements, which no reader here uses (every text read is stripped or normalised),
# is not kept: a smaller tree, quicker to build and to free. Nothing here looks an element up
# by its ID: no table of them is built.
_LXML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
    "remove_blank_text": True,
    "collect_ids": False,
}
_WANTED = ("collaboration", "Organization", "Person")


def _fast_elements(data: bytes) -> tuple[Element, dict[str, list[Element]]] | None:
    """The root and the wanted elements in document order, read by libxml2; None when the
    document must go to defusedxml (see above)."""
    if b"<!ENTITY" in data or b"<!ATTLIST" in data:
        return None
    try:
        root = lxml_etree.fromstring(data, lxml_etree.XMLParser(**_LXML_OPTIONS))
    except lxml_etree.LxmlError:
        return None
    if next(root.iter(lxml_etree.Entity), None) is not None:
        return None  # an entity that is not declared: expat refuses it
    wanted: dict[str, list[Element]] = {name: [] for name in _WANTED}
    for element in root.iter(*(f"{{*}}{name}" for name in _WANTED)):
        wanted[_local(element.tag)].append(element)
    return root, wanted


def _elements(data: bytes, skipped_lines: int) -> tuple[Element, dict[str, list[Element]]]:
    fast = _fast_elements(data)
    if fast is not None:
        return fast
    try:
        root = ElementTree.fromstring(data, forbid_dtd=False)
    except ElementTree.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        message = str(exc).replace(f"line {line},", f"line {line + skipped_lines},")
        raise AuthorListError(
            f"malformed XML at line {line + skipped_lines}, column {column}: {message}"
        ) from exc
    except Exception as exc:  # defusedxml refuses entity expansion and external entities
        raise AuthorListError(f"refused XML: {exc}") from exc
    wanted: dict[str, list[Element]] = {name: [] for name in _WANTED}
    for element in root.iter():
        found = wanted.get(_local(element.tag))
        if found is not None:
            found.append(element)
    return root, wanted


def parse_authors_xml(data: bytes, *, skipped_lines: int = 0) -> AuthorList:
    """``data``: UTF-8 (see ``decode``); ``skipped_lines`` before it count in error lines."""
    root, wanted = _elements(data, skipped_lines)
    if _local(root.tag) != "collaborationauthorlist":
        raise AuthorListError(f"not an authors.xml: the root element is <{_local(root.tag)}>")
    warnings: list[str] = []
    name = _collaboration(wanted["collaboration"], warnings)
    organisations: dict[str, Organisation] = {}
    for org in wanted["Organization"]:
        organisation = _xml_organisation(org, warnings)
        organisations[organisation.key] = organisation
    authors = [_xml_author(p, warnings) for p in wanted["Person"]]
    adopted = _adopt_addresses_given_as_ids(authors, organisations, warnings)
    references = [r.text or "" for r in root if _local(r.tag) == "publicationReference"]
    date = next((r.text or "" for r in root if _local(r.tag) == "creationDate"), "")
    result = AuthorList(
        collaboration=name,
        authors=_without_collaboration(authors, warnings),
        organisations=organisations,
        reference=next((r for r in references if r.strip()), ""),
        date=date.strip(),
        warnings=warnings,
        adopted=adopted,
    )
    result.check()
    return result


def _adopt_addresses_given_as_ids(
    authors: list[Author], organisations: dict[str, Organisation], warnings: list[str]
) -> set[str]:
    """Some real lists write an address where an organisation id belongs (ALICE 2021 does
    for a few "Also at" entries). Such a value becomes an organisation of its own and is
    reported; an unknown id without spaces stays an error (``AuthorList.check``). Returns
    the keys of the organisations so adopted."""
    adopted: set[str] = set()
    for author in authors:
        for affiliation in author.affiliations:
            key = affiliation.organisation
            if key in organisations or " " not in key.strip():
                continue
            text = clean(key)
            organisations[key] = Organisation(
                key=key, name=text, address=text, country=country_code_from_address(text)
            )
            adopted.add(key)
            warnings.append(
                f"author {author.full_name!r}: organisation given as the address "
                f"{text!r} instead of an id; read as an organisation"
            )
    return adopted


def _without_collaboration(authors: list[Author], warnings: list[str]) -> list[Author]:
    """A collaboration's name appearing as a person is not an author."""
    kept = []
    for author in authors:
        if not author.given and _COLLABORATION_AS_AUTHOR.search(author.family):
            warnings.append(f"{author.family!r} is the collaboration, not an author: left out")
            continue
        kept.append(author)
    return kept


def _split_name(name: str) -> tuple[str, str]:
    if "," in name:
        family, given = name.split(",", 1)
        return given.strip(), family.strip()
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", name.strip())


def parse_open_data(document: Any) -> AuthorList:
    """A CERN Open Data record of type Authors (``authors``: name, affiliation, inspireid,
    orcid), alone or among other records; anything else is refused (``opendata``)."""
    record = author_list_record(document)
    warnings: list[str] = []
    collaboration = record.get("collaboration")
    collaboration = collaboration.get("name", "") if isinstance(collaboration, dict) else ""
    organisations: dict[str, Organisation] = {}
    authors = []
    entries = record.get("authors")
    if not isinstance(entries, list):
        raise AuthorListError(f"the record's authors are {type(entries).__name__}, not a list")
    for index, entry in enumerate(entries):
        where = f"author {index + 1}"
        if not isinstance(entry, dict) or not text_field(entry, "name", where).strip():
            raise AuthorListError(f"{where}: no name")
        given, family = _split_name(clean(entry["name"], warnings, where))
        orcid = text_field(entry, "orcid", where)
        author = Author(
            given=given,
            family=family,
            inspire_id=text_field(entry, "inspireid", where) or None,
            orcid=_orcid(orcid) if orcid else None,
        )
        for name in (part.strip() for part in text_field(entry, "affiliation", where).split(";")):
            if name:
                organisations.setdefault(name, Organisation(key=name, name=name))
                author.affiliations.append(Affiliation(name))
        authors.append(author)
    return AuthorList(
        collaboration=str(collaboration or ""),
        authors=_without_collaboration(authors, warnings),
        organisations=organisations,
        reference=str(record.get("recid", "")),
        date=str(record.get("date_published") or ""),
        warnings=warnings,
    )


_TEXT, _OPTIONAL_TEXT, _FLAG, _TEXTS = "text", "text or null", "true or false", "a list of texts"
_ORGANISATION_FIELDS = {
    "key": _TEXT,
    "name": _TEXT,
    "address": _TEXT,
    "country": _OPTIONAL_TEXT,
    "ror": _OPTIONAL_TEXT,
    "icn": _TEXT,
    "domain": _TEXT,
    "funding": _TEXTS,
}
_AUTHOR_FIELDS = {
    "given": _TEXT,
    "family": _TEXT,
    "paper_name": _TEXT,
    "native_name": _TEXT,
    "suffix": _TEXT,
    "deceased": _FLAG,
    "orcid": _OPTIONAL_TEXT,
    "inspire_id": _OPTIONAL_TEXT,
}
_REQUIRED = {"key", "name", "given", "family", "organisation"}


def _fits(value: Any, kind: str) -> bool:
    if kind == _TEXT:
        return isinstance(value, str)
    if kind == _OPTIONAL_TEXT:
        return value is None or isinstance(value, str)
    if kind == _FLAG:
        return isinstance(value, bool)
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _fields(raw: Any, fields: dict[str, str], where: str) -> dict[str, Any]:
    """The known ``fields`` of the object ``raw``, each of its kind; AuthorListError naming
    the place otherwise."""
    if not isinstance(raw, dict):
        raise AuthorListError(f"not a {JSON_FORMAT} document: {where} is not an object")
    unknown = sorted(str(key) for key in raw if key not in fields)
    if unknown:
        raise AuthorListError(
            f"not a {JSON_FORMAT} document: {where}: unknown field {unknown[0]!r:.60}"
        )
    missing = sorted(key for key in fields if key in _REQUIRED and key not in raw)
    if missing:
        raise AuthorListError(f"not a {JSON_FORMAT} document: {where}: {missing[0]} is missing")
    for key, value in raw.items():
        if not _fits(value, fields[key]):
            raise AuthorListError(
                f"not a {JSON_FORMAT} document: {where}: {key} must be {fields[key]}"
            )
    return raw


def _items(document: dict[str, Any], key: str) -> list[Any]:
    value = document.get(key)
    if not isinstance(value, list):
        raise AuthorListError(f"not a {JSON_FORMAT} document: {key} must be a list")
    return value


def parse_our_json(document: dict[str, Any]) -> AuthorList:
    """This project's JSON (``formats.render_json`` writes it): every field is checked, an
    unknown or mistyped one is an error naming it."""
    for key, kind in (("collaboration", _TEXT), ("reference", _TEXT), ("date", _TEXT)):
        if key in document and not _fits(document[key], kind):
            raise AuthorListError(f"not a {JSON_FORMAT} document: {key} must be {kind}")
    if "funding" in document and not _fits(document["funding"], _TEXTS):
        raise AuthorListError(f"not a {JSON_FORMAT} document: funding must be {_TEXTS}")
    organisations: dict[str, Organisation] = {}
    for index, raw in enumerate(_items(document, "organisations"), start=1):
        organisation = Organisation(**_fields(raw, _ORGANISATION_FIELDS, f"organisation {index}"))
        organisations[organisation.key] = organisation
    authors = []
    for index, raw in enumerate(_items(document, "authors"), start=1):
        where = f"author {index}"
        fields = dict(raw) if isinstance(raw, dict) else raw
        links = fields.pop("affiliations", []) if isinstance(fields, dict) else []
        author = Author(**_fields(fields, _AUTHOR_FIELDS, where))
        if not isinstance(links, list):
            raise AuthorListError(
                f"not a {JSON_FORMAT} document: {where}: affiliations must be a list"
            )
        for link in links:
            link = _fields(
                link, {"organisation": _TEXT, "connection": _TEXT}, f"{where}: an affiliation"
            )
            if link.get("connection", AFFILIATED) not in CONNECTIONS:
                raise AuthorListError(
                    f"not a {JSON_FORMAT} document: {where}: connection must be one of "
                    f"{', '.join(CONNECTIONS)}"
                )
            author.affiliations.append(Affiliation(**link))
        authors.append(author)
    result = AuthorList(
        collaboration=document.get("collaboration", ""),
        authors=authors,
        organisations=organisations,
        reference=document.get("reference", ""),
        date=document.get("date", ""),
        funding=document.get("funding", []),
    )
    result.check()
    return result


CSV_COLUMNS = [
    "family_name",
    "given_name",
    "paper_name",
    "native_name",
    "suffix",
    "deceased",
    "orcid",
    "inspire_id",
    "affiliations",
]
_PREFIXES = [(ALSO_AT, "also at "), (NOW_AT, "now at "), (ON_LEAVE, "on leave from ")]


def parse_csv(text: str, collaboration: str = "", *, skipped_lines: int = 0) -> AuthorList:
    """One row per author; ``affiliations`` holds organisation names separated by "; ",
    each optionally prefixed "also at ", "now at " or "on leave from "."""
    try:
        return _parse_csv(text, collaboration, skipped_lines)
    except csv.Error as exc:  # a field over the csv module's limit, a NUL byte...
        raise AuthorListError(f"unreadable CSV: {exc}") from exc


def _parse_csv(text: str, collaboration: str, skipped_lines: int) -> AuthorList:
    reader = csv.DictReader(io.StringIO(text), restval="")
    missing = set(CSV_COLUMNS) - set(reader.fieldnames or [])
    if missing:
        raise AuthorListError(
            f"CSV line {1 + skipped_lines}: missing columns {', '.join(sorted(missing))}"
        )
    warnings: list[str] = []
    organisations: dict[str, Organisation] = {}
    authors = []
    for row in reader:
        where = f"CSV line {reader.line_num + skipped_lines}"
        author = Author(
            given=clean(row["given_name"], warnings, where),
            family=clean(row["family_name"], warnings, where),
            paper_name=clean(row["paper_name"], warnings, where),
            native_name=clean(row["native_name"], warnings, where),
            suffix=row["suffix"].strip(),
            deceased=row["deceased"].strip().lower() in {"1", "true", "yes"},
            orcid=_orcid(row["orcid"]) if row["orcid"].strip() else None,
            inspire_id=row["inspire_id"].strip() or None,
        )
        if not author.family:
            raise AuthorListError(f"{where}: family_name is empty")
        for item in (part.strip() for part in row["affiliations"].split(";")):
            if not item:
                continue
            connection = AFFILIATED
            for key, prefix in _PREFIXES:
                if item.casefold().startswith(prefix):
                    connection, item = key, item[len(prefix) :].strip()
            organisations.setdefault(item, Organisation(key=item, name=item))
            author.affiliations.append(Affiliation(item, connection))
        authors.append(author)
    return AuthorList(
        collaboration=collaboration, authors=authors, organisations=organisations, warnings=warnings
    )


def parse(data: bytes, *, collaboration: str = "") -> AuthorList:
    """Detect the format from the content and parse it (``decode`` says what bytes are
    accepted). A file in which no author is found is not an author list: an error."""
    decoded = decode(data)
    text, skipped = decoded.text, decoded.skipped
    start = text.lstrip()[:1]
    if start == "<":
        result = parse_authors_xml(as_utf8_xml(text, decoded.utf8), skipped_lines=skipped)
    elif start in "{[" and start:
        try:
            document = jsontext.loads(text)
        except jsontext.JSONTextError as exc:
            after = f" (after {skipped} skipped line(s))" if skipped else ""
            raise AuthorListError(f"{exc}{after}") from exc
        if isinstance(document, dict) and document.get("format") == JSON_FORMAT:
            result = parse_our_json(document)
        else:
            result = parse_open_data(document)
    elif text.startswith(tuple(CSV_COLUMNS)) or "family_name" in text.split("\n", 1)[0]:
        result = parse_csv(text, collaboration, skipped_lines=skipped)
    else:
        raise AuthorListError(
            "unknown format: expected authors.xml, a CERN Open Data author list, "
            "or this project's CSV or JSON"
        )
    if not result.authors:
        raise AuthorListError("not an author list: no author found in it")
    result.warnings[:0] = decoded.warnings
    return result
