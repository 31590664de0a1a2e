"""The record reader's two shortcuts (lib.opendata.records) read exactly what the full checks
read: the compiled schema check says "valid" for the records jsonschema finds valid and for
no other, and a file whose bytes show no control character has no string to clean."""

import json
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from science4peace.lib.opendata.records import (
    may_hold_controls,
    read_source,
    schema_errors,
    validator,
)
from science4peace.lib.textsafety import first_control

RECORDS = Path(__file__).resolve().parent.parent / "data" / "cernopendata" / "portal-records"


@cache
def _test_records() -> list[dict]:
    found = []
    for path in sorted(RECORDS.glob("*.json")):
        for record in json.loads(path.read_bytes()):
            found.append({**record, "recid": str(record["recid"])})
    return found


def test_the_compiled_check_finds_every_test_record_as_jsonschema_does():
    records = _test_records()
    assert [schema_errors(r) == [] for r in records] == [validator().is_valid(r) for r in records]
    assert len(records) == 91


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = [
    "recid",
    "title",
    "type",
    "experiment",
    "date_created",
    "files",
    "distribution",
    "keywords",
    "methodology",
    "relations",
    "system_details",
    "collision_information",
    "an_unknown_field",
]


@given(
    which=st.integers(0, 90),
    path=st.lists(st.sampled_from([*FIELDS, "0", "primary", "size", "uri", "steps"]), max_size=3),
    value=JSON,
)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_the_compiled_check_agrees_with_jsonschema_on_any_changed_record(which, path, value):
    record = json.loads(json.dumps(_test_records()[which]))
    target = record
    for key in path:
        inner = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, list) and key == "0" and target:
            inner = target[0]
        if not isinstance(inner, (dict, list)):
            break
        target = inner
    if isinstance(target, dict):
        target[path[-1] if path else "title"] = value
    elif target:
        target[0] = value
    assert (schema_errors(record) == []) == validator().is_valid(record)

    def seen(errors):
        return [(list(e.absolute_path), e.validator, e.message) for e in errors]

    assert seen(schema_errors(record)) == seen(
        sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    )


CONTROLS = "\x00\x08\x0b\x0c\x1b\x7f\x85\x9f\u2028\u2029\u202a\u202e\u2066\u2069\t\n\r\\b"


@given(
    text=st.text(
        alphabet=st.characters(exclude_categories=["Cs"]) | st.sampled_from(CONTROLS), max_size=30
    ),
    ascii_only=st.booleans(),
)
@settings(max_examples=400)
def test_a_string_with_a_control_character_is_never_taken_for_clean(text, ascii_only):
    data = json.dumps({text: [text]}, ensure_ascii=ascii_only).encode()
    if first_control(text, multiline=True) is not None:
        assert may_hold_controls(data)


def test_a_file_is_read_the_same_with_and_without_the_control_shortcut():
    hostile = {
        "recid": "900001",
        "title": "Double\x00Mu\u2028",
        "experiment": ["CMS"],
        "publisher": "CERN Open Data Portal",
        "date_published": "2016",
        "type": {"primary": "Dataset"},
        "keywords": ["C:\\bin", "line\x85"],
    }
    for ascii_only in (True, False):
        data = json.dumps([hostile], ensure_ascii=ascii_only).encode()
        result = read_source("hostile.json", data)
        assert [(p.field, p.message) for p in result.problems] == [
            ("title", "control character U+0000 (NULL) removed (and any others in this text)"),
            (
                "keywords.1",
                "control character U+0085 (control character) removed "
                "(and any others in this text)",
            ),
        ]
        assert result.records[0].title == "DoubleMu"
    clean = json.dumps([{**hostile, "title": "DoubleMu", "keywords": ["C:/bin"]}]).encode()
    assert may_hold_controls(clean) is False
    assert read_source("clean.json", clean).problems == []
