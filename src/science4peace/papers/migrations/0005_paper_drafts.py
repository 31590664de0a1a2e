# Versioned PDF drafts of a paper, each with its comment thread (issue 15, point 8).

import django.db.models.deletion
from django.db import migrations, models

import science4peace.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0004_author_signoff"),
        ("people", "0003_text_limits"),
        ("spaces", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Draft",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(verbose_name="version")),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        max_length=500,
                        validators=[science4peace.core.validators.validate_one_line],
                        verbose_name="note",
                    ),
                ),
                ("file", models.FileField(upload_to="papers/drafts/%Y/")),
                ("name", models.CharField(max_length=200)),
                ("size", models.PositiveBigIntegerField()),
                ("pages", models.PositiveIntegerField(verbose_name="pages")),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "paper",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="drafts",
                        to="papers.paper",
                    ),
                ),
                (
                    "thread",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="spaces.thread",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="people.person",
                    ),
                ),
            ],
            options={
                "verbose_name": "draft",
                "verbose_name_plural": "drafts",
                "ordering": ["-version"],
                "constraints": [
                    models.UniqueConstraint(fields=("paper", "version"), name="draft_version_once"),
                    models.CheckConstraint(
                        condition=models.Q(("version__gte", 1)), name="draft_version_from_1"
                    ),
                ],
            },
        ),
    ]
