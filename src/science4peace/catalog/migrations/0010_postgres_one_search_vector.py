"""PostgreSQL: the record's words and its facet words in ONE stored, generated ``tsvector``
column, ``search_words``, with one GIN index, instead of the words alone (``search_vector``,
dropped with its index).

A search with words and facets is then one GIN condition (``words & facet & facet``): GIN's
own AND steps through the posting lists together, where the planner built the bitmap of every
record holding a common word (``run2011a``: 13,394 of 100,000) and of every record of a broad
facet (15,599) in full and intersected them (``BitmapAnd``). The facet words are marked with
``#`` (``catalog.domain.queries.FACET_WORD_MARK``), which no search word can hold (words are
letters and digits), so that a query's word or prefix never matches a facet word.

``facet_vector`` (the facet words alone, GIN-indexed) stays for searches without words: a broad
facet (``experiment=CMS``, 87,202 of 100,000) is read by a scan of every row, which tests the
seven facet words of each row there but would read and decompress each row's whole vector of
words in ``search_words`` (410 against 1,328 ms on 100,000 records). The old column is dropped
first, so that the table's rewrite for the new one does not carry its values. The column is
PostgreSQL's alone; the model does not list it (the database fills it on every insert and
update). SQLite keeps its FTS5 table.
"""

from django.db import migrations

from science4peace.catalog.migrations._sql import on_postgresql

WORDS = (
    "array_to_tsvector(string_to_array(search_document, ' ') || "
    r"string_to_array(regexp_replace(btrim(search_facets), '(\S+)', '#\1', 'g'), ' '))"
)
FORWARD = [
    "ALTER TABLE catalog_record DROP COLUMN search_vector",
    f"ALTER TABLE catalog_record ADD COLUMN search_words tsvector GENERATED ALWAYS AS ({WORDS}) "
    "STORED",
    "CREATE INDEX catalog_record_search_words_gin ON catalog_record USING gin (search_words)",
    "ANALYZE catalog_record",
]
BACKWARD = [
    "ALTER TABLE catalog_record DROP COLUMN search_words",
    "ALTER TABLE catalog_record ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(search_document, ' '))) STORED",
    "CREATE INDEX catalog_record_search_vector_gin ON catalog_record USING gin (search_vector)",
    "ANALYZE catalog_record",
]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0009_postgres_serial_search")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
