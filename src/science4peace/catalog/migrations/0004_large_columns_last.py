"""Move ``search_document`` and ``published`` to the end of ``catalog_record`` (SQLite reads
a row's columns in order; large values before the ranked and sorted columns slowed every
search), keeping their contents, and re-create the FTS5 triggers that SQLite's table rebuild
drops."""

import importlib

from django.db import migrations, models

full_text = importlib.import_module("science4peace.catalog.migrations.0003_full_text")


def copy_forward(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    for row in Record.objects.only("id", "search_document", "published").iterator():
        Record.objects.filter(pk=row.pk).update(
            search_document_last=row.search_document, published_last=row.published
        )


def copy_backward(apps, schema_editor):
    Record = apps.get_model("catalog", "Record")
    for row in Record.objects.only("id", "search_document_last", "published_last").iterator():
        Record.objects.filter(pk=row.pk).update(
            search_document=row.search_document_last, published=row.published_last
        )


def triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in full_text.SQLITE_BACKWARD + full_text.SQLITE_FORWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_full_text")]

    operations = [
        migrations.RunPython(
            lambda apps, se: None,
            lambda apps, se: triggers(apps, se),
        ),
        migrations.AddField(
            model_name="record",
            name="search_document_last",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="record",
            name="published_last",
            field=models.JSONField(null=True, verbose_name="record as published"),
        ),
        migrations.RunPython(copy_forward, copy_backward),
        migrations.RemoveField(model_name="record", name="search_document"),
        migrations.RemoveField(model_name="record", name="published"),
        migrations.RenameField(
            model_name="record", old_name="search_document_last", new_name="search_document"
        ),
        migrations.RenameField(
            model_name="record", old_name="published_last", new_name="published"
        ),
        migrations.AlterField(
            model_name="record",
            name="search_document",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="record",
            name="published",
            field=models.JSONField(verbose_name="record as published"),
        ),
        migrations.RunPython(triggers, lambda apps, se: None),
    ]
