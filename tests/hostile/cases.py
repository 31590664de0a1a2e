"""The hostile corpus: the files of ``corpus/`` and the cases too large to store, generated
here. Each case is (name, bytes); the name's first word says what it imitates (json, indico,
ror, xml, csv, bytes) and so which readers it is most meant for, but every reader gets every
case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
_EVENT = {
    "title": "T",
    "startDate": {"date": "2025-01-01", "time": "09:00:00", "tz": "UTC"},
    "endDate": {"date": "2025-01-02", "time": "09:00:00", "tz": "UTC"},
    "timezone": "UTC",
}
_CSV_HEADER = (
    "family_name,given_name,paper_name,native_name,suffix,deceased,orcid,inspire_id,affiliations\n"
)


def _generated() -> Iterator[tuple[str, bytes]]:
    yield "json-open-200000-deep", b"[" * 200_000
    yield "json-object-200000-deep", b'{"a":' * 200_000
    yield "json-closed-100000-deep", b"[" * 100_000 + b"]" * 100_000
    deep = "[" * 100_000 + "]" * 100_000
    event = json.dumps({"results": [{**_EVENT, "description": "x"}]})
    yield "indico-nested-100000-deep", event.replace('"x"', deep).encode()
    yield (
        "json-many-brackets-in-strings",
        json.dumps({"authors": [{"name": "[" * 100_000}]}).encode(),
    )
    yield (
        "xml-nested-100000-deep",
        b"<collaborationauthorlist>"
        + b"<a>" * 100_000
        + b"</a>" * 100_000
        + b"</collaborationauthorlist>",
    )
    entity = "a" * 50_000
    yield (
        "xml-quadratic-blowup",
        (
            f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "{entity}">]>'
            f"<collaborationauthorlist>{'&a;' * 5_000}</collaborationauthorlist>"
        ).encode(),
    )
    yield "csv-field-200000-long", (_CSV_HEADER + "A" * 200_000 + ",B,,,,,,,X\n").encode()
    yield (
        "csv-quoted-field-200000-long",
        (_CSV_HEADER + '"' + "A" * 200_000 + '",B,,,,,,,X\n').encode(),
    )
    yield "csv-10000-columns", (",".join(f"c{i}" for i in range(10_000)) + "\n").encode()
    yield "csv-scheduling-field-200000-long", ("0." + "1" * 200_000 + "\n").encode()
    yield "json-float-100000-digits", b'{"results":[{"id":0.' + b"1" * 100_000 + b"}]}"


def cases() -> list[tuple[str, bytes]]:
    stored = [
        (path.name, path.read_bytes())
        for path in sorted(CORPUS.iterdir())
        if path.name != "README.md"
    ]
    return stored + list(_generated())
