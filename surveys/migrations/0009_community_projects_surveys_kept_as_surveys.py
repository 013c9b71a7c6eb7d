"""The yearly community projects consultation has its own app (engagement.community_projects): a survey
made as one is kept, as the ordinary survey it always was. In a migration of its own, before 0010 alters
the table (see engagement.versions.TrackVersions)."""

from django.db import migrations


def as_ordinary_surveys(apps, schema_editor):
    apps.get_model("surveys", "Survey").objects.filter(kind="community_projects").update(kind="consultation")


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0008_track_content_versions"),
    ]

    operations = [
        migrations.RunPython(as_ordinary_surveys, migrations.RunPython.noop),
    ]
