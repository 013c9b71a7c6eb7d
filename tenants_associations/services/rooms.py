"""TRAs booking community rooms for their meetings, and officers cancelling bookings.

A booking makes the meeting (tra_meeting_schedule) with the room's centre as its venue, so the meeting's
page, What's on and messages say where it is.

No double booking: the room's row is locked (select_for_update) while we look for overlapping bookings and
add ours, so two committees booking the same room at once are served one after the other and the second is
told the room is taken. Not a PostgreSQL exclusion constraint: the portal also runs on SQLite (its default
for developers) and uses no PostgreSQL-only features; a checked service keeps one code path for both, and
gives the committee a message at the field rather than an IntegrityError.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.dates import clock_text, when_text
from engagement.messaging.services import message_queue
from engagement.models import Resident
from events.models import Event
from events.services.events import event_change
from tenants_associations.models import CommunityRoom, OpeningHours, RoomBooking, TenantsAssociation
from tenants_associations.rules import is_on_committee
from tenants_associations.services.meetings import MeetingDetails, tra_meeting_schedule
from tenants_associations.services.messages import committee_members, tra_personalisation


class RoomBookingRefused(Exception):
    """Why a room cannot be booked, in words for the committee, and which form field it is about."""

    def __init__(self, message: str, *, field: str | None = None, code: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


def bookable_rooms():
    return CommunityRoom.objects.filter(bookable_by_tras=True).select_related("centre__venue")


def opening_hours_text(sessions: list[OpeningHours]) -> str:
    """'9am to 1pm and 2pm to 5pm' for one day's sessions."""
    return _(" and ").join(_("%(opens)s to %(closes)s") % _times(session) for session in sessions)


def _times(session: OpeningHours) -> dict:
    return {"opens": clock_text(session.opens), "closes": clock_text(session.closes)}


def week_of_opening_hours(centre) -> list[tuple[str, str]]:
    """Each day of the week with when the centre is open ("Closed" if it is not), Monday first.

    Reads centre.opening_hours.all(): prefetch it for a list of centres."""
    by_day: dict[int, list[OpeningHours]] = {}
    for session in centre.opening_hours.all():
        by_day.setdefault(session.weekday, []).append(session)
    return [
        (str(label), opening_hours_text(by_day[day]) if day in by_day else _("Closed"))
        for day, label in OpeningHours.Weekday.choices
    ]


def is_open_throughout(centre, starts_at: datetime, ends_at: datetime) -> bool:
    """Whether the centre is open from start to finish, within one opening on the day (local time)."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date():
        return False
    return centre.opening_hours.filter(
        weekday=start.weekday(), opens__lte=start.time(), closes__gte=end.time()
    ).exists()


def room_booking_check(*, room: CommunityRoom, starts_at: datetime, ends_at: datetime) -> None:
    """Raise RoomBookingRefused unless the room may be booked then. Call with the room locked to rely on it."""
    if not room.bookable_by_tras:
        raise RoomBookingRefused(_("This room cannot be booked by TRAs. Choose another room."), field="room")
    if ends_at <= starts_at:
        raise RoomBookingRefused(_("The finish time must be after the start time"), field="end_time")
    if starts_at < timezone.now():
        raise RoomBookingRefused(_("The meeting must be in the future"), field="date", code="past")
    centre = room.centre
    if not is_open_throughout(centre, starts_at, ends_at):
        day = timezone.localtime(starts_at)
        sessions = list(centre.opening_hours.filter(weekday=day.weekday()))
        if not sessions:
            message = _("%(centre)s is closed on %(weekday)s. Choose another day.") % {
                "centre": centre.name,
                "weekday": OpeningHours.Weekday(day.weekday()).label,
            }
            raise RoomBookingRefused(message, field="date", code="closed")
        message = _("%(centre)s is open %(hours)s that day. Choose times when it is open.") % {
            "centre": centre.name,
            "hours": opening_hours_text(sessions),
        }
        raise RoomBookingRefused(message, field="time", code="outside_opening_hours")
    taken = RoomBooking.objects.booked().filter(room=room).overlapping(starts_at, ends_at).first()
    if taken is not None:
        message = _("%(room)s is already booked on %(when)s. Choose another time or room.") % {
            "room": room.name,
            "when": when_text(taken.starts_at, taken.ends_at),
        }
        raise RoomBookingRefused(message, field="time", code="taken")


@dataclass(frozen=True)
class RoomRequest:
    room: CommunityRoom
    kind: str
    starts_at: datetime
    ends_at: datetime
    notes: str = ""
    tell_people: bool = False


@transaction.atomic
def room_book(*, tra: TenantsAssociation, request: RoomRequest, booked_by: Resident, user=None) -> RoomBooking:
    """Book the room for a meeting of the TRA, and put the meeting in its calendar with the room's centre
    as the venue. Only a current committee member of the TRA may. Raises RoomBookingRefused."""
    if not is_on_committee(booked_by, tra):
        raise RoomBookingRefused(_("Only the TRA's committee can book rooms for its meetings."), code="not_committee")
    # Locking the room serialises bookings of it (see the module's docstring).
    room = CommunityRoom.objects.select_for_update().select_related("centre__venue").get(pk=request.room.pk)
    room_booking_check(room=room, starts_at=request.starts_at, ends_at=request.ends_at)
    in_room = _in_room(room)
    meeting = tra_meeting_schedule(
        tra=tra,
        kind=request.kind,
        details=MeetingDetails(
            starts_at=request.starts_at,
            ends_at=request.ends_at,
            venue=room.centre.venue,
            notes="\n\n".join(part for part in (in_room, request.notes.strip()) if part),
        ),
        scheduled_by=user,
        tell_people=request.tell_people,
    )
    return RoomBooking.objects.create(
        room=room, tra=tra, meeting=meeting, starts_at=request.starts_at, ends_at=request.ends_at, booked_by=booked_by
    )


def _in_room(room: CommunityRoom) -> str:
    return _("In the %(room)s at %(centre)s.") % {"room": room.name, "centre": room.centre.name}


@transaction.atomic
def room_booking_cancel(*, booking: RoomBooking, reason: str, by=None, tell_tra: bool = True) -> int:
    """Cancel a room booking (an officer, in admin). The meeting stays in the TRA's calendar, saying its room
    has been cancelled, and the committee is told, with the reason, so they can find another room or cancel
    it. Returns how many were told. Raises RoomBookingRefused if it is already cancelled."""
    booking = RoomBooking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == RoomBooking.Status.CANCELLED:
        raise RoomBookingRefused(_("This booking is already cancelled."), code="already_cancelled")
    booking.status = RoomBooking.Status.CANCELLED
    booking.cancellation_reason = reason.strip()
    booking.cancelled_by = by
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancellation_reason", "cancelled_by", "cancelled_at"])
    booking = RoomBooking.objects.select_related("room__centre", "tra", "meeting__event").get(pk=booking.pk)
    _meeting_says_room_cancelled(booking)
    if not tell_tra:
        return 0
    personalisation = {
        **tra_personalisation(booking.tra),
        "room": booking.room.name,
        "centre": booking.room.centre.name,
        "when": when_text(booking.starts_at, booking.ends_at),
        "meeting_kind": booking.meeting.get_kind_display(),
        "reason": booking.cancellation_reason,
    }
    told = 0
    for resident in committee_members(booking.tra):
        told += bool(
            message_queue(
                template="tenants_associations.room_booking_cancelled",
                key=f"room-booking-cancelled:{booking.pk}:{resident.pk}",
                resident=resident,
                personalisation=personalisation,
            )
        )
    return told


def _meeting_says_room_cancelled(booking: RoomBooking) -> None:
    """The meeting's page no longer says it is in the room: it says the room was cancelled, so nobody
    goes to a room that is not theirs. Its venue stays (a meeting in person must have one) until the
    committee moves or cancels it."""
    event = booking.meeting.event
    if event.status == Event.Status.CANCELLED or event.ends_at <= timezone.now():
        return
    notice = _(
        "The room booked for this meeting, the %(room)s at %(centre)s, has been cancelled. "
        "The TRA's committee will say where the meeting will be held."
    ) % {"room": booking.room.name, "centre": booking.room.centre.name}
    paragraphs = [part for part in event.description.split("\n\n") if part not in (_in_room(booking.room), notice)]
    event_change(
        event=event, starts_at=event.starts_at, ends_at=event.ends_at, description="\n\n".join([notice, *paragraphs])
    )


def room_booking_follow(event: Event) -> None:
    """A meeting cancelled (by its TRA, or by an officer in events) frees its room; moved in events' admin, its
    booking moves with it. Events calls this when it moves or cancels an event (registered in apps.py)."""
    if event.kind != Event.Kind.TRA_MEETING:
        return
    bookings = RoomBooking.objects.booked().filter(meeting__event=event)
    if event.status == Event.Status.CANCELLED:
        bookings.update(
            status=RoomBooking.Status.CANCELLED,
            cancellation_reason=_("The meeting was cancelled."),
            cancelled_at=timezone.now(),
        )
    else:
        bookings.exclude(starts_at=event.starts_at, ends_at=event.ends_at).update(
            starts_at=event.starts_at, ends_at=event.ends_at
        )


def bookings_for(tra: TenantsAssociation):
    """The TRA's own room bookings still to come: never another TRA's."""
    return (
        RoomBooking.objects.filter(tra=tra, ends_at__gte=timezone.now())
        .select_related("room__centre", "meeting__event")
        .order_by("starts_at")
    )
