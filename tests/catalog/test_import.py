import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from science4peace import cli
from science4peace.catalog.domain.imports import do_import_records
from science4peace.catalog.domain.queries import experiment_type_counts, search_records
from science4peace.catalog.models import Record, RecordFacet, RecordFile, RecordVersion
from science4peace.lib.opendata.records import MAX_FILE_BYTES, read_source, validator
from tests.catalog.conftest import RECORDS, file_counts, import_files, record_files

pytestmark = pytest.mark.django_db
DOUBLEMU = {
    "recid": "900001",
    "title": "/DoubleMu/Run2011B-12Oct2013-v1/AOD (test copy)",
    "experiment": ["CMS"],
    "publisher": "CERN Open Data Portal",
    "date_published": "2016",
    "type": {"primary": "Dataset", "secondary": ["Collision"]},
}


def _import(*files: tuple[str, object]):
    return do_import_records(
        sources=[(name, json.dumps(data).encode()) for name, data in files],
        actor=None,
        check_actor=False,
    )


def test_import_counts_by_experiment_and_type_equal_the_files(portal_records):
    assert experiment_type_counts() == dict(file_counts())
    assert portal_records.errors == []


def test_every_imported_record_validates_but_the_portals_known_note_deviation(portal_records):
    invalid = {
        (r.recid, ".".join(map(str, e.absolute_path)))
        for r in Record.objects.all()
        for e in validator().iter_errors(r.published)
    }
    warned = {
        (int(p.recid), p.field) for p in portal_records.problems if "portal schema" in p.message
    }
    assert invalid == warned
    assert {field for _, field in invalid} == {"methodology.steps.0.note"}


def test_reimport_is_idempotent(portal_records):
    counts = (Record.objects.count(), RecordFile.objects.count(), RecordFacet.objects.count())
    again = import_files(record_files())
    assert (again.count("created"), again.count("updated"), again.count("unchanged")) == (
        0,
        0,
        counts[0],
    )
    assert (
        Record.objects.count(),
        RecordFile.objects.count(),
        RecordFacet.objects.count(),
    ) == counts
    assert RecordVersion.objects.count() == 0


def test_changed_record_keeps_its_earlier_version():
    _import(("a.json", [DOUBLEMU]))
    changed = {**DOUBLEMU, "title": "/DoubleMu/Run2011B renamed", "keywords": ["dimuon"]}
    report = _import(("b.json", [changed]))
    record = Record.objects.get(recid=900001)
    assert report.count("updated") == 1
    assert (record.version, record.title, record.keywords) == (2, changed["title"], ["dimuon"])
    assert list(record.versions.values_list("version", "published")) == [(1, DOUBLEMU)]
    assert [r.recid for r in search_records(q="dimuon").records] == [900001]
    assert search_records(q="test copy").total == 0


def test_api_envelope_and_single_record_import():
    envelope = {"id": 900002, "created": "2020-08-27", "metadata": {**DOUBLEMU, "recid": "900002"}}
    report = _import(("envelope.json", envelope), ("single.json", DOUBLEMU))
    assert sorted(Record.objects.values_list("recid", flat=True)) == [900001, 900002]
    assert report.errors == []


def test_rest_api_search_response_imports_every_hit():
    hits = {"hits": {"hits": [{"id": 900003, "metadata": {**DOUBLEMU, "recid": "900003"}}]}}
    _import(("search.json", hits))
    assert list(Record.objects.values_list("recid", flat=True)) == [900003]


def test_file_that_is_not_json_is_refused_and_changes_nothing():
    report = do_import_records(
        sources=[("broken.json", b"[{'recid': 1}")], actor=None, check_actor=False
    )
    assert [str(p) for p in report.errors] == [
        "error: broken.json: malformed JSON at line 1, column 3: Expecting property name "
        "enclosed in double quotes"
    ]
    assert Record.objects.count() == 0


def test_record_missing_required_field_is_refused_the_rest_go_on():
    missing = {k: v for k, v in DOUBLEMU.items() if k != "title"} | {"recid": "900005"}
    report = _import(("mixed.json", [missing, DOUBLEMU]))
    assert [(p.source, p.recid, p.field, p.message) for p in report.errors] == [
        ("mixed.json", "900005", "title", "required field missing")
    ]
    assert list(Record.objects.values_list("recid", flat=True)) == [900001]
    assert report.files[0].taken == [900001]


def test_non_numeric_recid_is_refused():
    report = _import(("bad.json", [{**DOUBLEMU, "recid": "CMS-17"}]))
    assert [(p.recid, p.field, p.message) for p in report.errors] == [
        ("CMS-17", "recid", "recid is not a number")
    ]
    assert Record.objects.count() == 0


def test_wrong_type_in_a_read_field_names_the_field():
    report = _import(("bad.json", [{**DOUBLEMU, "experiment": "CMS"}]))
    assert [(p.field, p.message) for p in report.errors] == [
        ("experiment", "'CMS' is not of type 'array'")
    ]


def test_file_over_the_limit_is_refused_by_its_size():
    result = read_source("huge.json", b" " * (50 * 1024 * 1024))
    assert [str(p) for p in result.problems] == [
        f"error: huge.json: the file is 52428800 bytes; the limit is {MAX_FILE_BYTES} bytes"
    ]


def test_unknown_experiment_and_fields_import_with_warnings():
    odd = {**DOUBLEMU, "experiment": ["FASER"], "future_field": {"x": 1}}
    report = _import(("new.json", [odd]))
    record = Record.objects.get()
    assert sorted((p.severity, p.field) for p in report.problems) == [
        ("warning", "experiment"),
        ("warning", "future_field"),
    ]
    assert (record.experiment, record.published["future_field"]) == ("FASER", {"x": 1})


def test_relation_to_a_record_not_imported_yet_is_a_warning_then_linked():
    child = {
        **DOUBLEMU,
        "recid": "900010",
        "relations": [{"recid": "900001", "type": "isChildOf"}],
    }
    report = _import(("child.json", [child]))
    assert [(p.recid, p.message) for p in report.warnings] == [
        ("900010", "isChildOf to recid 900001, which is not imported yet")
    ]
    assert _import(("parent.json", [DOUBLEMU])).warnings == []


def test_duplicate_recid_in_one_file_keeps_the_later_and_says_so():
    report = _import(("dup.json", [DOUBLEMU, {**DOUBLEMU, "title": "later"}]))
    assert Record.objects.get().title == "later"
    assert [p.message for p in report.problems] == [
        "the recid appears more than once in the file; the later record is kept"
    ]


def test_import_by_non_administrator_is_refused(user):
    with pytest.raises(PermissionDenied):
        do_import_records(sources=[], actor=user)


def test_schema_is_resolved_offline():
    from jsonschema import Draft7Validator
    from referencing.exceptions import Unresolvable

    from science4peace.lib.opendata.records import offline_registry

    assert validator().META_SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$ref" not in json.dumps(validator().schema)
    remote = Draft7Validator({"$ref": "https://example.org/x.json"}, registry=offline_registry())
    with pytest.raises(Unresolvable):
        remote.is_valid({})


def test_upload_page_imports_for_administrators(client, staff):
    client.force_login(staff)
    paths = [RECORDS / "alice-records.json", RECORDS / "atlas-records.json"]
    expected = sum(len(json.loads(p.read_text("utf-8"))) for p in paths)
    with paths[0].open("rb") as one, paths[1].open("rb") as two:
        response = client.post(reverse("catalog:import"), {"files": [one, two]})
    assert response.status_code == 200
    assert Record.objects.count() == expected
    assert response.context["report"].errors == []


def test_upload_page_reports_a_broken_file(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    response = client.post(
        reverse("catalog:import"), {"files": [SimpleUploadedFile("x.json", b"nope")]}
    )
    assert response.status_code == 400
    assert "x.json: malformed JSON" in response.content.decode()
    assert Record.objects.count() == 0


def test_upload_page_is_for_administrators_only(client, user):
    client.force_login(user)
    assert client.get(reverse("catalog:import")).status_code == 403


def test_command_line_import_reports_per_file(tmp_path, capsys):
    (tmp_path / "bad.json").write_text("[1]")
    paths = [RECORDS / "alice-records.json", tmp_path / "bad.json", tmp_path / "missing.json"]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["catalog", "import", *map(str, paths), "--quiet"])
    out, err = capsys.readouterr()
    assert exit_.value.code == 1
    assert out.strip() == (
        "2 file(s): 2 record(s) new, 0 changed, 0 unchanged, 1 refused, 0 warning(s)"
    )
    assert f"error: {tmp_path / 'bad.json'} [record 0]: not a JSON object" in err
    assert f"error: {tmp_path / 'missing.json'}: no such file or folder" in err
    assert sorted(Record.objects.values_list("recid", flat=True)) == [412, 416]


@pytest.mark.postgresql_only  # PostgreSQL's planner statistics
def test_a_first_import_on_postgresql_gives_the_planner_the_grown_record_table(db):
    """The deferred key checks of the stored rows are planned on the record table's row
    estimate; a first import refreshes it as the table grows (else each check scanned the
    whole table)."""
    from django.db import connection

    def estimate() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'catalog_record'::regclass")
            return float(cursor.fetchone()[0])

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_record")  # as after the migrations: an empty table
    before = estimate()
    import_files(record_files())
    assert (before, before + 64 <= estimate() <= Record.objects.count()) == (0, True)
