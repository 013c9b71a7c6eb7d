"""Saved audiences name their contact-details filter `contact_details` (it was `reach`, a word the
project keeps for taking part)."""

from django.db import migrations


def _rename_key(apps, old, new):
    for model in (apps.get_model("messaging", "BulkSend"), apps.get_model("surveys", "Survey")):
        for row in model.objects.filter(audience__has_key=old).only("pk", "audience"):
            row.audience[new] = row.audience.pop(old)
            row.save(update_fields=["audience"])


def forwards(apps, schema_editor):
    _rename_key(apps, "reach", "contact_details")


def backwards(apps, schema_editor):
    _rename_key(apps, "contact_details", "reach")


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0003_letters_print_their_subject"),
        ("surveys", "0007_themes_for_written_answers"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
