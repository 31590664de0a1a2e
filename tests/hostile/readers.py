"""Every reader of untrusted bytes, in one registry: the hostile corpus and the hypothesis
tests run each entry. A reader is a function of the bytes that returns a result or raises its
own error type (with a message); any other exception is a defect.

To add a reader (say, the catalog's CERN Open Data reader), decorate a function of
``bytes`` with ``@reader("name", ErrorType, kinds=...)`` here; ``kinds`` says which corpus
files and generated structures it is given ("json", "xml", "csv", "any": every file)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from science4peace.lib import indico, orgrecords
from science4peace.lib.authorlist.audit import audit
from science4peace.lib.authorlist.decode import as_utf8_xml, decode
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse, parse_authors_xml, parse_csv
from science4peace.lib.footprint.places import FootprintError
from science4peace.lib.scheduling.model import SchedulingError


@dataclass(frozen=True)
class Reader:
    name: str
    read: Callable[[bytes], object]
    error: type[Exception]
    kinds: frozenset[str]


READERS: dict[str, Reader] = {}


def reader(
    name: str, error: type[Exception], *, kinds: tuple[str, ...] = ("any",)
) -> Callable[[Callable[[bytes], object]], Callable[[bytes], object]]:
    def register(read: Callable[[bytes], object]) -> Callable[[bytes], object]:
        READERS[name] = Reader(name, read, error, frozenset(kinds))
        return read

    return register


def readers_for(kind: str) -> list[Reader]:
    return [r for r in READERS.values() if kind in r.kinds or "any" in r.kinds]


def _via_file(data: bytes, read: Callable[[Path], object]) -> object:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "upload"
        path.write_bytes(data)
        return read(path)


@reader("authorlist", AuthorListError)
def _authorlist(data: bytes) -> object:
    """Format detection (authors.xml, CERN Open Data JSON, our JSON, CSV) and the audit, as
    the audit endpoints run them."""
    return audit(parse(data))


@reader("authors.xml", AuthorListError, kinds=("xml", "any"))
def _authors_xml(data: bytes) -> object:
    decoded = decode(data)
    return parse_authors_xml(as_utf8_xml(decoded.text), skipped_lines=decoded.skipped)


@reader("authorlist-csv", AuthorListError, kinds=("csv", "any"))
def _authorlist_csv(data: bytes) -> object:
    return parse_csv(decode(data).text)


@reader("indico", indico.IndicoError)
def _indico(data: bytes) -> object:
    return indico.parse(data)


@reader("organisations", orgrecords.OrgSourceError)
def _organisations(data: bytes) -> object:
    """The institutions import: authors.xml organisations or ROR v2 JSON."""
    return orgrecords.parse_organisations(data)


@reader("ror", orgrecords.OrgSourceError, kinds=("json", "any"))
def _ror(data: bytes) -> object:
    return orgrecords.parse_ror_json(data)


@reader("footprint-csv", FootprintError)
def _footprint(data: bytes) -> object:
    from science4peace.lib.footprint.cli import _read

    return _via_file(data, _read)


@reader("scheduling-csv", SchedulingError)
def _scheduling(data: bytes) -> object:
    from science4peace.lib.scheduling.model import read_matrix

    return _via_file(data, lambda path: read_matrix(path, "interest"))


@reader("cernopendata", ValueError, kinds=("json",))
def _cernopendata(data: bytes) -> object:
    """The catalog's reader of CERN Open Data record files: it reports every problem in its
    result (file-level and per record) and raises nothing."""
    from science4peace.lib.opendata.records import read_source

    return read_source("upload", data)
