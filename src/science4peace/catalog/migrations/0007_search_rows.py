"""Faster search (issue 14's performance targets):

- ``Record.search_facets``: the record's facet values as search words, the second column of
  the full-text index, so that words and facet filters match in ONE index lookup
  (SQLite: the FTS5 table gets the column ``search_facets``, ``detail=column``; PostgreSQL: a
  stored generated ``facet_vector`` tsvector with its own GIN index beside ``search_vector``);
- ``RecordSearch``: one narrow row per record (recid, year, sort key, ranked words, facet
  words), which ranking, sorting and facet counting read instead of the wide record row.

SQLite's table rebuild for the new column drops the FTS5 triggers; they are re-created here
for both columns, and the index rebuilt.
"""

import django.db.models.deletion
from django.db import migrations, models

from science4peace.catalog.migrations._sql import by_vendor
from science4peace.lib.opendata.tokens import facet_document

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalog_record_fts_update",
    "DROP TRIGGER IF EXISTS catalog_record_fts_delete",
    "DROP TRIGGER IF EXISTS catalog_record_fts_insert",
    "DROP TABLE IF EXISTS catalog_record_fts",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalog_record_fts USING fts5("
    "search_document, search_facets, content='catalog_record', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', detail=column)",
    "CREATE TRIGGER catalog_record_fts_insert AFTER INSERT ON catalog_record BEGIN "
    "INSERT INTO catalog_record_fts(rowid, search_document, search_facets) "
    "VALUES (new.id, new.search_document, new.search_facets); END",
    "CREATE TRIGGER catalog_record_fts_delete AFTER DELETE ON catalog_record BEGIN "
    "INSERT INTO catalog_record_fts(catalog_record_fts, rowid, search_document, search_facets) "
    "VALUES ('delete', old.id, old.search_document, old.search_facets); END",
    "CREATE TRIGGER catalog_record_fts_update AFTER UPDATE OF search_document, search_facets "
    "ON catalog_record BEGIN "
    "INSERT INTO catalog_record_fts(catalog_record_fts, rowid, search_document, search_facets) "
    "VALUES ('delete', old.id, old.search_document, old.search_facets); "
    "INSERT INTO catalog_record_fts(rowid, search_document, search_facets) "
    "VALUES (new.id, new.search_document, new.search_facets); END",
    "INSERT INTO catalog_record_fts(catalog_record_fts) VALUES ('rebuild')",
]
# the one-column index of 0003/0004, for going back
SQLITE_BACKWARD = [
    "CREATE VIRTUAL TABLE catalog_record_fts USING fts5("
    "search_document, content='catalog_record', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER catalog_record_fts_insert AFTER INSERT ON catalog_record BEGIN "
    "INSERT INTO catalog_record_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER catalog_record_fts_delete AFTER DELETE ON catalog_record BEGIN "
    "INSERT INTO catalog_record_fts(catalog_record_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER catalog_record_fts_update AFTER UPDATE OF search_document "
    "ON catalog_record BEGIN "
    "INSERT INTO catalog_record_fts(catalog_record_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO catalog_record_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "INSERT INTO catalog_record_fts(catalog_record_fts) VALUES ('rebuild')",
]
POSTGRES_FORWARD = [
    "ALTER TABLE catalog_record ADD COLUMN facet_vector tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(btrim(search_facets), ' '))) STORED",
    "CREATE INDEX catalog_record_facet_vector_gin ON catalog_record USING gin (facet_vector)",
    # sorting by title walks this index in code-point order, as SQLite's BINARY one
    'CREATE INDEX record_search_title_c_idx ON catalog_recordsearch (title_sort COLLATE "C", recid)',
    "ANALYZE catalog_record",
    "ANALYZE catalog_recordsearch",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS record_search_title_c_idx",
    "ALTER TABLE catalog_record DROP COLUMN IF EXISTS facet_vector",
]


def fill(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    RecordFacet = apps.get_model("catalog", "RecordFacet")
    RecordSearch = apps.get_model("catalog", "RecordSearch")
    fields = ("id", "recid", "year", "title_sort", "search_title", "search_tags")
    rows = list(Record.objects.order_by("id").values_list(*fields))
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        facets: dict[int, list[tuple[str, str]]] = {row[0]: [] for row in chunk}
        for record_id, facet, value in RecordFacet.objects.filter(
            record_id__in=list(facets)
        ).values_list("record_id", "facet", "value"):
            facets[record_id].append((facet, value))
        searched = []
        for record_id, recid, year, title_sort, title, tags in chunk:
            words = facet_document(facets[record_id])
            Record.objects.filter(pk=record_id).update(search_facets=words)
            searched.append(
                RecordSearch(
                    record_id=record_id,
                    recid=recid,
                    year=year,
                    title_sort=title_sort,
                    search_title=title,
                    search_tags=tags,
                    facets=words,
                )
            )
        RecordSearch.objects.bulk_create(searched)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_postgres_search_vector")]

    operations = [
        migrations.RunPython(
            by_vendor({"sqlite": SQLITE_DROP}), by_vendor({"sqlite": SQLITE_DROP + SQLITE_BACKWARD})
        ),
        migrations.AddField(
            model_name="record",
            name="search_facets",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.CreateModel(
            name="RecordSearch",
            fields=[
                (
                    "record",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="catalog.record",
                    ),
                ),
                ("recid", models.PositiveIntegerField(unique=True)),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("title_sort", models.CharField(blank=True, max_length=200)),
                ("search_title", models.TextField(blank=True)),
                ("search_tags", models.TextField(blank=True)),
                ("facets", models.TextField(blank=True)),
            ],
            options={
                "indexes": [
                    models.Index(fields=["title_sort", "recid"], name="record_search_title_idx"),
                    models.Index(fields=["-year", "-recid"], name="record_search_year_idx"),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(
            by_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            by_vendor({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
