"""Full-text search over ``Record.search_document`` (our own words, space-separated):

- PostgreSQL: a GIN index on ``array_to_tsvector(string_to_array(search_document, ' '))``,
  the words taken as they are (no parser, no dictionary), matched with ``@@ '...'::tsquery``;
- SQLite: an FTS5 table (external content, ``unicode61 remove_diacritics 0``) kept in sync by
  triggers.

Both therefore index exactly the same words (see ``lib/opendata/tokens.py``).
"""

from django.db import migrations

from science4peace.catalog.migrations._sql import by_vendor

POSTGRES_FORWARD = [
    "CREATE INDEX catalog_record_search_gin ON catalog_record "
    "USING gin (array_to_tsvector(string_to_array(search_document, ' ')))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS catalog_record_search_gin"]

SQLITE_FORWARD = [
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
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_record_fts_update",
    "DROP TRIGGER IF EXISTS catalog_record_fts_delete",
    "DROP TRIGGER IF EXISTS catalog_record_fts_insert",
    "DROP TABLE IF EXISTS catalog_record_fts",
]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_record_title_sort")]

    operations = [
        migrations.RunPython(
            by_vendor({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            by_vendor({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
