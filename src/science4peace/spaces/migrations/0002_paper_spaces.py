# A paper's own discussion (issue 15, point 8): spaces may belong to a paper.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0004_author_signoff"),
        ("spaces", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="space",
            name="space_has_one_owner",
        ),
        migrations.AddField(
            model_name="space",
            name="paper",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="papers.paper",
            ),
        ),
        migrations.AddConstraint(
            model_name="space",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("collaboration__isnull", False),
                        ("event__isnull", True),
                        ("paper__isnull", True),
                        ("project__isnull", True),
                    ),
                    models.Q(
                        ("collaboration__isnull", True),
                        ("event__isnull", True),
                        ("paper__isnull", True),
                        ("project__isnull", False),
                    ),
                    models.Q(
                        ("collaboration__isnull", True),
                        ("event__isnull", False),
                        ("paper__isnull", True),
                        ("project__isnull", True),
                    ),
                    models.Q(
                        ("collaboration__isnull", True),
                        ("event__isnull", True),
                        ("paper__isnull", False),
                        ("project__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="space_has_one_owner",
            ),
        ),
        migrations.AddConstraint(
            model_name="space",
            constraint=models.UniqueConstraint(
                condition=models.Q(("paper__isnull", False)),
                fields=("paper",),
                name="space_one_per_paper",
            ),
        ),
    ]
