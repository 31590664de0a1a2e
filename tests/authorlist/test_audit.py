import json
import subprocess

import pytest

from science4peace.lib.authorlist.audit import audit
from science4peace.lib.authorlist.parse import parse
from tests.authorlist.conftest import OPEN_DATA, REAL
from tests.conftest import S4P


def test_lhcb_2015_masks_53_of_727_authors():
    result = audit(parse((OPEN_DATA / "lhcb-author-list-2015.json").read_bytes()))
    assert (result.authors, result.masked_authors, result.equal_treatment) == (727, 53, False)
    assert result.evidence == [
        "53 of 727 authors have a masked affiliation: 'Authors affiliated with an institute "
        "formerly covered by a cooperation agreement with CERN.' (53 authors)"
    ]


@pytest.mark.parametrize(("name", "authors"), [("2011", 586), ("2012", 620)])
def test_lhcb_before_2022_treats_everyone_alike(name, authors):
    result = audit(parse((OPEN_DATA / f"lhcb-author-list-{name}.json").read_bytes()))
    assert (result.authors, result.masked_authors, result.equal_treatment) == (authors, 0, True)


def test_dune_invalid_orcids_are_reported():
    result = audit(parse(REAL["dune"].read_bytes()))
    assert result.invalid_orcids == [
        "Thiago Bezerra: 0002-0424-7903",
        "Venktesh Singh: https://orcid.org/0000-0003-4535-623",
    ]


def test_unaddressed_organisation_shared_by_many_is_flagged(hard_cases):
    from science4peace.lib.authorlist.model import Affiliation, Author, Organisation

    hard_cases.organisations["x"] = Organisation(key="x", name="An institute")
    hard_cases.authors += [Author("A", f"P{i}", affiliations=[Affiliation("x")]) for i in range(10)]
    result = audit(hard_cases)
    assert (result.masked_authors, result.equal_treatment) == (10, False)


def test_cli_audit_json():
    output = subprocess.run(
        [S4P, "authorlist", "audit", "--json", str(OPEN_DATA / "lhcb-author-list-2015.json")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    body = json.loads(output)
    assert (body["authors"], body["masked_authors"], body["equal_treatment"]) == (727, 53, False)


def test_cli_convert_writes_the_file(tmp_path):
    out = tmp_path / "lhcb.tex"
    subprocess.run(
        [
            S4P,
            "authorlist",
            "convert",
            str(OPEN_DATA / "lhcb-author-list-2011.json"),
            "--to",
            "revtex",
            "--policy",
            "names-only",
            "-o",
            str(out),
        ],
        check=True,
        timeout=60,
    )
    text = out.read_text()
    assert text.count(r"\author{") == 586
    assert r"\affiliation" not in text


def test_cli_convert_stops_on_invalid_ids_and_writes_nothing(tmp_path):
    out = tmp_path / "dune.csv"
    result = subprocess.run(
        [S4P, "authorlist", "convert", str(REAL["dune"]), "--to", "csv", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "2 invalid ORCID iD(s): Thiago Bezerra: 0002-0424-7903" in result.stderr
    assert not out.exists()


def test_cli_malformed_input_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"authors": [\n}')
    result = subprocess.run(
        [S4P, "authorlist", "audit", str(bad)], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stderr.strip()) == (
        2,
        f"s4p authorlist: {bad}: malformed JSON at line 2, column 1: Expecting value",
    )
