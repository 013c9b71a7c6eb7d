"""Content versions (engagement/versions.py) for the tables What's on, the month calendar, event pages and the
public feed read, so those pages keep what they work out until one of them changes."""

from django.db import migrations

from engagement.versions import TrackVersions


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0016_content_versions"),
        ("events", "0015_training_and_volunteering"),
    ]

    operations = [
        TrackVersions(
            "events_event", "events_event_eligible_estates", "events_venue", "events_booking", "events_surgeryslot"
        ),
    ]
