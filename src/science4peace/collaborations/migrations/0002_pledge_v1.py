"""The first civil-use pledge, worded after the CERN Convention, Article II."""

from django.db import migrations

TEXT = """\
I will use the data, software and knowledge of the collaborations on this platform for civil,
fundamental research only.

Following Article II of the Convention for the Establishment of a European Organization for
Nuclear Research (CERN, 1953), this research "shall have no concern with work for military
requirements", and its experimental and theoretical results shall be published or otherwise
made generally available.

I will not pass these resources to anyone for military purposes, and I will acknowledge the
collaborations and the funding agencies whose work made my research possible."""


def publish(apps, schema_editor):
    Pledge = apps.get_model("collaborations", "Pledge")
    Pledge.objects.get_or_create(version=1, defaults={"text": TEXT})


def unpublish(apps, schema_editor):
    apps.get_model("collaborations", "Pledge").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("collaborations", "0001_initial")]

    operations = [migrations.RunPython(publish, unpublish)]
