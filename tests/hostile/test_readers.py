"""Every reader answers every hostile case with a result or its own error with a message
(issue 12, defect 5)."""

from __future__ import annotations

import pytest

from tests.hostile.cases import cases
from tests.hostile.readers import READERS, Reader

CASES = cases()
BY_NAME = dict(CASES)


def outcome(reader: Reader, data: bytes) -> tuple[str, str]:
    """("result", "") or ("error", message) for the reader's own error; any other exception
    propagates (and fails the test)."""
    try:
        reader.read(data)
    except reader.error as error:
        return "error", str(error)
    return "result", ""


@pytest.mark.parametrize(("name", "data"), CASES, ids=[name for name, _data in CASES])
@pytest.mark.parametrize("reader", READERS.values(), ids=list(READERS))
def test_every_reader_answers_every_hostile_case_with_a_result_or_its_own_error(
    reader: Reader, name: str, data: bytes
) -> None:
    kind, message = outcome(reader, data)
    assert (kind, kind == "result" or bool(message.strip())) in {
        ("result", True),
        ("error", True),
    }


@pytest.mark.parametrize(
    ("reader", "case", "words"),
    [
        ("authorlist", "json-open-200000-deep", "nested more than 64 levels"),
        ("authorlist", "json-array-of-mixed.json", "not an author list"),
        ("authorlist", "json-format-x-authors-5.json", "not an author list"),
        ("authorlist", "json-nan.json", "NaN is not a JSON number"),
        ("authorlist", "json-huge-float.json", "too large"),
        ("authorlist", "xml-billion-laughs.xml", "refused XML"),
        ("authorlist", "xml-xxe-file.xml", "refused XML"),
        ("authorlist", "csv-field-200000-long", "unreadable CSV"),
        ("indico", "indico-nested-100000-deep", "nested more than 64 levels"),
        ("indico", "indico-tz-5.json", "startDate.tz: expected text"),
        ("indico", "indico-contributions-5.json", "contributions: expected a list"),
        ("indico", "indico-sessions-x.json", "sessions[0]: expected a session block"),
        ("indico", "indico-session-contributions-5.json", "sessions[0].contributions"),
        ("indico", "indico-speakers-5.json", "contributions[0].speakers: expected a list"),
        ("indico", "json-huge-int.json", "digits"),
        ("ror", "ror-names-5.json", "names must be a list of objects"),
        ("ror", "ror-name-5.json", "no name of type ror_display"),
        ("organisations", "json-open-200000-deep", "nested more than 64 levels"),
        ("footprint-csv", "csv-field-200000-long", "unreadable CSV"),
        ("scheduling-csv", "csv-scheduling-field-200000-long", "unreadable CSV"),
    ],
)
def test_the_reproducers_of_issue_12_get_an_error_naming_what_is_wrong(
    reader: str, case: str, words: str
) -> None:
    kind, message = outcome(READERS[reader], BY_NAME[case])
    assert (kind, words in message) == ("error", True), message
