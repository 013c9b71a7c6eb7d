"""A content version (engagement/versions.py) for residents' calendar links, so Your events keeps its
content, the link with it, until one of its tables changes."""

from django.db import migrations

from engagement.versions import TrackVersions


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0016_track_content_versions"),
    ]

    operations = [
        TrackVersions("events_calendarfeed"),
    ]
