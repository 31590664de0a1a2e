"""Institution records from the sources people already have: the organisations of an INSPIRE
``authors.xml`` (both the INSPIRE and the old SPIRES namespace) and ROR v2 JSON records.

Both parsers return plain :class:`OrgRecord` values; saving them is the platform's business.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from pylatexenc.latex2text import LatexNodes2Text

from .countries import country_code_from_address
from .ror import InvalidRor, normalise_ror

UNIVERSITY, LABORATORY, INTERGOVERNMENTAL, COMPANY, OTHER = (
    "university",
    "laboratory",
    "intergovernmental",
    "company",
    "other",
)
# INSPIRE codes (ICN) of intergovernmental research organisations.
INTERGOVERNMENTAL_ICNS = frozenset(
    {
        "CERN",
        "Dubna, JINR",
        "JINR, Dubna",
        "SESAME, Allan",
        "ICTP, Trieste",
        "ESO",
        "ESA",
        "ESRF, Grenoble",
        "ILL, Grenoble",
        "EMBL, Heidelberg",
        "IAEA, Vienna",
        "ITER",
        "European XFEL, Schenefeld",
        "FAIR, Darmstadt",
    }
)
_ROR_KINDS = {
    "education": UNIVERSITY,
    "facility": LABORATORY,
    "company": COMPANY,
    "government": OTHER,
    "nonprofit": OTHER,
    "funder": OTHER,
}
_ICN_SOURCES = {"spiresicn", "inspire", "icn"}


class OrgSourceError(ValueError):
    """The input is not a readable source of organisations; the message says why."""


@dataclass
class OrgRecord:
    name: str
    country: str | None
    address: str = ""
    ror: str | None = None
    icns: list[str] = field(default_factory=list)
    kind: str = OTHER
    website: str = ""
    parent_ror: str | None = None
    source_id: str = ""


def _text(value: str | None) -> str:
    """Whitespace-folded text, with LaTeX accents (``Universit\\"{a}t``) decoded."""
    if not value:
        return ""
    if "\\" in value or "~" in value:
        value = LatexNodes2Text(math_mode="verbatim").latex_to_text(value)
    return " ".join(value.split())


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _kind_for(name: str, icns: Iterable[str]) -> str:
    if any(icn in INTERGOVERNMENTAL_ICNS for icn in icns):
        return INTERGOVERNMENTAL
    lowered = name.casefold()
    if any(word in lowered for word in ("universit", "college", "school", "hochschule")):
        return UNIVERSITY
    if any(word in lowered for word in ("institut", "laborator", "centre", "center", "research")):
        return LABORATORY
    return OTHER


def _ror_or_none(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        return normalise_ror(text)
    except InvalidRor:
        return None


def parse_authors_xml_organisations(data: bytes) -> list[OrgRecord]:
    """The organisations of an INSPIRE ``authors.xml``, in document order.

    The country is read from the end of ``cal:orgAddress`` (or, where absent, of
    ``foaf:name``, as ATLAS writes it). Raises :class:`OrgSourceError` with line and reason
    on malformed XML.
    """
    try:
        root = ElementTree.fromstring(data, forbid_dtd=False)
    except ElementTree.ParseError as exc:
        raise OrgSourceError(f"malformed XML: {exc}") from exc
    except Exception as exc:  # defusedxml refuses entity expansion and external references
        raise OrgSourceError(f"refused XML: {exc}") from exc
    if _local(root.tag) != "collaborationauthorlist":
        raise OrgSourceError(f"not an authors.xml: the root element is <{_local(root.tag)}>")
    records = []
    for org in root.iter():
        if _local(org.tag) != "Organization":
            continue
        name = _text(next((c.text for c in _children(org, "name")), ""))
        address = _text(next((c.text for c in _children(org, "orgAddress")), "")) or name
        identifiers = {}
        icns = []
        for org_name in _children(org, "orgName"):
            source = (org_name.get("source") or "").casefold()
            value = _text(org_name.text)
            if source in _ICN_SOURCES and value and value != "NA":
                icns.append(value)
            elif value:
                identifiers[source] = value
        domain = next((_text(c.text) for c in _children(org, "orgDomain")), "")
        if domain and not domain.startswith(("http://", "https://")):
            domain = f"https://{domain}"
        records.append(
            OrgRecord(
                name=name,
                country=country_code_from_address(address),
                address=address,
                ror=_ror_or_none(identifiers.get("ror", "")),
                icns=icns,
                kind=_kind_for(name, icns),
                website=domain,
                source_id=org.get("id", ""),
            )
        )
    return records


def record_from_row(row: Mapping[str, str], source_id: str) -> OrgRecord:
    """A record from a table row with columns name, country, kind, ror (bare), icn, address
    (the demo data's CSV files)."""
    return OrgRecord(
        name=row["name"],
        country=row["country"] or None,
        kind=row["kind"],
        address=row["address"],
        ror=f"https://ror.org/{row['ror']}" if row["ror"] else None,
        icns=[row["icn"]] if row["icn"] else [],
        source_id=source_id,
    )


def _ror_one(record: dict[str, Any]) -> OrgRecord:
    try:
        ror = normalise_ror(str(record["id"]))
        names = record["names"]
        locations = record.get("locations") or []
    except (KeyError, TypeError, InvalidRor) as exc:
        raise OrgSourceError(f"not a ROR v2 record: {exc}") from exc
    display = next((n["value"] for n in names if "ror_display" in n.get("types", [])), None)
    if display is None:
        raise OrgSourceError(f"ROR record {ror} has no name of type ror_display")
    # The first location is the seat; other locations do not change the country.
    seat = (locations[0].get("geonames_details") or {}) if locations else {}
    kinds = [_ROR_KINDS.get(t, OTHER) for t in record.get("types", [])]
    website = next(
        (link["value"] for link in record.get("links", []) if link.get("type") == "website"), ""
    )
    parent = next(
        (rel["id"] for rel in record.get("relationships", []) if rel.get("type") == "parent"), None
    )
    place = ", ".join(p for p in (seat.get("name"), seat.get("country_name")) if p)
    return OrgRecord(
        name=display,
        country=seat.get("country_code"),
        address=place,
        ror=ror,
        kind=next((k for k in kinds if k != OTHER), OTHER),
        website=website,
        parent_ror=_ror_or_none(parent or ""),
        source_id=ror,
    )


def parse_ror_json(data: bytes) -> list[OrgRecord]:
    """One ROR v2 record, a list of them, or an API search result (``{"items": [...]}``)."""
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise OrgSourceError(f"malformed JSON: {exc}") from exc
    if isinstance(document, dict) and "items" in document:
        document = document["items"]
    items = document if isinstance(document, list) else [document]
    return [_ror_one(item) for item in items]


def parse_organisations(data: bytes) -> list[OrgRecord]:
    """Detect the format from the content: XML means authors.xml, JSON means ROR."""
    start = data.lstrip()[:1]
    if start == b"<":
        return parse_authors_xml_organisations(data)
    if start in (b"{", b"["):
        return parse_ror_json(data)
    raise OrgSourceError("unknown format: expected an authors.xml or ROR v2 JSON")
