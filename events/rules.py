"""Who may do what with an event: named rules the views, services and other apps share."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from engagement.dates import date_text, time_text
from engagement.models import Resident
from events.models import Booking, Event, Invitation

# Doors open before the start: people checked in at the door this long before it count as on time.
DOORS_OPEN = timedelta(hours=1)


@dataclass(frozen=True)
class Eligibility:
    allowed: bool
    code: str = ""
    reason: str = ""


ALLOWED = Eligibility(True)


def resident_estate_id(resident: Resident) -> int | None:
    return resident.tenancy.home.block.estate_id if resident.tenancy_id else None


def booking_eligibility(*, event: Event, resident: Resident | None, on_behalf: bool = False) -> Eligibility:
    """Whether this resident may register for this event now, and if not, why (in words for them).

    `on_behalf`: an officer is booking for them (by phone, from a paper form) and has checked who they
    are, so a tenancy proved online is not needed; the event's own limits still apply.
    """
    if not event.is_bookable_kind:
        return Eligibility(False, "not_bookable", "You do not need to book for this.")
    if event.status == Event.Status.CANCELLED:
        return Eligibility(False, "cancelled", "This event has been cancelled.")
    if event.has_ended:
        return Eligibility(False, "finished", "This event has finished.")
    if event.status != Event.Status.PUBLISHED:
        return Eligibility(False, "not_open", "Booking is not open for this event.")
    if event.starts_at <= timezone.now():
        return Eligibility(False, "started", "This event has already started, so booking has closed.")
    if resident is None:
        return Eligibility(False, "sign_in", "Sign in to book a place.")
    if not resident.has_verified_tenancy and not on_behalf:
        return Eligibility(False, "verify", "Confirm your tenancy to book a place.")
    if event.invitation_only and not Invitation.objects.filter(event=event, resident=resident).exists():
        return Eligibility(False, "not_invited", "This meeting is for invited residents only.")
    estate_ids = {estate.pk for estate in event.eligible_estates.all()}
    if estate_ids and resident_estate_id(resident) not in estate_ids:
        return Eligibility(False, "estate", "This event is only for residents of the estates it names.")
    if event.eligible_tenure_types and (
        not resident.tenancy_id or resident.tenancy.tenure_type not in event.eligible_tenure_types
    ):
        return Eligibility(False, "tenure", "This event is only for the residents it names above.")
    return ALLOWED


def meeting_deletion(*, event: Event) -> Eligibility:
    """Whether a meeting (a panel's or a TRA's) may be deleted with its event: only if it was never published.

    Once published, residents have seen it, booked or been invited, and a cancellation tells
    them why it is off; the meeting stays as part of the record others rely on (members'
    history, a TRA's meetings for its constitution), so it is cancelled, never deleted.
    """
    if event.status == Event.Status.DRAFT:
        return ALLOWED
    return Eligibility(
        False,
        "published",
        "This meeting has been published, so it stays on the record: cancel it instead, and everyone invited is told.",
    )


def joining_link_visible(*, event: Event, resident: Resident | None) -> bool:
    """The joining link is for residents with a confirmed place, and only while the event is on."""
    if resident is None or not event.is_online or not event.joining_link:
        return False
    if event.status != Event.Status.PUBLISHED:
        return False
    return Booking.objects.filter(event=event, resident=resident, status=Booking.Status.CONFIRMED).exists()


def attendance_recording(*, event: Event) -> Eligibility:
    """Whether attendance can be recorded without a second thought: not before the event has started
    (allowing for the doors opening an hour early), when marks are more likely a wrong event than people."""
    if event.starts_at - DOORS_OPEN > timezone.now():
        starts = f"{date_text(event.starts_at, weekday=True)} at {time_text(event.starts_at)}"
        return Eligibility(False, "not_started", f"This event has not started yet: it starts on {starts}.")
    return ALLOWED
