"""Each panel meeting gets its event (kind "panel meeting"), holding its date, place and joining link.

Current resident members are put on the invitation list of meetings still to come. Nothing is
sent from here: the invitations go when an officer next saves the meeting or its event.
Undoing it puts the date, place and joining link back on the meeting and deletes the events.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

FORMATS = {"in_person": "in_person", "online": "online", "both": "hybrid"}
# Meetings entered without an end time.
DEFAULT_LENGTH = timedelta(hours=2)


def venue_for(Venue, place: str):
    """“Laurence House, 1 Catford Road, SE6 4RU”: a venue named “Laurence House” at the rest."""
    name, _, rest = place.partition(",")
    name = name.strip()[:150]
    found = Venue.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    lines = [part.strip() for part in rest.split(",") if part.strip()]
    return Venue.objects.create(name=name, address="\n".join(lines) or name)


def forwards(apps, schema_editor):
    PanelMeeting = apps.get_model("panels", "PanelMeeting")
    Membership = apps.get_model("panels", "Membership")
    Event = apps.get_model("events", "Event")
    Invitation = apps.get_model("events", "Invitation")
    Venue = apps.get_model("events", "Venue")
    now = timezone.now()
    for meeting in PanelMeeting.objects.filter(event__isnull=True).select_related("panel"):
        panel = meeting.panel
        ends_at = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
        event = Event.objects.create(
            title=f"{panel.name} meeting",
            description=f"A meeting of the {panel.name} for its members.",
            kind="panel_meeting",
            format=FORMATS.get(meeting.format, "in_person"),
            starts_at=meeting.starts_at,
            ends_at=ends_at,
            status="published",
            venue=venue_for(Venue, meeting.place) if meeting.place.strip() else None,
            joining_link=meeting.online_joining_link,
            organiser=panel.name,
            invitation_only=True,
            listed=False,
        )
        meeting.event = event
        meeting.save(update_fields=["event"])
        if ends_at >= now:
            members = Membership.objects.filter(panel=panel, ended_on__isnull=True, resident__isnull=False)
            resident_ids = set(members.values_list("resident_id", flat=True))
            Invitation.objects.bulk_create(
                [Invitation(event=event, resident_id=resident_id) for resident_id in resident_ids],
                ignore_conflicts=True,
            )


def place_of(venue) -> str:
    parts = [venue.name, *venue.address.splitlines(), venue.postcode]
    return ", ".join(dict.fromkeys(part.strip() for part in parts if part.strip()))[:250]


def backwards(apps, schema_editor):
    PanelMeeting = apps.get_model("panels", "PanelMeeting")
    formats = {event_format: meeting_format for meeting_format, event_format in FORMATS.items()}
    for meeting in PanelMeeting.objects.filter(event__isnull=False).select_related("event__venue"):
        event = meeting.event
        venue = event.venue
        meeting.starts_at, meeting.ends_at = event.starts_at, event.ends_at
        meeting.format = formats.get(event.format, "in_person")
        meeting.place = place_of(venue) if venue else ""
        meeting.online_joining_link = event.joining_link
        meeting.event = None
        meeting.save()
        event.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("panels", "0002_panelmeeting_event"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
