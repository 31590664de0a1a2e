"""SQL that only some databases take, for the catalog's ``RunPython`` migrations (the migration
loader skips modules whose names start with an underscore)."""


def by_vendor(statements_by_vendor):
    """An operation running each database's own statements: ``{"postgresql": [...], ...}``."""

    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def on_postgresql(statements):
    """An operation running ``statements`` on PostgreSQL and nothing elsewhere."""
    return by_vendor({"postgresql": statements})
