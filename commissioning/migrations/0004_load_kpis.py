from django.db import migrations


def load(apps, schema_editor):
    from commissioning.vocabulary.loader import load_kpis  # noqa: PLC0415 - at run time only

    load_kpis(apps)


class Migration(migrations.Migration):
    dependencies = [("commissioning", "0003_kpi")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
