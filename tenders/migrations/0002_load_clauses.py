from django.db import migrations


def load(apps, schema_editor):
    from tenders.clauses import CLAUSES  # noqa: PLC0415 - at run time only

    clause = apps.get_model("tenders", "Clause")
    for data in CLAUSES:
        clause.objects.update_or_create(slug=data["slug"], defaults=data)


class Migration(migrations.Migration):
    dependencies = [("tenders", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
