"""Real clients: pdflatex for the LaTeX renderers, xmllint for authors.xml.

jheppub.sty and jinstpub.sty (SISSA), svjour3.cls (Springer) and aa.cls (EDP Sciences) are in
no Debian package and no registry this machine reaches (``kpsewhich`` finds none of them,
texlive-publishers does not carry them, ``apt-cache search`` names no package), so those
renderers are checked by their snapshots only. aastex631.cls and mnras.cls come with
Debian's texlive-publishers."""

import shutil
import subprocess

import pytest

from science4peace.lib.authorlist.formats import render
from science4peace.lib.authorlist.parse import parse
from tests.authorlist.conftest import DTD
from tests.conftest import ROOT


def _tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is required (scripts/test installs it)")
    return path


def _pdflatex(tmp_path, source):
    (tmp_path / "list.tex").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [_tool("pdflatex"), "-interaction=nonstopmode", "-halt-on-error", "list.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("!")]
    return result.returncode, errors, (tmp_path / "list.pdf")


@pytest.mark.parametrize("fmt", ["revtex", "elsarticle"])
@pytest.mark.parametrize("name", ["atlas", "alice", "dune"])
def test_real_list_compiles_with_pdflatex(real_lists, tmp_path, name, fmt):
    source = render(real_lists[name], fmt, "equal-affiliations", allow_invalid_ids=True)
    returncode, errors, pdf = _pdflatex(tmp_path, source)
    assert (returncode, errors) == (0, [])
    assert pdf.stat().st_size > 10_000


@pytest.mark.parametrize("policy", ["names-only", "names-orcid", "equal-affiliations"])
@pytest.mark.parametrize("fmt", ["revtex", "elsarticle", "aastex631", "mnras"])
def test_hard_cases_compile_under_every_policy(hard_cases, tmp_path, fmt, policy):
    returncode, errors, _pdf = _pdflatex(tmp_path, render(hard_cases, fmt, policy))
    assert (returncode, errors) == (0, [])


@pytest.mark.parametrize("fmt", ["aastex631", "mnras"])
def test_cms_open_data_list_compiles_whole_in_the_astronomy_classes(tmp_path, fmt):
    """3,308 authors and 172 institutions: every author reaches the PDF."""
    cms = parse((ROOT / "tests/data/authorlist-files/cms-author-list-2012.json").read_bytes())
    returncode, errors, pdf = _pdflatex(tmp_path, render(cms, fmt, "equal-affiliations"))
    assert (returncode, errors) == (0, [])
    text = subprocess.run(
        [_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.replace("\u2019", "'").replace("-\n", "").split())
    assert [a.family for a in cms.authors if a.family.split()[-1] not in flat] == []
    assert "Vienna, OAW" in flat


def _xmllint(path):
    return subprocess.run(
        [_tool("xmllint"), "--noout", "--dtdvalid", str(DTD), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("policy", ["names-only", "equal-affiliations"])
@pytest.mark.parametrize("name", ["atlas", "alice", "dune"])
def test_authors_xml_output_is_valid_against_the_dtd(real_lists, tmp_path, name, policy):
    path = tmp_path / "authors.xml"
    path.write_text(
        render(real_lists[name], "authors-xml", policy, allow_invalid_ids=True), encoding="utf-8"
    )
    result = _xmllint(path)
    assert (result.returncode, [e for e in result.stderr.splitlines() if "error" in e]) == (0, [])


def test_authors_xml_hard_cases_are_valid(hard_cases, tmp_path):
    path = tmp_path / "authors.xml"
    path.write_text(render(hard_cases, "authors-xml", "equal-affiliations"), encoding="utf-8")
    assert _xmllint(path).returncode == 0


def test_xmllint_rejects_an_invalid_document(tmp_path):
    """The check above can fail: a person without its required family name is refused."""
    path = tmp_path / "bad.xml"
    path.write_text('<?xml version="1.0"?><collaborationauthorlist/>', encoding="utf-8")
    assert _xmllint(path).returncode != 0


def test_authors_xml_round_trip_keeps_people_organisations_and_ids(real_lists):
    atlas = real_lists["atlas"]
    again = parse(render(atlas, "authors-xml", "equal-affiliations").encode())

    def people(authorlist):
        return sorted(
            (
                a.full_name,
                a.paper_name,
                a.orcid,
                a.inspire_id,
                sorted(
                    (authorlist.organisations[f.organisation].name, f.connection)
                    for f in a.affiliations
                ),
            )
            for a in authorlist.authors
        )

    def organisations(authorlist):
        return sorted(
            (o.name, o.address, o.ror, o.icn)
            for o in authorlist.organisations.values()
            if any(f.organisation == o.key for a in authorlist.authors for f in a.affiliations)
        )

    assert people(again) == people(atlas)
    assert organisations(again) == organisations(atlas)
