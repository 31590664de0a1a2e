"""Speakers in order: the automatic speakers table becomes ContributionSpeaker with a position
(and the affiliation given for the contribution); contributions get their own track.

Existing speakers keep the order in which they were added (the old table's row order).
Backwards, the order and affiliations are dropped and the plain table comes back."""

import django.db.models.deletion
from django.db import migrations, models


def copy_to_links(apps, schema_editor):
    Contribution = apps.get_model("events", "Contribution")
    Link = apps.get_model("events", "ContributionSpeaker")
    old = Contribution.speakers.through.objects.order_by("contribution_id", "id")
    links, position, previous = [], 0, None
    for row in old.iterator():
        position = position + 1 if row.contribution_id == previous else 0
        previous = row.contribution_id
        links.append(
            Link(contribution_id=row.contribution_id, person_id=row.person_id, position=position)
        )
    Link.objects.bulk_create(links, batch_size=500)


def copy_back(apps, schema_editor):
    Contribution = apps.get_model("events", "Contribution")
    Link = apps.get_model("events", "ContributionSpeaker")
    Old = Contribution.speakers.through
    Old.objects.bulk_create(
        [
            Old(contribution_id=link.contribution_id, person_id=link.person_id)
            for link in Link.objects.order_by("contribution_id", "position", "id").iterator()
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_interests_and_venue"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="track",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: the session's track.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="contributions",
                to="events.track",
                verbose_name="track",
            ),
        ),
        migrations.CreateModel(
            name="ContributionSpeaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "affiliation",
                    models.CharField(blank=True, max_length=250, verbose_name="affiliation"),
                ),
                (
                    "contribution",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speaker_links",
                        to="events.contribution",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speaker_links",
                        to="people.person",
                    ),
                ),
            ],
            options={
                "verbose_name": "speaker",
                "verbose_name_plural": "speakers",
                "ordering": ["position", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("contribution", "person"), name="contribution_speaker_once"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_to_links, copy_back),
        migrations.RemoveField(model_name="contribution", name="speakers"),
        migrations.AddField(
            model_name="contribution",
            name="speakers",
            field=models.ManyToManyField(
                blank=True,
                related_name="event_contributions",
                through="events.ContributionSpeaker",
                to="people.person",
                verbose_name="speakers",
            ),
        ),
    ]
