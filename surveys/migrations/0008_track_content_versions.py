"""Content versions (engagement/versions.py) for the tables the sounding board's front page reads (decisions
for "You said, we did" too), so it keeps what it works out until one of them changes."""

from django.db import migrations

from engagement.versions import TrackVersions


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0016_content_versions"),
        ("decisions", "0007_community_project_sources"),
        ("surveys", "0007_themes_for_written_answers"),
    ]

    operations = [
        TrackVersions("surveys_survey", "surveys_topic", "surveys_post", "decisions_decision"),
    ]
