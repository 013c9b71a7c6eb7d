from django.db import migrations


def load(apps, schema_editor):
    from events.reference_data import ensure_issue_categories

    ensure_issue_categories(apps)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
