from django.db import migrations


def load(apps, schema_editor):
    from engagement.reference_data import ensure_reference_data
    from engagement.roles import sync_role_permissions

    ensure_reference_data(apps)
    # Creates the role groups; their permissions are filled in after migrate (signals.py),
    # once Django has created the permissions for every app.
    sync_role_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
