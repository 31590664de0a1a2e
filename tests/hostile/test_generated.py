"""Hypothesis over generated JSON, XML and CSV structures shaped like each reader's format,
with any field replaced by any JSON value (issue 12, defect 5): every reader answers a result
or its own error."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.readers import READERS, readers_for

FAST = settings(max_examples=60, suppress_health_check=list(HealthCheck))

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def maybe(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the valid shape, sometimes any JSON value in its place."""
    return st.one_of(valid, valid, json_values)


def shaped(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={key: maybe(value) for key, value in fields.items()})


names = st.text(min_size=1, max_size=12)
when = shaped(
    {
        "date": st.sampled_from(["2025-01-01", "2025-13-01", "0001-01-01", "9999-12-31", "x"]),
        "time": st.sampled_from(["09:00:00", "25:00", "00:00+14:00"]),
        "tz": st.sampled_from(["UTC", "Europe/Vienna", "Pacific/Kiritimati", "No/Zone", ""]),
    }
)
speaker = shaped(
    {
        "first_name": names,
        "last_name": names,
        "fullName": names,
        "affiliation": names,
        "emailHash": st.text(alphabet="0123456789abcdefA", min_size=32, max_size=32),
        "email": st.emails(),
        "orcid": st.sampled_from(["0000-0002-1825-0097", "0000-0002-1825-0098", "x"]),
        "person_id": st.integers() | names,
    }
)
contribution = shaped(
    {
        "title": names,
        "startDate": when,
        "endDate": when,
        "duration": st.integers(-5, 2000),
        "speakers": st.lists(speaker, max_size=3),
        "track": names | st.fixed_dictionaries({"title": maybe(names)}),
        "session": names | st.fixed_dictionaries({"title": maybe(names)}),
        "type": names | st.fixed_dictionaries({"name": maybe(names)}),
        "primaryauthors": st.lists(speaker, max_size=2),
    }
)
slot = shaped(
    {
        "title": names,
        "session": st.fixed_dictionaries({"title": maybe(names)}),
        "startDate": when,
        "endDate": when,
        "contributions": st.lists(contribution, max_size=3),
    }
)
indico_event = shaped(
    {
        "id": st.integers() | names,
        "title": names,
        "description": names,
        "timezone": st.sampled_from(["UTC", "Europe/Vienna", "Mars/Base"]),
        "startDate": when,
        "endDate": when,
        "contributions": st.lists(contribution, max_size=3),
        "sessions": st.lists(slot, max_size=2),
    }
)
indico_export = st.builds(lambda event: {"results": [event]}, indico_event) | json_values

open_data_author = shaped({"name": names, "affiliation": names, "orcid": names, "inspireid": names})
open_data = shaped(
    {
        "type": st.fixed_dictionaries(
            {"primary": maybe(names), "secondary": maybe(st.just(["Authors"]))}
        ),
        "collaboration": st.fixed_dictionaries({"name": maybe(names)}),
        "authors": st.lists(open_data_author, max_size=4),
        "recid": st.integers() | names,
        "date_published": names,
    }
)
organisation = shaped(
    {
        "key": st.sampled_from(["o1", "o2"]),
        "name": names,
        "country": names,
        "funding": st.lists(names),
    }
)
our_author = shaped(
    {
        "given": names,
        "family": names,
        "deceased": st.booleans(),
        "orcid": st.none() | names,
        "affiliations": st.lists(
            shaped(
                {
                    "organisation": st.sampled_from(["o1", "o2", "o3"]),
                    "connection": st.sampled_from(["affiliated", "also_at", "nope"]),
                }
            ),
            max_size=2,
        ),
    }
)
our_json = st.builds(
    lambda rest: {"format": "science4peace-authorlist/1", **rest},
    shaped(
        {
            "collaboration": names,
            "organisations": st.lists(organisation, max_size=3),
            "authors": st.lists(our_author, max_size=3),
            "funding": st.lists(names),
        }
    ),
)
ror_record = shaped(
    {
        "id": st.sampled_from(["https://ror.org/01ggx4157", "01ggx4157", "x"]),
        "names": st.lists(shaped({"value": names, "types": st.just(["ror_display"])}), max_size=2),
        "types": st.lists(st.sampled_from(["education", "facility", "x"])),
        "locations": st.lists(
            st.fixed_dictionaries(
                {"geonames_details": shaped({"name": names, "country_code": names})}
            ),
            max_size=2,
        ),
        "links": st.lists(shaped({"type": st.just("website"), "value": names}), max_size=2),
        "relationships": st.lists(shaped({"type": st.just("parent"), "id": names}), max_size=2),
    }
)
ror = (
    ror_record
    | st.lists(ror_record, max_size=3)
    | st.fixed_dictionaries({"items": maybe(st.lists(ror_record))})
)

json_documents = (
    indico_export | open_data | st.lists(open_data, max_size=2) | our_json | ror | json_values
)


def assert_answers(data: bytes, kinds: str) -> None:
    silent = []
    for reader in readers_for(kinds):
        try:
            reader.read(data)
        except reader.error as error:
            if not str(error).strip():
                silent.append(reader.name)
    assert silent == []


@FAST
@given(json_documents)
def test_json_readers_answer_generated_documents(document: Any) -> None:
    assert_answers(json.dumps(document).encode(), "json")


# XML: authors.xml-like trees with any names, attributes and text.
xml_text = st.text(max_size=15).map(escape)
tags = st.sampled_from(
    [
        "foaf:Person",
        "foaf:name",
        "foaf:familyName",
        "foaf:givenName",
        "cal:authorNamePaper",
        "cal:authorAffiliations",
        "cal:authorAffiliation",
        "cal:authorids",
        "cal:authorid",
        "foaf:Organization",
        "cal:orgName",
        "cal:orgAddress",
        "cal:collaboration",
        "cal:authors",
        "cal:organizations",
        "x",
    ]
)
attributes = st.dictionaries(
    st.sampled_from(["id", "organizationid", "connection", "source"]),
    st.text(max_size=10),
    max_size=2,
)


def _element(tag: str, attrs: dict[str, str], body: list[str] | str) -> str:
    attributes_text = "".join(f" {key}={quoteattr(value)}" for key, value in attrs.items())
    inner = body if isinstance(body, str) else "".join(body)
    return f"<{tag}{attributes_text}>{inner}</{tag}>"


xml_elements = st.recursive(
    st.builds(_element, tags, attributes, xml_text),
    lambda inner: st.builds(_element, tags, attributes, st.lists(inner, max_size=4)),
    max_leaves=15,
)
NAMESPACES = (
    'xmlns:foaf="http://xmlns.com/foaf/0.1/" '
    'xmlns:cal="http://inspirehep.net/info/HepNames/tools/authors_xml/"'
)


@FAST
@given(st.lists(xml_elements, max_size=5), st.sampled_from(["UTF-8", "ISO-8859-1", "ascii"]))
def test_xml_readers_answer_generated_documents(children: list[str], encoding: str) -> None:
    document = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f"<collaborationauthorlist {NAMESPACES}>{''.join(children)}</collaborationauthorlist>"
    )
    assert_answers(document.encode("utf-8"), "xml")


@FAST
@given(
    st.lists(
        st.sampled_from(
            [
                "family_name",
                "given_name",
                "affiliations",
                "orcid",
                "city",
                "count",
                "lat",
                "lon",
                "country",
                "deceased",
                "x",
            ]
        ),
        min_size=1,
        max_size=10,
    ),
    st.lists(st.lists(st.text(max_size=12) | st.floats().map(str), max_size=10), max_size=5),
)
def test_csv_readers_answer_generated_tables(header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    assert_answers(out.getvalue().encode("utf-8"), "csv")


@FAST
@given(st.binary(max_size=300))
def test_every_reader_answers_any_bytes(data: bytes) -> None:
    assert_answers(data, "any")


def test_the_registry_holds_every_reader_of_uploads() -> None:
    assert sorted(READERS) == [
        "authorlist",
        "authorlist-csv",
        "authors.xml",
        "cernopendata",
        "footprint-csv",
        "indico",
        "organisations",
        "ror",
        "scheduling-csv",
    ]
