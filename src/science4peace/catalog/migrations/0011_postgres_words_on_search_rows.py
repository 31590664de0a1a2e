"""PostgreSQL: the ``search_words`` ``tsvector`` (the record's words and its ``#``-marked facet
words, migration 0010) moves from the wide record rows to the narrow search rows
(``catalog_recordsearch``), with its GIN index, so that a search with words finds, counts and
ranks its matches on the narrow rows alone: 'Run2011A' type=Dataset collision=pp (5,731 of
100,000 records) read those rows from 1,523 pages of the record table, twice (the counts, then
the page); benchmarks/README.md.

A generated column can only read its own row, and the words are in the record row, so the
vector is a plain column filled by triggers: on every insert of a search row (the import
writes it after the record; the update of a record replaces its search row) from its record's
``search_document`` and ``search_facets``, and on every change of those two columns of a record
for its search row. The model does not list the column. SQLite keeps its FTS5 table.
"""

from django.db import migrations

from science4peace.catalog.migrations._sql import on_postgresql


def words(row: str) -> str:
    """The vector of a record's words and marked facet words, from the record ``row``
    (unqualified columns when empty)."""
    row = f"{row}." if row else ""
    return (
        f"array_to_tsvector(string_to_array({row}search_document, ' ') || "
        rf"string_to_array(regexp_replace(btrim({row}search_facets), '(\S+)', '#\1', 'g'), ' '))"
    )


FORWARD = [
    "ALTER TABLE catalog_recordsearch ADD COLUMN search_words tsvector",
    # our own fixed SQL throughout (no value of any input)
    "CREATE FUNCTION catalog_recordsearch_words() RETURNS trigger "  # noqa: S608
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"SELECT {words('r')} INTO NEW.search_words FROM catalog_record r WHERE r.id = NEW.record_id; "
    "RETURN NEW; END $$",
    "CREATE TRIGGER catalog_recordsearch_words BEFORE INSERT OR UPDATE OF record_id "
    "ON catalog_recordsearch FOR EACH ROW EXECUTE FUNCTION catalog_recordsearch_words()",
    "CREATE FUNCTION catalog_record_words() RETURNS trigger "  # noqa: S608
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"UPDATE catalog_recordsearch SET search_words = {words('NEW')} WHERE record_id = NEW.id; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER catalog_record_words AFTER UPDATE OF search_document, search_facets "
    "ON catalog_record FOR EACH ROW WHEN (OLD.search_document IS DISTINCT FROM "
    "NEW.search_document OR OLD.search_facets IS DISTINCT FROM NEW.search_facets) "
    "EXECUTE FUNCTION catalog_record_words()",
    f"UPDATE catalog_recordsearch s SET search_words = {words('r')} "  # noqa: S608
    "FROM catalog_record r "
    "WHERE r.id = s.record_id",
    "ALTER TABLE catalog_record DROP COLUMN search_words",
    "CREATE INDEX catalog_recordsearch_words_gin ON catalog_recordsearch USING gin (search_words)",
    "ANALYZE catalog_recordsearch",
    "ANALYZE catalog_record",
]
BACKWARD = [
    "DROP TRIGGER catalog_record_words ON catalog_record",
    "DROP FUNCTION catalog_record_words()",
    "DROP TRIGGER catalog_recordsearch_words ON catalog_recordsearch",
    "DROP FUNCTION catalog_recordsearch_words()",
    "ALTER TABLE catalog_recordsearch DROP COLUMN search_words",
    "ALTER TABLE catalog_record ADD COLUMN search_words tsvector GENERATED ALWAYS AS "
    f"({words('')}) STORED",
    "CREATE INDEX catalog_record_search_words_gin ON catalog_record USING gin (search_words)",
    "ANALYZE catalog_record",
]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_postgres_one_search_vector")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
