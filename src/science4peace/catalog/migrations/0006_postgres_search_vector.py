"""PostgreSQL: the search words as a stored, generated ``tsvector`` column with a GIN index
(instead of an expression index), so that a match is never recomputed from the text per row
and the planner has statistics on it; and statistics on the facet table's (facet, value)
pairs. The column is PostgreSQL's alone; the model does not
list it (the database fills it). SQLite keeps its FTS5 table."""

from django.db import migrations

from science4peace.catalog.migrations._sql import on_postgresql

FORWARD = [
    "ALTER TABLE catalog_record ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(array_to_tsvector(string_to_array(search_document, ' '))) STORED",
    "CREATE INDEX catalog_record_search_vector_gin ON catalog_record USING gin (search_vector)",
    "DROP INDEX IF EXISTS catalog_record_search_gin",
    # a facet's values belong to it: without these statistics the planner multiplies the
    # selectivities of facet and value and misjudges every facet filter
    "CREATE STATISTICS catalog_recordfacet_facet_value (dependencies, mcv) "
    "ON facet, value FROM catalog_recordfacet",
    "ANALYZE catalog_record",
    "ANALYZE catalog_recordfacet",
]
BACKWARD = [
    "DROP STATISTICS IF EXISTS catalog_recordfacet_facet_value",
    "CREATE INDEX catalog_record_search_gin ON catalog_record "
    "USING gin (array_to_tsvector(string_to_array(search_document, ' ')))",
    "ALTER TABLE catalog_record DROP COLUMN search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_facets")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
