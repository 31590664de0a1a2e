import json
import re

import pytest
from django.urls import reverse

from science4peace.catalog.domain import queries
from science4peace.catalog.models import Record

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_record_page_shows_the_fields_and_how_to_get_the_data(client, portal_records):
    response = client.get(reverse("catalog:record", args=[17]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "/DoubleMu/Run2011A-12Oct2013-v1/AOD",
        "CMS collaboration",
        "Run2011A",
        "10.7483/OPENDATA.CMS.RZ34.QR6N",
        "$ cernopendata-client get-file-locations --recid 17 --protocol root",
        "$ cernopendata-client download-files --recid 17 --verify",
        "Licence",
        "Projects using this record",
    ]:
        assert text in html


def test_record_page_links_related_records(client, portal_records):
    html = client.get(reverse("catalog:record", args=[616])).content.decode()
    assert f'href="{reverse("catalog:record", args=[17])}"' in html
    back = client.get(reverse("catalog:record", args=[17])).content.decode()
    assert f'href="{reverse("catalog:record", args=[616])}"' in back


def test_record_page_has_schema_org_dataset_json_ld_under_the_csp(client, portal_records):
    response = client.get(reverse("catalog:record", args=[17]))
    data = _json_ld(response.content.decode())
    assert (data["@type"], data["name"], data["identifier"], data["creator"]["name"]) == (
        "Dataset",
        "/DoubleMu/Run2011A-12Oct2013-v1/AOD",
        "https://doi.org/10.7483/OPENDATA.CMS.RZ34.QR6N",
        "CMS collaboration",
    )
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_json_ld_cannot_close_its_script_element(client, db):
    from tests.catalog.test_import import DOUBLEMU, _import

    _import(("x.json", [{**DOUBLEMU, "title": "</script><script>alert(1)</script>"}]))
    html = client.get(reverse("catalog:record", args=[900001])).content.decode()
    assert _json_ld(html)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_record_page_cites_with_bibtex_and_datacite(client, portal_records):
    context = client.get(reverse("catalog:record", args=[17])).context
    assert context["bibtex"].startswith("@misc{CMS:17,\n  author = {{CMS collaboration}},")
    assert "  doi = {10.7483/OPENDATA.CMS.RZ34.QR6N},\n" in context["bibtex"]
    datacite = json.loads(context["datacite"])
    assert (datacite["doi"], datacite["types"]["resourceTypeGeneral"], datacite["publisher"]) == (
        "10.7483/OPENDATA.CMS.RZ34.QR6N",
        "Dataset",
        "CERN Open Data Portal",
    )


def test_unknown_record_is_a_404(client, db):
    assert client.get(reverse("catalog:record", args=[123456789])).status_code == 404
    assert client.get("/api/catalog/records/123456789").status_code == 404


def test_record_api_returns_every_field(client, portal_records):
    data = client.get("/api/catalog/records/17").json()
    record = Record.objects.get(recid=17)
    assert (data["recid"], data["title"], data["doi"], data["published"]) == (
        17,
        record.title,
        record.doi,
        record.published,
    )
    assert data["client_commands"][0] == "cernopendata-client get-metadata --recid 17"
    assert data["file_count"] == record.files.count()


def test_projects_hook_lists_what_other_apps_register(client, portal_records):
    class Use:
        def __init__(self, name):
            self.name = name

        def __str__(self):
            return self.name

        def get_absolute_url(self):
            return "/projects/1/"

    def provider(record):
        return [Use("Dimuon spectrum")] if record.recid == 17 else []

    queries.register_record_users(provider)
    try:
        html = client.get(reverse("catalog:record", args=[17])).content.decode()
    finally:
        queries.RECORD_USERS.remove(provider)
    assert '<a href="/projects/1/">Dimuon spectrum</a>' in html


def test_atom_feed_lists_new_records(client, portal_records):
    response = client.get(reverse("catalog:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert body.count("<entry>") == 50
    assert "/catalog/record/" in body


def test_search_page_links_the_feed_and_the_nav(client, db):
    html = client.get(reverse("catalog:search")).content.decode()
    assert 'type="application/atom+xml"' in html
    assert f'href="{reverse("catalog:search")}"' in html
