"""PostgreSQL: no parallel workers for scans of the record table.

A search reads its matches from ``catalog_record`` in one bitmap heap scan of the GIN
indexes' result (a few hundred to a few thousand rows). For such scans the planner chose a
parallel plan whose start (launching a worker, gathering its rows) cost more than the scan
itself: on 100,000 records, 'higgs' with two facets (302 matches) took 7.8 ms median with
the parallel plan and 3.2 ms serial for the facet counts, 11.9 and 3.6 ms for the ranked
page (benchmarks/README.md). The table's storage parameter ``parallel_workers = 0`` keeps
every plan on it serial; nothing else changes.
"""

from django.db import migrations

from science4peace.catalog.migrations._sql import on_postgresql


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_text_limits")]

    operations = [
        migrations.RunPython(
            on_postgresql(["ALTER TABLE catalog_record SET (parallel_workers = 0)"]),
            on_postgresql(["ALTER TABLE catalog_record RESET (parallel_workers)"]),
        )
    ]
