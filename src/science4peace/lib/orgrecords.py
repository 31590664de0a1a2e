"""Institution records from the sources people already have: the organisations of an INSPIRE
``authors.xml`` (both the INSPIRE and the old SPIRES namespace) and ROR v2 JSON records.

Both parsers return plain :class:`OrgRecord` values; saving them is the platform's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsontext
from .authorlist.decode import as_utf8_xml, decode
from .authorlist.model import AuthorListError
from .authorlist.parse import parse_authors_xml
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
    """The organisations an INSPIRE ``authors.xml`` declares, in document order, read by the
    author-list parser (countries from the addresses, LaTeX accents decoded). Addresses that
    the parser adopts from authors' references are not declared organisations and are left
    out. Raises :class:`OrgSourceError` on bad input."""
    try:
        decoded = decode(data)  # arXiv's %auto-ignore line, byte-order marks, encodings
        authorlist = parse_authors_xml(as_utf8_xml(decoded.text), skipped_lines=decoded.skipped)
    except AuthorListError as exc:
        raise OrgSourceError(str(exc)) from exc
    return [
        OrgRecord(
            name=org.name,
            country=org.country,
            address=org.address,
            ror=org.ror,
            icns=[org.icn] if org.icn else [],
            kind=_kind_for(org.name, [org.icn]),
            website=org.domain
            if not org.domain or org.domain.startswith(("http://", "https://"))
            else f"https://{org.domain}",
            source_id=org.key,
        )
        for org in authorlist.organisations.values()
        if org.key not in authorlist.adopted
    ]


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


def _dicts(record: dict[str, Any], key: str, ror: str) -> list[dict[str, Any]]:
    """``record[key]``: a list of objects (absent is empty); anything else is an error."""
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise OrgSourceError(f"ROR record {ror}: {key} must be a list of objects")
    return value


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _ror_one(record: Any) -> OrgRecord:
    if not isinstance(record, dict):
        raise OrgSourceError(f"not a ROR v2 record: found {type(record).__name__} {record!r:.40}")
    try:
        ror = normalise_ror(_str(record.get("id")))
    except InvalidRor as exc:
        raise OrgSourceError(f"not a ROR v2 record: {exc}") from exc
    if "names" not in record:
        raise OrgSourceError(f"not a ROR v2 record: {ror} has no names")
    names = _dicts(record, "names", ror)
    locations = _dicts(record, "locations", ror)
    display = next(
        (
            n["value"]
            for n in names
            if isinstance(n.get("types"), list) and "ror_display" in n["types"]
        ),
        None,
    )
    if not isinstance(display, str) or not display.strip():
        raise OrgSourceError(f"ROR record {ror} has no name of type ror_display")
    # The first location is the seat; other locations do not change the country.
    seat = locations[0].get("geonames_details") if locations else None
    seat = seat if isinstance(seat, dict) else {}
    types = record.get("types")
    kinds = (
        [_ROR_KINDS.get(t, OTHER) for t in types if isinstance(t, str)]
        if isinstance(types, list)
        else []
    )
    website = next(
        (
            _str(link.get("value"))
            for link in _dicts(record, "links", ror)
            if link.get("type") == "website"
        ),
        "",
    )
    parent = next(
        (
            _str(rel.get("id"))
            for rel in _dicts(record, "relationships", ror)
            if rel.get("type") == "parent"
        ),
        None,
    )
    place = ", ".join(p for p in (_str(seat.get("name")), _str(seat.get("country_name"))) if p)
    country = _str(seat.get("country_code")).upper()
    return OrgRecord(
        name=display.strip(),
        country=country if len(country) == 2 and country.isalpha() and country.isascii() else None,
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
        document = jsontext.loads(data)
    except jsontext.JSONTextError as exc:
        raise OrgSourceError(f"malformed JSON: {exc}") from exc
    if isinstance(document, dict) and "items" in document:
        document = document["items"]
    items = document if isinstance(document, list) else [document]
    if not items:
        raise OrgSourceError("no ROR record in the file")
    return [_ror_one(item) for item in items]


def parse_organisations(data: bytes) -> list[OrgRecord]:
    """Detect the format from the content: XML means authors.xml, JSON means ROR."""
    try:
        text = decode(data).text
    except AuthorListError as exc:
        raise OrgSourceError(str(exc)) from exc
    start = text.lstrip()[:1]
    if start == "<":
        return parse_authors_xml_organisations(data)
    if start in ("{", "["):
        return parse_ror_json(text.encode())
    raise OrgSourceError("unknown format: expected an authors.xml or ROR v2 JSON")
