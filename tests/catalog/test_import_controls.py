"""Issue 12 for the catalog reader: control characters in a CERN Open Data record are removed
at the reader (lib.opendata.records), with a warning naming the recid and the field; line
breaks and tabs stay in long texts (abstracts, descriptions, scripts) and read as a space in
one-line ones. The record still imports, and what is stored passes the catalog's own
validators."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.catalog.domain.imports import do_import_records
from science4peace.catalog.models import Record
from science4peace.lib.opendata.records import read_source
from science4peace.lib.textsafety import first_control

DOUBLEMU = {
    "recid": "900001",
    "title": "/DoubleMu/Run2011B-12Oct2013-v1/AOD (test copy)",
    "experiment": ["CMS"],
    "publisher": "CERN Open Data Portal",
    "date_published": "2016",
    "type": {"primary": "Dataset", "secondary": ["Collision"]},
}
HOSTILE = {
    **DOUBLEMU,
    "title": "Double\x00Mu\t2011\n\\input{/etc/passwd}",
    "abstract": {"description": "First line.\n\tSecond\x1b[31m line.\x7f\u202e"},
    "keywords": ["muon\x85s", "dimuon"],
    "collaboration": {"name": "CMS\x0bCollaboration"},
    "files": [{"uri": "root://eospublic.cern.ch//a.root", "description": "one\x0ctwo\nthree"}],
}


def _import(records: list[dict]):
    return do_import_records(
        sources=[("hostile.json", json.dumps(records).encode())], actor=None, check_actor=False
    )


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.mark.django_db
def test_a_record_with_control_characters_imports_without_them_and_says_where():
    report = _import([HOSTILE])
    record = Record.objects.get()
    assert (
        record.title,
        record.abstract,
        record.keywords,
        record.collaboration,
        record.files.get().description,
    ) == (
        "DoubleMu 2011 \\input{/etc/passwd}",
        "First line.\n\tSecond[31m line.",
        ["muons", "dimuon"],
        "CMSCollaboration",
        "onetwo\nthree",
    )
    assert [(p.severity, p.recid, p.field, p.message) for p in report.problems] == [
        (
            "warning",
            "900001",
            "title",
            "control character U+0000 (NULL) removed (and any others in this text)",
        ),
        (
            "warning",
            "900001",
            "abstract.description",
            "control character U+001B (control character) removed (and any others in this text)",
        ),
        (
            "warning",
            "900001",
            "keywords.0",
            "control character U+0085 (control character) removed (and any others in this text)",
        ),
        (
            "warning",
            "900001",
            "collaboration.name",
            "control character U+000B (control character) removed (and any others in this text)",
        ),
        (
            "warning",
            "900001",
            "files.0.description",
            "control character U+000C (control character) removed (and any others in this text)",
        ),
    ]
    record.full_clean()
    assert [text for text in _texts(record.published) if first_control(text, multiline=True)] == []


@pytest.mark.django_db
def test_a_record_without_control_characters_imports_without_a_warning_and_unchanged():
    clean = {**DOUBLEMU, "abstract": {"description": "First line.\n\tSecond line."}}
    report = _import([clean])
    record = Record.objects.get()
    assert (report.problems, record.published, record.abstract) == (
        [],
        clean,
        "First line.\n\tSecond line.",
    )


ONE_LINE_FIELDS = ["title", "title_additional", "collaboration", "accelerator", "doi"]


@given(
    title=st.text(min_size=1, max_size=40),
    abstract=st.text(max_size=80),
    keywords=st.lists(st.text(max_size=10), max_size=3),
    name=st.text(max_size=20),
)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_in_a_record_is_read_with_no_control_character_kept(
    title, abstract, keywords, name
):
    record = {
        **DOUBLEMU,
        "title": title,
        "title_additional": name,
        "abstract": {"description": abstract},
        "keywords": keywords,
        "collaboration": {"name": name},
        "accelerator": name,
        "doi": name,
    }
    result = read_source("any.json", json.dumps([record]).encode())
    (parsed,) = result.records
    one_line = [getattr(parsed, field) for field in ONE_LINE_FIELDS] + parsed.keywords
    assert [text for text in one_line if first_control(text)] == []
    assert first_control(parsed.abstract, multiline=True) is None
    assert [p.severity for p in result.problems] == ["warning"] * len(result.problems)
