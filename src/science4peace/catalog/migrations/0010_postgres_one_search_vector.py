"""PostgreSQL: the record's words and its facet words in ONE stored, generated ``tsvector``
column, ``search_words``, with one GIN index, instead of ``search_vector`` and
``facet_vector`` with an index each.

A search with words and facets is then one GIN condition (``words & facet & facet``): GIN's
own AND steps through the posting lists together, where the planner built the bitmap of every
record holding a common word (``run2011a``: 13,394 of 100,000) and of every record of a broad
facet (15,599) in full and intersected them (``BitmapAnd``). The facet words are marked with
``#`` (``catalog.domain.queries.FACET_WORD_MARK``), which no search word can hold (words are
letters and digits), so that a query's word or prefix never matches a facet word.

The two old columns are dropped first, so that the table's rewrite for the new column does not
carry their values. The column is PostgreSQL's alone; the model does not list it (the database
fills it on every insert and update). SQLite keeps its FTS5 table.
"""

from django.db import migrations

WORDS = (
    "array_to_tsvector(string_to_array(search_document, ' ') || "
    r"string_to_array(regexp_replace(btrim(search_facets), '(\S+)', '#\1', 'g'), ' '))"
)
FORWARD = [
    "ALTER TABLE catalog_record DROP COLUMN search_vector, DROP COLUMN facet_vector",
    f"ALTER TABLE catalog_record ADD COLUMN search_words tsvector GENERATED ALWAYS AS ({WORDS}) "
    "STORED",
    "CREATE INDEX catalog_record_search_words_gin ON catalog_record USING gin (search_words)",
    "ANALYZE catalog_record",
]
BACKWARD = [
    "ALTER TABLE catalog_record DROP COLUMN search_words",
    "ALTER TABLE catalog_record ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(search_document, ' '))) STORED, "
    "ADD COLUMN facet_vector tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(btrim(search_facets), ' '))) STORED",
    "CREATE INDEX catalog_record_search_vector_gin ON catalog_record USING gin (search_vector)",
    "CREATE INDEX catalog_record_facet_vector_gin ON catalog_record USING gin (facet_vector)",
    "ANALYZE catalog_record",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0009_postgres_serial_search")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
