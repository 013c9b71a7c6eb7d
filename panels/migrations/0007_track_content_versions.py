"""Content versions (engagement/versions.py) for the tables the panels list reads, so it keeps what it works
out until one of them changes."""

from django.db import migrations

from engagement.versions import TrackVersions


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0016_content_versions"),
        ("panels", "0006_alter_panel_kind"),
    ]

    operations = [
        TrackVersions("panels_panel", "panels_eligibilityrule", "panels_eligibilityrule_estates"),
    ]
