"""Load the shared vocabulary: outcome areas, art forms, beneficiary groups and areas."""

from django.db import migrations

from commissioning.vocabulary.loader import load_vocabulary


def load(apps, schema_editor):
    load_vocabulary(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("commissioning", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
