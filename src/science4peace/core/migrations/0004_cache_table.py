"""The table of the shared cache (``S4P_CACHE_URL=db:``, the default): every worker and host
reads the same pages and throttling counters from it. Created whichever cache is configured,
so switching to it later needs no command."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

from science4peace.settings import CACHE_TABLE


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_outgoing_mail")]

    operations = [migrations.RunPython(create, drop)]
