"""What real files carry: arXiv's ancillary-file mark, TeX comment lines, byte-order marks,
every line ending, the declared encoding (and a declaration that lies), both placements of
the collaboration element. The files are in tests/data/authorlist-files (make_samples.py)."""

import pytest

from science4peace.lib.authorlist.audit import audit, report
from science4peace.lib.authorlist.formats import render
from science4peace.lib.authorlist.model import AuthorListError
from science4peace.lib.authorlist.parse import parse
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "authorlist-files"
CMS_FAMILIES = ["Chatrchyan", "Khachatryan", "Adam", "Lübelsmeyer", "Flügge", "Özbek", "Caillol"]


def read(name):
    return parse((DATA / name).read_bytes())


@pytest.mark.parametrize(
    "name",
    [
        "arxiv-ancillary.xml",  # %auto-ignore before the XML declaration
        "tex-comments.xml",  # several TeX comment lines
        "bom-crlf.xml",  # UTF-8 byte-order mark, Windows line ends
        "cr-only.xml",  # old Mac line ends
        "utf16-bom.xml",  # UTF-16 with its byte-order mark
        "latin1.xml",  # ISO-8859-1 declared and used
    ],
)
def test_real_shaped_authors_xml_is_read_whole(name):
    authorlist = read(name)
    assert (authorlist.collaboration, [a.family for a in authorlist.authors]) == (
        "CMS",
        CMS_FAMILIES,
    )
    assert authorlist.organisations["o5"].address == (
        "Université Libre de Bruxelles, Bruxelles, Belgium"
    )
    assert authorlist.warnings == []


@pytest.mark.parametrize("name", ["crlf.csv", "cr-only.csv"])
def test_csv_with_any_line_end_is_read(name):
    assert [a.family for a in read(name).authors] == CMS_FAMILIES


def test_latin1_declared_but_utf8_used_is_read_as_utf8_and_said_once():
    authorlist = read("latin1-declared-utf8-used.xml")
    assert [a.family for a in authorlist.authors] == CMS_FAMILIES
    assert authorlist.warnings == [
        "the XML declaration says ISO-8859-1, but the bytes are UTF-8 (for example 'ü' on "
        "line 25); read as UTF-8"
    ]


def test_utf8_declared_but_latin1_used_is_a_clear_error():
    with pytest.raises(AuthorListError) as error:
        read("utf8-declared-latin1-used.xml")
    assert str(error.value) == (
        "not UTF-8 text (the XML declaration says UTF-8): byte 0xFC at line 25, column 33 "
        "cannot be decoded; the file may be Latin-1 or Windows-1252: save it as UTF-8, or "
        "declare its encoding in the XML declaration"
    )


def test_error_lines_count_the_skipped_comment_lines():
    data = (DATA / "arxiv-ancillary.xml").read_bytes().replace(b"</cal:authors>", b"</oops>")
    with pytest.raises(AuthorListError, match=r"malformed XML at line 139, column 4"):
        parse(data)
    assert data.splitlines()[138].strip() == b"</oops>"


def test_blank_lines_before_the_xml_declaration_are_skipped():
    data = b"\n  \r\n" + (DATA / "collaboration-direct.xml").read_bytes()
    assert [a.family for a in parse(data).authors] == ["Aaij", "Abellán Beteta", "Adinolfi"]


def test_unknown_declared_encoding_is_named():
    with pytest.raises(AuthorListError, match="names the encoding 'klingon', which is unknown"):
        parse(b'<?xml version="1.0" encoding="klingon"?><collaborationauthorlist/>')


def test_collaboration_element_directly_in_the_root_names_the_collaboration():
    authorlist = read("collaboration-direct.xml")
    assert (authorlist.collaboration, [a.family for a in authorlist.authors]) == (
        "LHCb",
        ["Aaij", "Abellán Beteta", "Adinolfi"],
    )
    assert report(audit(authorlist)).splitlines()[0] == "collaboration: LHCb"
    assert r"\title{LHCb author list}" in render(authorlist, "revtex", "names-only")


def test_institutions_are_imported_from_an_arxiv_ancillary_file():
    from science4peace.lib.orgrecords import parse_organisations

    records = parse_organisations((DATA / "arxiv-ancillary.xml").read_bytes())
    assert [r.name for r in records][:2] == ["Yerevan Phys. Inst.", "Vienna, OAW"]
    assert len(records) == 5


@pytest.mark.parametrize("fmt", ["aastex631", "mnras", "aa", "jinstpub"])
def test_cli_converts_an_arxiv_ancillary_file_to_the_new_journal_formats(tmp_path, fmt):
    import subprocess

    out = tmp_path / "authors.tex"
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "s4p"),
            "authorlist",
            "convert",
            str(DATA / "arxiv-ancillary.xml"),
            "--to",
            fmt,
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert ("{CMS author list}" in text, "Caillol" in text) == (True, True)
