"""The audit tells a gap from a mask, and refuses what is not an author list — in the library,
the CLI and the API/page alike."""

import json
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from science4peace.lib.authorlist.audit import audit, report
from science4peace.lib.authorlist.model import (
    Affiliation,
    Author,
    AuthorList,
    AuthorListError,
    Organisation,
)
from science4peace.lib.authorlist.parse import parse
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "authorlist-files"
CMS_2012 = DATA / "cms-author-list-2012.json"
S4P = str(ROOT / ".venv" / "bin" / "s4p")
NOT_AUTHOR_LISTS = [
    (
        b"{}",
        "not an author list: found an empty JSON object; expected a CERN Open Data "
        "record of type Authors, authors.xml, or this project's CSV or JSON",
    ),
    (b"[]", "not an author list: found an empty JSON array"),
    (b"[1]", "not an author list: found a JSON array holding a number (1) where records belong"),
    (
        b'[{"name": "Lee, Ann"}, "x"]',
        "not an author list: found a JSON array holding a string ('x') where records belong",
    ),
    (
        b'{"authors": []}',
        "not an author list: found a JSON object with the keys authors; "
        "expected a CERN Open Data record of type Authors, authors.xml, or this project's CSV "
        "or JSON",
    ),
    (
        (DATA / "cms-dimuon-spectrum-2011.json").read_bytes(),
        "not an author list: found 1 record(s): a CERN Open Data record of type "
        "Software/Analysis ('Example code to produce the di-muon spectrum from a CMS 2011 or "
        "2012 primary dataset'); none is of type Authors",
    ),
    (
        b"family_name,given_name,paper_name,native_name,suffix,deceased,orcid,inspire_id,"
        b"affiliations\n",
        "not an author list: no author found in it",
    ),
]


def test_cms_2012_list_has_a_data_gap_not_masking():
    result = audit(parse(CMS_2012.read_bytes()))
    assert (result.authors, result.masked_authors, len(result.without_affiliation)) == (
        3308,
        0,
        5,
    )
    assert (result.equal_treatment, result.verdict, result.evidence) == (
        True,
        "equal treatment, with a gap in the data",
        [],
    )
    assert result.gaps == [
        "5 of 3308 authors have no affiliation in the record while the others have one "
        "(missing, not masked): Auguste Besson, Laurent Gross, Daniel Huss, Eric Kieffer, "
        "Yannick Patois"
    ]


def _authors(*affiliations):
    return [Author("A", f"P{i}", affiliations=list(a)) for i, a in enumerate(affiliations)]


def test_mask_and_gap_are_reported_side_by_side():
    placeholder = "an institute covered by a cooperation agreement with CERN"
    authorlist = AuthorList(
        "X",
        _authors([Affiliation("cern")], [Affiliation("mask")], []),
        {"cern": Organisation("cern", "CERN"), "mask": Organisation("mask", placeholder)},
    )
    result = audit(authorlist)
    assert (result.verdict, result.masked, result.without_affiliation) == (
        "not equal treatment",
        {placeholder: ["A P1"]},
        ["A P2"],
    )
    assert report(result).splitlines()[-3:] == [
        "verdict: not equal treatment",
        f"  masking: 1 of 3 authors have a masked affiliation: '{placeholder}' (1 authors)",
        "  gap: 1 of 3 authors have no affiliation in the record while the others have one "
        "(missing, not masked): A P2",
    ]


def test_an_empty_list_is_never_equal_treatment():
    result = audit(AuthorList("X", [], {}))
    assert (result.equal_treatment, result.verdict) == (False, "no authors: nothing to judge")


def test_names_only_list_has_no_gap():
    result = audit(AuthorList("Belle II", _authors([], []), {}))
    assert (result.verdict, result.gaps) == ("equal treatment", [])


@pytest.mark.parametrize(
    ("data", "message"),
    NOT_AUTHOR_LISTS,
    ids=["{}", "[]", "[1]", "mixed-array", "no-authors", "software-record", "csv-header-only"],
)
def test_what_is_not_an_author_list_is_named(data, message):
    with pytest.raises(AuthorListError) as error:
        parse(data)
    assert str(error.value) == message


@settings(max_examples=200)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["authors", "name", "type", "affiliation", "orcid", "format"]),
                inner,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_any_json_is_read_or_refused_with_a_reason(document):
    try:
        result = parse(json.dumps(document).encode())
    except AuthorListError as error:
        message = str(error)
        result = None
    else:
        message = ""
    assert bool(message) != bool(result and result.authors)


@pytest.mark.parametrize("data", [b"[]", b"[1]", b"{}"])
def test_cli_refuses_what_is_not_an_author_list_in_one_line(tmp_path, data):
    path = tmp_path / "x.json"
    path.write_bytes(data)
    result = subprocess.run(
        [S4P, "authorlist", "audit", str(path)], capture_output=True, text=True, timeout=60
    )
    message = dict(NOT_AUTHOR_LISTS)[data]
    assert (result.returncode, result.stderr, result.stdout) == (
        2,
        f"s4p authorlist: {path}: {message}\n",
        "",
    )


def test_cli_audit_of_cms_2012_reports_the_gap():
    result = subprocess.run(
        [S4P, "authorlist", "audit", str(CMS_2012)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == [
        "collaboration: CMS collaboration",
        "authors: 3308",
        "organisations: 172",
    ]
    assert "verdict: equal treatment, with a gap in the data" in result.stdout
