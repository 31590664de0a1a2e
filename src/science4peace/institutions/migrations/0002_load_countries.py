"""Every ISO 3166-1 country (and XK) with its UN status, from lib/data/un_status.csv."""

from django.db import migrations

from science4peace.lib.countries import all_countries


def load(apps, schema_editor):
    Country = apps.get_model("institutions", "Country")
    for country in all_countries():
        Country.objects.update_or_create(
            code=country.code, defaults={"name": country.name, "un_status": country.un_status}
        )


def unload(apps, schema_editor):
    apps.get_model("institutions", "Country").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("institutions", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
