"""Uploading what is not an author list is a 400 with the reason, on the page and in the
API, never a 500; the CMS 2012 list comes out with a gap, not masking."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db
DATA = ROOT / "tests" / "data" / "authorlist-files"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[]", "not an author list: found an empty JSON array"),
        (b"[1]", "not an author list: found a JSON array holding a number (1) where records"),
        (b"{}", "not an author list: found an empty JSON object"),
    ],
)
def test_api_audit_of_what_is_not_an_author_list_is_400(client, data, message):
    response = client.post("/api/authorlists/audit", {"file": SimpleUploadedFile("x.json", data)})
    reason = response.json()["errors"]["file"][0]
    assert (response.status_code, reason[: len(message)]) == (400, message)


def test_page_audit_of_a_dataset_record_is_400_naming_it(client):
    upload = SimpleUploadedFile("r.json", (DATA / "cms-dimuon-spectrum-2011.json").read_bytes())
    response = client.post(reverse("papers:audit"), {"file": upload})
    assert response.status_code == 400
    assert "a CERN Open Data record of type Software/Analysis" in response.content.decode()


def test_api_audit_of_cms_2012_reports_a_gap_not_masking(client):
    upload = SimpleUploadedFile("cms.json", (DATA / "cms-author-list-2012.json").read_bytes())
    body = client.post("/api/authorlists/audit", {"file": upload}).json()
    assert (
        body["authors"],
        body["masked_authors"],
        body["authors_without_affiliation"],
        body["equal_treatment"],
        body["verdict"],
        body["evidence"],
    ) == (3308, 0, 5, True, "equal treatment, with a gap in the data", [])
    assert body["gaps"][0].startswith("5 of 3308 authors have no affiliation in the record")


def test_page_audit_of_cms_2012_says_gap(client):
    upload = SimpleUploadedFile("cms.json", (DATA / "cms-author-list-2012.json").read_bytes())
    html = client.post(reverse("papers:audit"), {"file": upload}).content.decode()
    assert "Equal treatment, with a gap in the data" in html
    assert "Gaps in the data: affiliations missing, not masked" in html


def test_arxiv_ancillary_file_is_audited_with_its_collaboration(client):
    upload = SimpleUploadedFile("authors.xml", (DATA / "arxiv-ancillary.xml").read_bytes())
    body = client.post("/api/authorlists/audit", {"file": upload}).json()
    assert (body["collaboration"], body["authors"], body["verdict"]) == (
        "CMS",
        7,
        "equal treatment",
    )
