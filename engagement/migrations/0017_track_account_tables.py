"""Content versions (engagement/versions.py) for what the resident's account page reads beside their own
record and home: their consents, interests and access needs."""

from django.db import migrations

from engagement.versions import TrackVersions


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0016_content_versions"),
    ]

    operations = [
        TrackVersions(
            "engagement_consent",
            "engagement_interest",
            "engagement_resident_interests",
            "engagement_accessneed",
            "engagement_resident_access_needs",
        ),
    ]
