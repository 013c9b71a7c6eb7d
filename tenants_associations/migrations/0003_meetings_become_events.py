"""Each TRA meeting gets its event (kind "TRA meeting"), holding its date, place, notes and whether
it is cancelled. Its place becomes a venue (an existing one of the same name where there is one).

General meetings, AGMs and first meetings are listed and open to the covered estates' residents;
committee meetings are unlisted, with the current committee on the invitation list (marked as
told: the committee heard about them before, so nothing more is sent). Undoing it puts the
date, place and notes back on the meeting and deletes the events.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

# Meetings were entered with a start time only.
DEFAULT_LENGTH = timedelta(hours=2)
TITLES = {"general": "general meeting", "agm": "annual general meeting (AGM)", "committee": "committee meeting"}


def covered_estates(tra):
    estates = {estate.pk: estate for estate in tra.estates.all()}
    for block in tra.blocks.select_related("estate"):
        estates.setdefault(block.estate_id, block.estate)
    return sorted(estates.values(), key=lambda estate: estate.name)


def venue_for(Venue, place: str, estate):
    place = place.strip()[:150]
    venues = Venue.objects.filter(name__iexact=place)
    found = venues.filter(estate=estate).first() or venues.first()
    if found is not None:
        return found
    return Venue.objects.create(name=place, estate=estate, address=estate.name if estate else place)


def forwards(apps, schema_editor):
    TRAMeeting = apps.get_model("tenants_associations", "TRAMeeting")
    CommitteeRole = apps.get_model("tenants_associations", "CommitteeRole")
    Event = apps.get_model("events", "Event")
    Invitation = apps.get_model("events", "Invitation")
    Venue = apps.get_model("events", "Venue")
    now = timezone.now()
    today = timezone.localdate()
    for meeting in TRAMeeting.objects.filter(event__isnull=True).select_related("tra", "estate"):
        tra = meeting.tra
        estates = covered_estates(tra) if tra is not None else [meeting.estate]
        estate = estates[0] if estates else None
        if meeting.kind == "first":
            title, organiser = f"First meeting of a new TRA for {meeting.estate.name}", ""
        else:
            title, organiser = f"{tra.name} {TITLES[meeting.kind]}", tra.name
        committee = meeting.kind == "committee"
        event = Event.objects.create(
            title=title,
            description=meeting.notes,
            kind="tra_meeting",
            format="in_person",
            starts_at=meeting.starts_at,
            ends_at=meeting.starts_at + DEFAULT_LENGTH,
            status="cancelled" if meeting.cancelled_at else "published",
            venue=venue_for(Venue, meeting.place, estate) if meeting.place.strip() else None,
            estate=estate,
            organiser=organiser,
            invitation_only=committee,
            listed=not committee,
            created_by=meeting.created_by,
        )
        if not committee:
            event.eligible_estates.set(estates)
        meeting.event = event
        meeting.save(update_fields=["event"])
        if committee and event.ends_at >= now and not meeting.cancelled_at:
            on_committee = CommitteeRole.objects.filter(tra=tra, term_starts_on__lte=today).exclude(
                term_ends_on__lt=today
            )
            Invitation.objects.bulk_create(
                [
                    Invitation(event=event, resident_id=resident_id, notified_at=now)
                    for resident_id in set(on_committee.values_list("resident_id", flat=True))
                ],
                ignore_conflicts=True,
            )


def backwards(apps, schema_editor):
    TRAMeeting = apps.get_model("tenants_associations", "TRAMeeting")
    for meeting in TRAMeeting.objects.filter(event__isnull=False).select_related("event__venue"):
        event = meeting.event
        meeting.starts_at = event.starts_at
        meeting.place = event.venue.name if event.venue_id else ""
        meeting.notes = event.description
        meeting.cancelled_at = event.updated_at if event.status == "cancelled" else None
        meeting.created_by_id = event.created_by_id
        meeting.estate_id = event.estate_id if meeting.kind == "first" else None
        meeting.event = None
        meeting.save()
        event.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tenants_associations", "0002_trameeting_event"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
