"""TRA meetings are events (kind "TRA meeting"). Scheduling, changing and cancelling them here, so
the TRA's side follows: the committee's invitations, members told, and the TRA's next AGM date.

- General meetings and AGMs: in What's on, open to residents of the estates the TRA covers
  (events has no narrower rule than an estate, so a TRA of one block opens them to its estate).
- Committee meetings: unlisted and for the committee only; the current committee is invited,
  and the list follows the committee as people join it and leave.
- A first meeting for a new TRA: in What's on, open to the estate's residents.

Events does the rest: booking, reminders, telling residents registered when a meeting is moved
or cancelled, attendance.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.messaging.services import message_queue
from engagement.models import Estate
from events.models import Event, Venue
from events.rules import meeting_deletion
from events.services.events import (
    event_cancel,
    event_change,
    event_create,
    event_invite,
    event_uninvite,
    staff_or_none,
)
from events.services.notices import event_details
from tenants_associations.models import TenantsAssociation, TRAMeeting
from tenants_associations.services.messages import committee_members, members, tra_personalisation

# When a meeting is entered with a start time only.
DEFAULT_LENGTH = timedelta(hours=2)

_TITLES = {
    TRAMeeting.Kind.GENERAL: "general meeting",
    TRAMeeting.Kind.AGM: "annual general meeting (AGM)",
    TRAMeeting.Kind.COMMITTEE: "committee meeting",
}


class MeetingRefused(Exception):
    """Why a meeting cannot be changed, in words we can show."""


@dataclass(frozen=True)
class MeetingDetails:
    """When and where, as its event holds them. `place` is what someone typed ("Foreshore House
    community room"): it becomes a venue unless `venue` is given."""

    starts_at: datetime
    ends_at: datetime | None = None
    place: str = ""
    venue: Venue | None = None
    format: str = Event.Format.IN_PERSON
    joining_link: str = ""
    notes: str = ""

    @property
    def finishes_at(self) -> datetime:
        return self.ends_at or self.starts_at + DEFAULT_LENGTH


def covered_estates(tra: TenantsAssociation) -> list[Estate]:
    """The estates the TRA covers in full, and those its blocks are on."""
    estates = {estate.pk: estate for estate in tra.estates.select_related("ward")}
    for block in tra.blocks.select_related("estate__ward"):
        estates.setdefault(block.estate_id, block.estate)
    return sorted(estates.values(), key=lambda estate: estate.name)


def venue_for_place(*, place: str, estate: Estate | None) -> Venue:
    """The venue of that name (preferring one on the estate), or a new one on the estate.

    Committees type where they meet; a new venue's address is its estate until an officer adds more.
    """
    place = place.strip()[: Venue._meta.get_field("name").max_length]
    venues = Venue.objects.filter(name__iexact=place)
    found = venues.filter(estate=estate).first() or venues.first()
    if found is not None:
        return found
    return Venue.objects.create(name=place, estate=estate, address=estate.name if estate else place)


def event_fields(details: MeetingDetails, estate: Estate | None) -> dict:
    """The event's fields for these details; a typed place becomes a venue on the estate."""
    venue = details.venue
    if venue is None and details.place.strip() and details.format != Event.Format.ONLINE:
        venue = venue_for_place(place=details.place, estate=estate)
    return {
        "starts_at": details.starts_at,
        "ends_at": details.finishes_at,
        "format": details.format,
        "venue": venue,
        "joining_link": details.joining_link,
        "description": details.notes,
    }


def meeting_personalisation(meeting: TRAMeeting) -> dict:
    """When, where and the link to the meeting's page (to book a place), for messages about it."""
    details = event_details(meeting.event)
    return {
        "meeting_kind": meeting.get_kind_display(),
        "when": details["when"],
        "where": details["where"],
        "notes": meeting.event.description,
        "event_url": details["event_url"],
    }


@transaction.atomic
def tra_meeting_schedule(
    *,
    tra: TenantsAssociation,
    kind: str,
    details: MeetingDetails,
    scheduled_by=None,
    tell_people: bool = False,
) -> TRAMeeting:
    """Put a meeting in the TRA's calendar (and What's on, unless it is a committee meeting).

    The committee is always invited to a committee meeting. With `tell_people`, members hear about
    a general meeting or AGM, with the link to book. An AGM becomes the TRA's next AGM date.
    Raises ValidationError (from the event) when the details do not make a meeting.
    """
    if kind not in _TITLES:
        raise ValueError(f"A TRA schedules general meetings, AGMs and committee meetings, not {kind!r}")
    committee = kind == TRAMeeting.Kind.COMMITTEE
    estates = covered_estates(tra)
    event = event_create(
        kind=Event.Kind.TRA_MEETING,
        title=f"{tra.name} {_TITLES[kind]}",
        organiser=tra.name,
        estate=estates[0] if estates else None,
        eligible_estates=[] if committee else estates,
        invitation_only=committee,
        listed=not committee,
        lead_officer=staff_or_none(scheduled_by),
        created_by=scheduled_by,
        publish=True,
        **event_fields(details, estates[0] if estates else None),
    )
    meeting = TRAMeeting.objects.create(tra=tra, kind=kind, event=event)
    if committee:
        committee_invitations_refresh(tra=tra, by=scheduled_by)
    if kind == TRAMeeting.Kind.AGM:
        agm_date_refresh(tra=tra)
    if tell_people and not committee:
        personalisation = {**tra_personalisation(tra), **meeting_personalisation(meeting)}
        for resident in members(tra):
            message_queue(
                template="tenants_associations.meeting_scheduled",
                key=f"tra-meeting-scheduled:{meeting.pk}:{resident.pk}",
                resident=resident,
                personalisation=personalisation,
            )
    return meeting


@transaction.atomic
def tra_meeting_change(*, meeting: TRAMeeting, details: MeetingDetails) -> int:
    """Change when, where or how a meeting is held. A new time goes through events, which tells
    everyone registered; an AGM's new date becomes the TRA's next AGM (`agm_date_follow`). Returns how many were told."""
    event = Event.objects.select_for_update().get(pk=meeting.event_id)
    if event.status == Event.Status.CANCELLED:
        raise MeetingRefused(_("This meeting has been cancelled, so it cannot be changed."))
    meeting.event, told = event_change(event=event, **event_fields(details, event.estate))
    return told


@transaction.atomic
def tra_meeting_cancel(*, meeting: TRAMeeting, reason: str = "", by=None) -> int:
    """Cancel the meeting (it is kept, so there is a record of it). Events tells everyone registered,
    with the reason. A cancelled AGM's date stops being the TRA's next AGM (`agm_date_follow`). Returns how many were told."""
    if meeting.is_cancelled:
        return 0
    whose = meeting.tra.name if meeting.tra_id else "The organisers"
    return event_cancel(event=meeting.event, reason=reason.strip() or f"{whose} cancelled it.", by=by)


def _upcoming(tra: TenantsAssociation, kind: str):
    return (
        TRAMeeting.objects.filter(tra=tra, kind=kind, event__ends_at__gte=timezone.now())
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event")
    )


def agm_date_follow(event: Event) -> None:
    """An AGM moved or cancelled, here or in events (its admin, its services), moves the TRA's next AGM
    date. Events calls this when it moves or cancels an event (registered in apps.py)."""
    if event.kind != Event.Kind.TRA_MEETING:
        return
    meeting = TRAMeeting.objects.filter(event=event, kind=TRAMeeting.Kind.AGM).select_related("tra").first()
    if meeting is None:
        return
    cancelled = event.status == Event.Status.CANCELLED
    agm_date_refresh(tra=meeting.tra, dropped=timezone.localtime(event.starts_at).date() if cancelled else None)


def agm_date_refresh(*, tra: TenantsAssociation, dropped: date | None = None) -> None:
    """The TRA's next AGM is its next AGM in the calendar. With none there, a date entered by hand
    stays, unless it was the date of an AGM that is no longer happening (`dropped`)."""
    next_agm = _upcoming(tra, TRAMeeting.Kind.AGM).order_by("event__starts_at").first()
    if next_agm is not None:
        on = timezone.localtime(next_agm.event.starts_at).date()
    elif dropped is not None and tra.next_agm_on == dropped:
        on = None
    else:
        return
    if tra.next_agm_on != on:
        tra.next_agm_on = on
        tra.save(update_fields=["next_agm_on", "updated_at"])


@transaction.atomic
def committee_invitations_refresh(*, tra: TenantsAssociation, by=None) -> None:
    """Make the invitation list of each committee meeting still to come the current committee:
    newcomers are invited (and told), people who left the committee come off it."""
    committee = committee_members(tra)
    on_committee = {resident.pk for resident in committee}
    for meeting in _upcoming(tra, TRAMeeting.Kind.COMMITTEE):
        event_invite(event=meeting.event, residents=committee, invited_by=staff_or_none(by))
        gone = [invitation.resident for invitation in meeting.event.invitations.select_related("resident")]
        event_uninvite(event=meeting.event, residents=[r for r in gone if r.pk not in on_committee])


@transaction.atomic
def tra_meeting_delete(*, meeting: TRAMeeting) -> None:
    """Delete a meeting entered by mistake and never published, with its event (see events.rules.meeting_deletion).

    The meetings a TRA schedules here are published at once, so in practice they are cancelled.
    """
    event = meeting.event
    if not (deletion := meeting_deletion(event=event)).allowed:
        raise MeetingRefused(deletion.reason)
    meeting.delete()
    event.delete()
