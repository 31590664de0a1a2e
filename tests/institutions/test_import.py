import json

import pytest
from django.core.management import CommandError, call_command

from science4peace.core.models import AuditEntry
from science4peace.institutions.domain.institutions import do_import_organisations
from science4peace.institutions.models import Institution, InstitutionCode
from science4peace.lib.orgrecords import parse_organisations
from tests.conftest import AUTHORLISTS
from tests.lib.test_orgrecords import ROR_CERN

pytestmark = pytest.mark.django_db


def test_import_atlas_creates_each_institution_once():
    records = parse_organisations((AUTHORLISTS / "atlas_authlist.xml").read_bytes())
    report = do_import_organisations(records, actor=None)
    cern = Institution.objects.get(ror="https://ror.org/01ggx4157")
    assert (
        Institution.objects.filter(ror="https://ror.org/01ggx4157").count(),
        cern.country_id,
        cern.kind,
    ) == (1, "CH", "intergovernmental")
    assert len(report.created) == Institution.objects.count()
    assert report.unplaced == []
    assert Institution.objects.filter(country__isnull=True).count() == 0


def test_import_twice_changes_nothing():
    data = (AUTHORLISTS / "atlas_authlist.xml").read_bytes()
    do_import_organisations(parse_organisations(data), actor=None)
    before = list(Institution.objects.values_list("id", "name", "country_id", "ror"))
    report = do_import_organisations(parse_organisations(data), actor=None)
    assert report.created == []
    assert list(Institution.objects.values_list("id", "name", "country_id", "ror")) == before


def test_import_keeps_the_seat_of_a_known_institution(cern):
    moved = {**ROR_CERN, "locations": list(reversed(ROR_CERN["locations"]))}
    do_import_organisations(parse_organisations(json.dumps(moved).encode()), actor=None)
    cern.refresh_from_db()
    assert cern.country_id == "CH"


def test_import_matches_by_inspire_code_and_adds_ror():
    institution = Institution.objects.create(name="JINR", country_id="RU")
    InstitutionCode.objects.create(institution=institution, icn="Dubna, JINR")
    data = (AUTHORLISTS / "2021-07-13-Alice_Authorlist_2021-07-13.xml").read_bytes()
    do_import_organisations(parse_organisations(data), actor=None)
    institution.refresh_from_db()
    assert institution.ror == "https://ror.org/044yd9t77"


def test_import_is_audited():
    do_import_organisations(parse_organisations(json.dumps(ROR_CERN).encode()), actor=None)
    assert list(AuditEntry.objects.values_list("action", "actor_label")) == [
        ("institution.import", "system")
    ]


def test_import_command_reports_unplaced_rows(capsys):
    path = AUTHORLISTS / "export_xml_authors_2022-01-25.xml"
    call_command("import_institutions", str(path))
    output = capsys.readouterr().out
    assert "4 without a recognised country" in output
    assert "Los Angeles, CA 90041" in output


def test_import_command_malformed_file_changes_nothing(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<collaborationauthorlist><foaf:Organization></collaborationauthorlist>")
    with pytest.raises(CommandError, match="malformed XML"):
        call_command("import_institutions", str(bad))
    assert Institution.objects.count() == 0
