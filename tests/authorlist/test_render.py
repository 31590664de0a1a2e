"""Snapshots of every renderer on the hand-made hard cases; equal treatment of every author."""

import json

import pytest

from science4peace.lib.authorlist.formats import FORMATS, render
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse
from science4peace.lib.authorlist.policy import POLICIES, prepare
from tests.snapshot import assert_snapshot

EXTENSIONS = {
    "revtex": "tex",
    "elsarticle": "tex",
    "jheppub": "tex",
    "jinstpub": "tex",
    "epjc": "tex",
    "aastex631": "tex",
    "mnras": "tex",
    "aa": "tex",
    "arxiv": "txt",
    "authors-xml": "xml",
    "csv": "csv",
    "json": "json",
}


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_renderer_output_matches_reviewed_snapshot(hard_cases, fmt, policy):
    output = render(hard_cases, fmt, policy)
    assert_snapshot(f"authorlist/hard-cases.{policy}.{fmt}.{EXTENSIONS[fmt]}", output)


@pytest.mark.parametrize("policy", POLICIES)
def test_every_author_is_treated_alike(real_lists, policy):
    prepared = prepare(real_lists["atlas"], policy)
    with_affiliations = {bool(e.affiliations or e.notes) for e in prepared.entries}
    with_orcid_shown = {e.orcid is not None for e in prepared.entries if e.author.orcid}
    assert with_affiliations == {policy == "equal-affiliations"}
    assert with_orcid_shown == {policy != "names-only"}


def test_institutions_are_numbered_by_first_appearance(hard_cases):
    prepared = prepare(hard_cases, "equal-affiliations")
    first = prepared.entries[0]
    assert (first.author.family, first.affiliations) == ("Åkesson", [1])
    assert [o.key for o in prepared.organisations] == ["cern", "odd", "jinr", "saclay", "usp"]


@pytest.mark.parametrize("policy", POLICIES)
def test_every_policy_acknowledges_every_funding_agency(hard_cases, policy):
    assert prepare(hard_cases, policy).funding == [
        "CERN",
        "JINR Member States",
        "CNRS/IN2P3",
        "FAPESP",
    ]


# Where each format acknowledges the funders; arXiv metadata and CSV have no place for them.
ACKNOWLEDGEMENT = {
    "revtex": "\\section*{Acknowledgements}\nWe acknowledge the support of CERN; JINR Member "
    "States; CNRS/IN2P3; FAPESP.",
    "aastex631": "\\begin{acknowledgments}\nWe acknowledge the support of CERN; JINR",
    "mnras": "\\section*{Acknowledgements}\nWe acknowledge the support of CERN; JINR",
    "aa": "\\begin{acknowledgements}\nWe acknowledge the support of CERN; JINR",
    "jinstpub": "\\acknowledgments\nWe acknowledge the support of CERN; JINR",
    "authors-xml": "<!-- Funding agencies acknowledged: CERN; JINR Member States; "
    "CNRS/IN2P3; FAPESP -->",
    "json": '"funding": [\n  "CERN",\n  "JINR Member States",',
}


@pytest.mark.parametrize("fmt", sorted(ACKNOWLEDGEMENT))
def test_names_only_output_acknowledges_the_funders(hard_cases, fmt):
    assert ACKNOWLEDGEMENT[fmt] in render(hard_cases, fmt, "names-only")


def test_unused_organisations_bring_no_funders(hard_cases):
    hard_cases.authors = [a for a in hard_cases.authors if a.family == "Suharni"]
    assert prepare(hard_cases, "names-only").funding == ["FAPESP"]


def test_arxiv_output_is_ascii(real_lists):
    for authorlist in real_lists.values():
        assert render(authorlist, "arxiv", "equal-affiliations", allow_invalid_ids=True).isascii()


def test_json_round_trip_keeps_everything(hard_cases):
    again = parse(render(hard_cases, "json", "equal-affiliations").encode())

    def by_family(authors):
        return sorted(authors, key=lambda a: a.family)

    assert by_family(again.authors) == by_family(hard_cases.authors)
    assert again.organisations == hard_cases.organisations


def test_invalid_orcid_stops_conversion_unless_allowed(real_lists):
    with pytest.raises(AuthorListError, match="2 invalid ORCID iD"):
        render(real_lists["dune"], "csv", "names-orcid")
    output = render(real_lists["dune"], "csv", "names-orcid", allow_invalid_ids=True)
    assert "0002-0424-7903" not in output


def test_unknown_format_and_policy_are_refused(hard_cases):
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        render(hard_cases, "docx")
    with pytest.raises(AuthorListError, match="unknown policy 'masked'"):
        render(hard_cases, "csv", "masked")


def test_native_names_are_kept_where_the_format_allows(hard_cases):
    assert "Анна Иванова" in render(hard_cases, "authors-xml", "names-only")
    assert json.loads(render(hard_cases, "json", "names-only"))["authors"][3]["native_name"]


def test_affiliation_line_names_the_institution_when_the_address_does_not(real_lists):
    alice = render(real_lists["alice"], "revtex", "equal-affiliations")
    atlas = render(real_lists["atlas"], "revtex", "equal-affiliations")
    assert r"\affiliation{Bose Institute, Department of Physics, Kolkata, India}" in alice
    assert r"\affiliation{CERN, Geneva, Switzerland}" in atlas
