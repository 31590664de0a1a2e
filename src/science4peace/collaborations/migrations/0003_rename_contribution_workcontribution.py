"""The collaborations' ``Contribution`` (work done for a collaboration) becomes
``WorkContribution``, so that nobody confuses it with a contribution to an event's programme.
The table is renamed, the rows stay; the reverse accessors become ``work_contributions``."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("collaborations", "0002_pledge_v1"),
        ("people", "0002_person_coordinate_validators"),
    ]

    operations = [
        migrations.RenameModel(old_name="Contribution", new_name="WorkContribution"),
        migrations.AlterModelOptions(
            name="workcontribution",
            options={
                "ordering": ["start", "id"],
                "verbose_name": "work contribution",
                "verbose_name_plural": "work contributions",
            },
        ),
        migrations.AlterField(
            model_name="workcontribution",
            name="collaboration",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="work_contributions",
                to="collaborations.collaboration",
            ),
        ),
        migrations.AlterField(
            model_name="workcontribution",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="work_contributions",
                to="people.person",
            ),
        ),
    ]
