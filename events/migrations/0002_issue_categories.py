from django.db import migrations


def load(apps, schema_editor):
    from events.reference_data import ISSUE_CATEGORIES

    IssueCategory = apps.get_model("events", "IssueCategory")
    for position, (code, name, days) in enumerate(ISSUE_CATEGORIES):
        IssueCategory.objects.get_or_create(
            code=code, defaults={"name": name, "timescale_days": days, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
