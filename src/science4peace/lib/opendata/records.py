"""Reading CERN Open Data portal records: record files (JSON arrays), single records and the
REST API's envelope (``{"id": ..., "metadata": {...}}``), validated against the portal's
schema (``record-v1.0.0.json``, draft-07, resolved offline).

:func:`read_source` never raises on bad input: it returns the records it could read and a
:class:`Problem` for each one it could not (or each oddity worth a warning).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator
from referencing import Registry
from referencing.exceptions import NoSuchResource

from science4peace.lib import jsontext
from science4peace.lib.textsafety import describe, first_control, one_line, without_controls

from . import tokens

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_RECID = 2_147_483_647
KNOWN_EXPERIMENTS = frozenset(
    {"ALICE", "ATLAS", "CMS", "DELPHI", "LHCb", "OPERA", "PHENIX", "TOTEM", "JADE", "ALEPH"}
)
ERROR, WARNING = "error", "warning"
# A schema error in one of these top-level fields rejects the record: the catalog reads them.
# An error anywhere else (e.g. ``methodology.steps[].note`` given as text, as 302 of the
# portal's own CMS records do) is a warning; the record imports, kept as published.
READ_FIELDS = frozenset(
    {
        "recid",
        "title",
        "title_additional",
        "type",
        "experiment",
        "date_published",
        "date_created",
        "publisher",
        "abstract",
        "accelerator",
        "collaboration",
        "collision_information",
        "distribution",
        "doi",
        "files",
        "keywords",
        "categories",
        "license",
        "relations",
        "run_period",
        "system_details",
    }
)


@dataclass(frozen=True)
class Problem:
    source: str
    severity: str
    message: str
    recid: str = ""
    index: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = self.source
        if self.index is not None:
            where += f" [record {self.index}]"
        if self.recid:
            where += f" recid {self.recid}"
        if self.field:
            where += f" field {self.field}"
        return f"{self.severity}: {where}: {self.message}"


@dataclass
class FileRecord:
    file: str
    uri: str
    size: int | None
    checksum: str
    kind: str
    description: str


@dataclass
class Relation:
    kind: str
    recid: int | None
    title: str
    doi: str
    description: str


@dataclass
class OpenRecord:
    """One record as published plus the fields the catalog keeps apart."""

    recid: int
    published: dict[str, Any]
    digest: str
    title: str
    title_additional: str
    abstract: str
    type_primary: str
    type_secondary: list[str]
    experiments: list[str]
    collaboration: str
    accelerator: str
    run_periods: list[str]
    collision_energy: str
    collision_type: str
    date_created: list[str]
    date_published: str
    year: int | None
    published_year: int | None
    doi: str
    license: str
    size: int | None
    number_events: int | None
    number_files: int | None
    formats: list[str]
    availability: str
    keywords: list[str]
    category_primary: str
    categories_secondary: list[str]
    release: str
    global_tag: str
    container_images: list[dict[str, str]]
    files: list[FileRecord] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    @property
    def experiment(self) -> str:
        return self.experiments[0] if self.experiments else ""

    def facets(self) -> set[tuple[str, str]]:
        found = {("all", ""), *{("experiment", e) for e in self.experiments if e}}
        found |= {("type", self.type_primary)} if self.type_primary else set()
        found |= {("year", str(self.year))} if self.year else set()
        found |= {("energy", self.collision_energy)} if self.collision_energy else set()
        found |= {("collision", self.collision_type)} if self.collision_type else set()
        found |= {("format", f.lower()) for f in self.formats if f}
        found |= {("availability", self.availability)} if self.availability else set()
        return {(facet, value[:200]) for facet, value in found}

    def search_title(self) -> str:
        return tokens.document([self.title, self.title_additional])

    def search_tags(self) -> str:
        return tokens.document(
            [
                *self.keywords,
                *self.experiments,
                self.collaboration,
                self.type_primary,
                *self.type_secondary,
                self.category_primary,
                *self.categories_secondary,
                *self.run_periods,
            ]
        )

    def search_document(self) -> str:
        return tokens.document(
            [
                self.title,
                self.title_additional,
                *self.keywords,
                *self.experiments,
                self.collaboration,
                self.type_primary,
                *self.type_secondary,
                self.category_primary,
                *self.categories_secondary,
                *self.run_periods,
                self.collision_energy,
                self.collision_type,
                self.abstract,
                str(self.recid),
                self.doi,
            ]
        )


@cache
def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("record-v1.0.0.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _no_network(uri: str) -> Any:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class, untyped init


def offline_registry() -> Registry[Any]:
    """A registry that never fetches: a ``$ref`` to anything not bundled is an error."""
    registry: Registry[Any] = Registry(retrieve=_no_network)  # type: ignore[call-arg]
    return registry


@cache
def validator() -> Draft7Validator:
    """The portal schema's validator (the schema has no ``$ref``; draft-07's metaschema is
    bundled with jsonschema)."""
    return Draft7Validator(schema(), registry=offline_registry())


@cache
def fast_check() -> Callable[[Any], Any]:
    """The portal schema compiled to Python (``fastjsonschema``): about 30 times faster than
    ``validator()`` and, on the portal's 8,048 records and the tests' records, of the same
    verdict. It only says whether a record is valid (it stops at the first error, in words of
    its own); the errors of an invalid record are always ``validator()``'s."""
    compiled: Callable[[Any], Any] = fastjsonschema.compile(schema())
    return compiled


def schema_errors(record: Any) -> list[Any]:
    """``validator()``'s errors of ``record`` by path (none for a valid record, found
    without it)."""
    try:
        fast_check()(record)
    except fastjsonschema.JsonSchemaException:
        return sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return []


def digest(record: Mapping[str, Any]) -> str:
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _records_in(source: str, data: Any) -> Iterator[tuple[int | None, Any]]:
    if isinstance(data, list):
        yield from enumerate(data)
    elif isinstance(data, dict) and isinstance(data.get("hits"), dict):
        yield from enumerate(data["hits"].get("hits") or [])
    else:
        yield None, data


def _unwrap(item: Any) -> Any:
    """The record inside a REST API envelope ``{"id", "metadata"}``; other values as they are."""
    if isinstance(item, dict) and isinstance(item.get("metadata"), dict) and "title" not in item:
        return item["metadata"]
    return item


def _path(parts: Any) -> str:
    return ".".join(str(p) for p in parts)


# What a file's bytes hold wherever a parsed string of it (a text or a key) has a character
# that ``_without_controls`` removes: the character itself in UTF-8 (C0 but the JSON
# whitespace TAB, LF and CR, which a JSON string cannot hold raw; DEL; C1; the line and
# paragraph separators; the bidirectional controls), or a JSON escape that may stand for one
# (``\b``, ``\f``, ``\u0000``-``\u001f``, ``\u007f``-``\u009f``, ``\u2028``-``\u202e``,
# ``\u2066``-``\u2069``). A file without any (the portal's usual file) has no string to clean.
# A match is not always a control character (an escaped backslash before a "b"): then every
# string is checked, as for a file with one.
_MAY_HOLD_CONTROLS = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]"
    rb"|\\[bf]|\\u(?:00[01]|007[fF]|00[89]|202[89a-eA-E]|206[6-9])"
)


def may_hold_controls(data: bytes) -> bool:
    """False when no string of the JSON text ``data`` (UTF-8) holds a character that
    ``_without_controls`` removes; True when one may."""
    return _MAY_HOLD_CONTROLS.search(data) is not None


def _without_controls(value: Any, path: tuple[Any, ...], found: dict[str, str]) -> Any:
    """``value`` with every control character removed from its texts and keys but line
    breaks and tabs (the portal writes those in abstracts, descriptions and scripts); the
    first character removed at each path goes into ``found``."""
    if isinstance(value, str):
        char = first_control(value, multiline=True)
        if char is None:
            return value
        found.setdefault(_path(path), char)
        return without_controls(value, multiline=True)
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            clean_key = _without_controls(key, path, found) if isinstance(key, str) else key
            cleaned[clean_key] = _without_controls(item, (*path, clean_key), found)
        return cleaned
    if isinstance(value, list):
        return [_without_controls(item, (*path, index), found) for index, item in enumerate(value)]
    return value


def _text(value: Any) -> str:
    """A one-line field: a line break or tab left in it reads as a space."""
    return one_line(value) if isinstance(value, str) else ""


def _long_text(value: Any) -> str:
    """A multi-line field (an abstract, a description): line breaks and tabs kept."""
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [one_line(value)]
    if isinstance(value, list):
        return [one_line(v) for v in value if isinstance(v, str)]
    return []


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _year(values: list[str]) -> int | None:
    years = [int(v[:4]) for v in values if v[:4].isdigit() and 1900 < int(v[:4]) < 2200]
    return min(years) if years else None


def _availability(record: dict[str, Any], files: list[FileRecord]) -> str:
    distribution = record.get("distribution") or {}
    for value in (distribution.get("availability"), record.get("availability")):
        if isinstance(value, str) and value:
            return value.replace(" ", "").lower()
    details = record.get("_availability_details")
    if isinstance(details, dict) and details:
        return "ondemand" if details.get("on demand") else "online"
    return "online" if files or record.get("_files") else ""


def extract(record: dict[str, Any], recid: int) -> OpenRecord:
    """The catalog's fields of a validated record (unknown fields stay in ``published``)."""
    kind = record.get("type") or {}
    collision = record.get("collision_information") or {}
    distribution = record.get("distribution") or {}
    categories = record.get("categories") or {}
    system = record.get("system_details") or {}
    files = [
        FileRecord(
            file="",
            uri=_text(f.get("uri")),
            size=_int(f.get("size")),
            checksum=_text(f.get("checksum")),
            kind=_text(f.get("type")),
            description=_long_text(f.get("description")),
        )
        for f in (record.get("files") or [])
        if isinstance(f, dict) and f.get("uri")
    ]
    relations = [
        Relation(
            kind=_text(r.get("type")),
            recid=_int(r.get("recid")),
            title=_text(r.get("title")),
            doi=_text(r.get("doi")),
            description=_long_text(r.get("description")),
        )
        for r in (record.get("relations") or [])
        if isinstance(r, dict)
    ]
    date_created = _strings(record.get("date_created"))
    date_published = _text(record.get("date_published"))
    images = [
        {k: one_line(v) for k, v in image.items() if isinstance(v, str)}
        for image in (system.get("container_images") or [])
        if isinstance(image, dict)
    ]
    return OpenRecord(
        recid=recid,
        published=record,
        digest=digest(record),
        title=_text(record.get("title")),
        title_additional=_text(record.get("title_additional")),
        abstract=_long_text((record.get("abstract") or {}).get("description")),
        type_primary=_text(kind.get("primary")),
        type_secondary=_strings(kind.get("secondary")),
        experiments=_strings(record.get("experiment")),
        collaboration=_text((record.get("collaboration") or {}).get("name")),
        accelerator=_text(record.get("accelerator")),
        run_periods=_strings(record.get("run_period")),
        collision_energy=_text(collision.get("energy")),
        collision_type=_text(collision.get("type")),
        date_created=date_created,
        date_published=date_published,
        year=_year(date_created) or _year([date_published]),
        published_year=_year([date_published]),
        doi=_text(record.get("doi")),
        license=_text((record.get("license") or {}).get("attribution")),
        size=_int(distribution.get("size")),
        number_events=_int(distribution.get("number_events")),
        number_files=_int(distribution.get("number_files")),
        formats=_strings(distribution.get("formats")),
        availability=_availability(record, files),
        keywords=_strings(record.get("keywords")),
        category_primary=_text(categories.get("primary")),
        categories_secondary=_strings(categories.get("secondary")),
        release=_text(system.get("release")),
        global_tag=_text(system.get("global_tag")),
        container_images=images,
        files=files,
        relations=relations,
    )


def check(
    source: str, index: int | None, item: Any, *, controls: bool = True
) -> tuple[OpenRecord | None, list[Problem]]:
    """Validate one item of a file; the record (``None`` if rejected) and its problems.
    ``controls=False``: the item's strings are known to hold no control character
    (:func:`may_hold_controls`), so they are not checked one by one."""
    record = _unwrap(item)
    if not isinstance(record, dict):
        return None, [Problem(source, ERROR, "not a JSON object", index=index)]
    removed: dict[str, str] = {}
    if controls:
        record = _without_controls(record, (), removed)
    raw_recid = record.get("recid")
    if isinstance(raw_recid, int) and not isinstance(raw_recid, bool):
        record = {**record, "recid": str(raw_recid)}
        raw_recid = record["recid"]
    recid_text = raw_recid if isinstance(raw_recid, str) else ""
    problems = [
        Problem(
            source,
            WARNING,
            f"control character {describe(char)} removed (and any others in this text)",
            recid_text,
            index,
            where,
        )
        for where, char in removed.items()
    ]
    fatal = False
    for error in schema_errors(record):
        where = _path(error.absolute_path)
        if error.validator == "additionalProperties":
            # fields the schema does not know still import; they stay in the published record
            unknown = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            problems.append(
                Problem(
                    source,
                    WARNING,
                    "field(s) not in the portal schema, kept as published: " + ", ".join(unknown),
                    recid_text,
                    index,
                    ".".join(filter(None, [where, unknown[0] if unknown else ""])),
                )
            )
            continue
        if error.absolute_path and error.absolute_path[0] not in READ_FIELDS:
            problems.append(
                Problem(
                    source,
                    WARNING,
                    "does not match the portal schema, kept as published: " + error.message[:200],
                    recid_text,
                    index,
                    where,
                )
            )
            continue
        fatal = True
        if error.validator == "required":
            missing = [p for p in error.validator_value if p not in error.instance]
            where = ".".join(filter(None, [where, *missing[:1]]))
            message = "required field missing"
        else:
            message = error.message[:300]
        problems.append(Problem(source, ERROR, message, recid_text, index, where))
    if not fatal and not (recid_text.isascii() and recid_text.isdigit()):
        problems.append(
            Problem(source, ERROR, "recid is not a number", recid_text[:40], index, "recid")
        )
        fatal = True
    recid = int(recid_text) if not fatal else 0
    if not fatal and not 0 < recid <= MAX_RECID:
        problems.append(Problem(source, ERROR, "recid out of range", recid_text, index, "recid"))
        fatal = True
    if fatal:
        return None, problems
    parsed = extract(record, recid)
    for name in parsed.experiments:
        if name not in KNOWN_EXPERIMENTS:
            problems.append(
                Problem(
                    source,
                    WARNING,
                    f"experiment {name!r} is new to the catalog; imported",
                    recid_text,
                    index,
                    "experiment",
                )
            )
    return parsed, problems


@dataclass
class SourceResult:
    source: str
    records: list[OpenRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    items: int = 0


def read_source(source: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> SourceResult:
    """Every record of one file (array, single record or API envelope), checked."""
    result = SourceResult(source)
    if len(data) > max_bytes:
        result.problems.append(
            Problem(source, ERROR, f"the file is {len(data)} bytes; the limit is {max_bytes} bytes")
        )
        return result
    try:
        loaded = jsontext.loads(data)
    except jsontext.JSONTextError as exc:
        result.problems.append(Problem(source, ERROR, str(exc)))
        return result
    controls = may_hold_controls(data)
    for index, item in _records_in(source, loaded):
        result.items += 1
        try:
            parsed, problems = check(source, index, item, controls=controls)
        except RecursionError:
            parsed, problems = None, [Problem(source, ERROR, "nested too deeply", index=index)]
        result.problems.extend(problems)
        if parsed is not None:
            result.records.append(parsed)
    if result.items == 0:
        result.problems.append(Problem(source, WARNING, "no records in the file"))
    return result
