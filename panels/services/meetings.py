"""Panel meetings are events (kind "panel meeting"): invitation-only, unlisted, and the panel's
current members are on each one's invitation list.

The event holds when and where the meeting is and its joining link, so events does the rest:
the invitations (sent once the meeting is published), booking, reminders, telling residents
when a meeting moves or is cancelled, the joining link for those with a place, attendance.
Members who join later are invited to the meetings still to come; members who leave are
taken off them. Members of staff holding a seat have no resident account to book with: they are
invited as events invites staff, by email with a calendar file, once the meeting is published.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.models import Resident
from events.models import Event, StaffInvitation, Venue
from events.rules import meeting_deletion
from events.services.events import (
    event_cancel,
    event_change,
    event_create,
    event_invite,
    event_uninvite,
    invitations_send,
    staff_invitations_send,
    staff_or_none,
)
from panels.models import Membership, Panel, PanelMeeting
from panels.services import PanelError


@dataclass(frozen=True)
class MeetingDetails:
    """When and where: what the meeting's event holds."""

    starts_at: datetime
    ends_at: datetime
    format: str = Event.Format.IN_PERSON
    venue: Venue | None = None
    joining_link: str = ""

    def as_fields(self) -> dict:
        return {
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "format": self.format,
            "venue": self.venue,
            "joining_link": self.joining_link,
        }


def current_resident_members(panel: Panel):
    return Resident.objects.filter(panel_memberships__panel=panel, panel_memberships__ended_on__isnull=True).distinct()


def _staff_seats_invite(event: Event, memberships) -> int:
    """Put members of staff holding these seats on the meeting's staff invitations, and send them if it
    is published. Returns how many invitations were sent."""
    for membership in memberships:
        user = membership.staff_user
        if user.email:
            StaffInvitation.objects.get_or_create(
                event=event, email=user.email, defaults={"name": user.get_full_name() or user.email}
            )
    return _staff_invitations_send(event)


def _staff_invitations_send(event: Event) -> int:
    return staff_invitations_send(event=event) if event.status == Event.Status.PUBLISHED else 0


def _current_staff_seats(panel: Panel):
    return Membership.objects.current().filter(panel=panel, staff_user__isnull=False).select_related("staff_user")


def upcoming_meetings(panel: Panel):
    """Meetings still to come (or going on now), published or not, and not cancelled."""
    return (
        PanelMeeting.objects.filter(panel=panel, event__ends_at__gte=timezone.now())
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event")
    )


@transaction.atomic
def panel_meeting_schedule(
    *, meeting: PanelMeeting, details: MeetingDetails, publish: bool = True, by=None
) -> PanelMeeting:
    """Save a new meeting (built with its panel, and agenda if known) with its event, and invite the
    panel's current members. They are sent the invitation now if `publish`, otherwise when it is published.

    Raises ValidationError (from the event) when the details do not make a meeting.
    """
    panel = meeting.panel
    meeting.event = event_create(
        kind=Event.Kind.PANEL_MEETING,
        title=f"{panel.name} meeting",
        description=f"A meeting of the {panel.name} for its members.",
        organiser=panel.name,
        invitation_only=True,
        listed=False,
        lead_officer=staff_or_none(by),
        created_by=by,
        publish=publish,
        **details.as_fields(),
    )
    meeting.save()
    event_invite(event=meeting.event, residents=current_resident_members(panel), invited_by=staff_or_none(by))
    _staff_seats_invite(meeting.event, _current_staff_seats(panel))
    return meeting


@transaction.atomic
def panel_meeting_change(*, meeting: PanelMeeting, details: MeetingDetails, publish: bool = False) -> int:
    """Change when, where or how a meeting is held, and publish it if asked (sending the invitations).

    A new time goes through events, which tells everyone registered. Returns how many were told.
    """
    event = Event.objects.select_for_update().get(pk=meeting.event_id)
    if event.status == Event.Status.CANCELLED:
        raise PanelError(_("This meeting has been cancelled, so it cannot be changed."))
    publishing = {"status": Event.Status.PUBLISHED} if publish and event.status == Event.Status.DRAFT else {}
    event, told = event_change(event=event, **details.as_fields(), **publishing)
    invitations_send(event=event)
    _staff_invitations_send(event)
    meeting.event = event
    return told


@transaction.atomic
def panel_meeting_cancel(*, meeting: PanelMeeting, reason: str, by=None) -> int:
    """Cancel the meeting; events tells everyone registered, with the reason. Returns how many were told."""
    if meeting.is_cancelled:
        raise PanelError(_("This meeting is already cancelled."))
    return event_cancel(event=meeting.event, reason=reason, by=by)


@transaction.atomic
def member_meetings_invite(*, membership: Membership, by=None) -> int:
    """Invite a new member to the panel's meetings still to come. Returns how many they were invited to."""
    if membership.staff_user_id is not None:
        meetings = list(upcoming_meetings(membership.panel))
        for meeting in meetings:
            _staff_seats_invite(meeting.event, [membership])
        return len(meetings)
    invited = 0
    for meeting in upcoming_meetings(membership.panel):
        invited += event_invite(event=meeting.event, residents=[membership.resident], invited_by=staff_or_none(by))
    return invited


@transaction.atomic
def member_meetings_uninvite(*, membership: Membership) -> int:
    """Someone whose seat has ended comes off the meetings still to come (their places are cancelled),
    unless they still hold another seat on the panel. Returns how many meetings they came off."""
    if membership.staff_user_id is not None:
        if _current_staff_seats(membership.panel).filter(staff_user_id=membership.staff_user_id).exists():
            return 0
        events = [meeting.event_id for meeting in upcoming_meetings(membership.panel)]
        return StaffInvitation.objects.filter(event__in=events, email=membership.staff_user.email).delete()[0]
    if Membership.objects.current().filter(panel_id=membership.panel_id, resident_id=membership.resident_id).exists():
        return 0
    removed = 0
    for meeting in upcoming_meetings(membership.panel):
        removed += event_uninvite(event=meeting.event, residents=[membership.resident])
    return removed


@transaction.atomic
def panel_meeting_delete(*, meeting: PanelMeeting) -> None:
    """Delete a meeting entered by mistake and never published, with its event (see events.rules.meeting_deletion)."""
    event = meeting.event
    if not (deletion := meeting_deletion(event=event)).allowed:
        raise PanelError(deletion.reason)
    meeting.delete()
    event.delete()
