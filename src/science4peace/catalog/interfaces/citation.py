"""How to get and how to cite a record: ``cernopendata-client`` command lines, BibTeX,
DataCite-style metadata, schema.org JSON-LD."""

from __future__ import annotations

import json
import re
from typing import Any

from pylatexenc.latexencode import unicode_to_latex

from science4peace.catalog.models import Record

PORTAL = "https://opendata.cern.ch"
PUBLISHER = "CERN Open Data Portal"
MAX_DISTRIBUTIONS = 20
DATACITE_TYPES = {
    "Dataset": "Dataset",
    "Software": "Software",
    "Environment": "Software",
    "Documentation": "Text",
    "Supplementaries": "Other",
}
SCHEMA_ORG_TYPES = {"Software": "SoftwareSourceCode", "Environment": "SoftwareApplication"}


def portal_url(record: Record) -> str:
    return f"{PORTAL}/record/{record.recid}"


def client_commands(record: Record) -> list[str]:
    """The ``cernopendata-client`` command lines for this record (the client's own syntax)."""
    recid = record.recid
    commands = [
        f"cernopendata-client get-metadata --recid {recid}",
        f"cernopendata-client get-file-locations --recid {recid}",
        f"cernopendata-client get-file-locations --recid {recid} --protocol root",
        f"cernopendata-client download-files --recid {recid} --verify",
        f"cernopendata-client verify-files --recid {recid}",
    ]
    if record.doi:
        commands.append(f"cernopendata-client get-metadata --doi {record.doi}")
    return commands


def _author(record: Record) -> str:
    return record.collaboration or (
        f"{record.experiment} Collaboration" if record.experiment else PUBLISHER
    )


def _year(record: Record) -> str:
    return str(record.published_year or record.year or "")


def bibtex(record: Record) -> str:
    key = re.sub(r"[^A-Za-z0-9]+", "", record.experiment or "opendata") + f":{record.recid}"
    fields = [
        ("author", "{" + unicode_to_latex(_author(record)) + "}"),
        ("title", "{" + unicode_to_latex(record.title) + "}"),
        ("publisher", PUBLISHER),
        ("year", _year(record)),
        ("doi", record.doi),
        ("url", portal_url(record)),
        ("note", unicode_to_latex(record.type_primary + " record " + str(record.recid))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}\n"


def datacite(record: Record) -> dict[str, Any]:
    """DataCite-style metadata (the properties of the DataCite Metadata Schema 4)."""
    subtype = "/".join([record.type_primary, *record.type_secondary])
    data: dict[str, Any] = {
        "identifiers": (
            [{"identifier": record.doi, "identifierType": "DOI"}] if record.doi else []
        ),
        "creators": [{"name": _author(record), "nameType": "Organizational"}],
        "titles": [{"title": record.title}],
        "publisher": PUBLISHER,
        "publicationYear": _year(record),
        "types": {
            "resourceTypeGeneral": DATACITE_TYPES.get(record.type_primary, "Other"),
            "resourceType": subtype,
        },
        "subjects": [{"subject": k} for k in [*record.keywords, *record.experiments]],
        "descriptions": (
            [{"description": record.abstract, "descriptionType": "Abstract"}]
            if record.abstract
            else []
        ),
        "rightsList": [{"rights": record.license}] if record.license else [],
        "formats": list(record.formats),
        "url": portal_url(record),
    }
    if record.doi:
        data["doi"] = record.doi
    if record.size:
        data["sizes"] = [f"{record.size} bytes"]
    return data


def json_ld(record: Record, *, files: list[Any], url: str) -> dict[str, Any]:
    """schema.org metadata: a ``Dataset`` for datasets (software and other records as their
    own schema.org types)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_ORG_TYPES.get(
            record.type_primary, "Dataset" if record.type_primary == "Dataset" else "CreativeWork"
        ),
        "name": record.title,
        "url": url,
        "sameAs": portal_url(record),
        "identifier": (
            f"https://doi.org/{record.doi}" if record.doi else f"cernopendata:{record.recid}"
        ),
        "creator": {"@type": "Organization", "name": _author(record)},
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "isAccessibleForFree": True,
    }
    if record.abstract:
        data["description"] = record.abstract
    if record.license:
        data["license"] = record.license
    if _year(record):
        data["datePublished"] = _year(record)
    if record.date_created:
        data["temporalCoverage"] = "/".join(
            sorted({record.date_created[0], record.date_created[-1]})
        )
    keywords = [*record.keywords, *record.experiments, *record.run_periods]
    if keywords:
        data["keywords"] = keywords
    if data["@type"] == "Dataset" and files:
        data["distribution"] = [
            {
                "@type": "DataDownload",
                "contentUrl": f.uri,
                **({"contentSize": f"{f.size} B"} if f.size is not None else {}),
                **({"encodingFormat": f.kind} if f.kind else {}),
            }
            for f in files[:MAX_DISTRIBUTIONS]
        ]
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">`` (no ``</script>``)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def http_uri(uri: str) -> str:
    """A file's ``root://eospublic.cern.ch//eos/...`` URI as the portal's HTTPS address."""
    prefix = "root://eospublic.cern.ch/"
    if uri.startswith(prefix):
        return "https://opendata.cern.ch" + uri[len(prefix) :].replace("//", "/", 1)
    return uri
