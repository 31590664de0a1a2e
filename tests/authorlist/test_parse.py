import pytest

from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse
from tests.authorlist.conftest import OPEN_DATA


def test_atlas_list_is_read_whole(real_lists):
    atlas = real_lists["atlas"]
    aad = atlas.authors[0]
    assert (atlas.collaboration, len(atlas.authors), len(atlas.organisations)) == (
        "ATLAS",
        2911,
        281,
    )
    assert (aad.full_name, aad.paper_name, aad.orcid, aad.inspire_id) == (
        "Georges Aad",
        "G. Aad",
        "0000-0002-6665-4934",
        "INSPIRE-00210391",
    )


def test_alice_list_in_spires_namespace_is_read(real_lists):
    alice = real_lists["alice"]
    assert (len(alice.authors), alice.authors[0].paper_name) == (1026, "S. Acharya")


def test_alice_addresses_written_as_ids_are_read_and_reported(real_lists):
    alice = real_lists["alice"]
    adopted = [w for w in alice.warnings if "instead of an id" in w]
    assert (len(adopted), len(alice.adopted)) == (6, 6)
    assert "Krzysztof Redlich" in " ".join(adopted)


def test_dune_list_is_read_with_its_invalid_orcids_kept_for_the_audit(real_lists):
    dune = real_lists["dune"]
    assert (dune.collaboration, len(dune.authors)) == ("DUNE", 1228)
    assert "0002-0424-7903" in {a.orcid for a in dune.authors}


def test_open_data_record_splits_multiple_affiliations():
    lhcb = parse((OPEN_DATA / "lhcb-author-list-2015.json").read_bytes())
    golutvin = next(a for a in lhcb.authors if a.family == "Golutvin")
    assert (lhcb.collaboration, len(lhcb.authors)) == ("LHCb collaboration", 727)
    assert [f.organisation for f in golutvin.affiliations] == [
        "Imperial Coll., London",
        "Authors affiliated with an institute formerly covered by a "
        "cooperation agreement with CERN.",
        "CERN",
    ]


def test_collaboration_name_is_never_an_author():
    data = b"""<collaborationauthorlist xmlns:foaf="http://xmlns.com/foaf/0.1/"
      xmlns:cal="http://inspirehep.net/info/HepNames/tools/authors_xml/">
      <cal:collaborations><cal:collaboration id="c1"><foaf:name>X</foaf:name>
      </cal:collaboration></cal:collaborations>
      <cal:organizations><foaf:Organization id="o1"><foaf:name>CERN</foaf:name>
      </foaf:Organization></cal:organizations>
      <cal:authors>
      <foaf:Person><foaf:familyName>X Collaboration</foaf:familyName>
        <cal:authorNamePaper>X Collaboration</cal:authorNamePaper></foaf:Person>
      <foaf:Person><foaf:givenName>Ann</foaf:givenName><foaf:familyName>Lee</foaf:familyName>
        <cal:authorNamePaper>A. Lee</cal:authorNamePaper></foaf:Person>
      </cal:authors></collaborationauthorlist>"""
    result = parse(data)
    assert [a.full_name for a in result.authors] == ["Ann Lee"]
    assert result.warnings == ["'X Collaboration' is the collaboration, not an author: left out"]


def test_person_pointing_at_a_missing_organisation_is_named():
    data = b"""<collaborationauthorlist><organizations/><authors><Person>
      <givenName>Ann</givenName><familyName>Lee</familyName><authorNamePaper>A. Lee
      </authorNamePaper><authorAffiliations><authorAffiliation organizationid="o9"/>
      </authorAffiliations></Person></authors></collaborationauthorlist>"""
    with pytest.raises(AuthorListError, match="author 'Ann Lee' points at organisation 'o9'"):
        parse(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<collaborationauthorlist>\n<a>\n</collaborationauthorlist>", "malformed XML at line 3"),
        (b'{\n "authors": [\n  {"name": }\n ]\n}', "malformed JSON at line 3, column 12"),
        (b"<x>\xe9</x>", "not UTF-8 text"),
        (b"\xff\xfe<x>", "not UTF-16 text"),
        (b"hello", "unknown format"),
        (b"family_name,given_name\nLee,Ann\n", "missing columns"),
    ],
)
def test_malformed_input_says_where_and_why(data, message):
    with pytest.raises(AuthorListError, match=message):
        parse(data)


def test_odd_characters_are_repaired_and_reported():
    data = (
        "family_name,given_name,paper_name,native_name,suffix,deceased,orcid,inspire_id,"
        "affiliations\nMÃ¼ller,J\u00f6rg,J.\u2009MÃ¼ller,,,,,,CERN\nD\u2018Onofrio,Anna,,,,,,,"
        "CERN\n"
    ).encode()
    result = parse(data)
    assert [(a.family, a.paper_name) for a in result.authors] == [
        ("Müller", "J. Müller"),
        ("D\u2019Onofrio", ""),
    ]
    assert len(result.warnings) == 3


def test_fast_accent_decoding_agrees_with_pylatexenc_on_real_files():
    import re

    from pylatexenc.latex2text import LatexNodes2Text

    from science4peace.lib.authorlist.text import latex_to_text
    from tests.authorlist.conftest import REAL

    reference = LatexNodes2Text(math_mode="verbatim")
    strings = set()
    for path in REAL.values():
        strings |= {s for s in re.findall(r">([^<>]*\\[^<>]*)<", path.read_text()) if s.strip()}
    assert len(strings) > 100

    def same(text):  # clean() turns the no-break space of "~" into a space in any case
        return " ".join(text.replace("\xa0", " ").split())

    assert [s for s in strings if same(latex_to_text(s)) != same(reference.latex_to_text(s))] == []
