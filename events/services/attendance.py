"""The attendance register: who came, who did not, walk-ins, and check-in at the door (by booking code,
by a booking's QR code, or by finding someone by name or address)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.links import site_url
from engagement.models import Estate, Resident
from engagement.services.involvement import involvement_changed
from events.models import Booking, Event

# The check-in page shows this many at most: past that, staff type a little more.
CHECK_IN_MATCHES_SHOWN = 60


class CheckInError(Exception):
    pass


@transaction.atomic
def attendance_mark(*, event: Event, marks: dict[int, str], by=None) -> int:
    """Record attended / no-show for bookings on this event ({booking id: attendance}). Returns how many changed."""
    changed, residents = 0, []
    allowed = set(Booking.Attendance.values)
    for booking in event.bookings.filter(pk__in=list(marks), status=Booking.Status.CONFIRMED).select_for_update():
        value = marks[booking.pk]
        if value not in allowed or value == booking.attendance:
            continue
        booking.attendance = value
        booking.attendance_recorded_by = by
        booking.save(update_fields=["attendance", "attendance_recorded_by"])
        changed += 1
        residents.append(booking.resident_id)
    involvement_changed(residents)
    return changed


@transaction.atomic
def attendance_check_in(*, event: Event, code: str, by=None) -> Booking:
    """Mark the booking with this code as attended. Raises CheckInError with words for the officer."""
    code = code.strip().upper().replace(" ", "")
    booking = event.bookings.select_for_update(of=("self",)).select_related("resident").filter(code=code).first()
    if booking is None:
        raise CheckInError(
            _("No booking %(code)s for this event. Check the code, or add them as a walk-in.") % {"code": code}
        )
    if booking.status != Booking.Status.CONFIRMED:
        raise CheckInError(
            _("Booking %(code)s is %(status)s: add them as a walk-in.")
            % {"code": code, "status": booking.get_status_display().lower()}
        )
    booking.attendance = Booking.Attendance.ATTENDED
    booking.checked_in_at = booking.checked_in_at or timezone.now()
    booking.attendance_recorded_by = by
    booking.save(update_fields=["attendance", "checked_in_at", "attendance_recorded_by"])
    involvement_changed([booking.resident_id])
    return booking


@transaction.atomic
def walk_in_add(
    *, event: Event, resident: Resident | None = None, name: str = "", estate: Estate | None = None, by=None
) -> Booking:
    """Someone who came without booking: a resident we know, or a name and estate. A resident who had
    booked after all is simply checked in."""
    if resident is not None:
        booked = event.bookings.filter(resident=resident, status__in=Booking.ACTIVE).select_for_update().first()
        if booked is not None:
            booked.status = Booking.Status.CONFIRMED
            booked.attendance = Booking.Attendance.ATTENDED
            booked.checked_in_at = booked.checked_in_at or timezone.now()
            booked.attendance_recorded_by = by
            booked.save(update_fields=["status", "attendance", "checked_in_at", "attendance_recorded_by"])
            involvement_changed([booked.resident_id])
            return booked
    elif not name.strip():
        raise ValueError("A walk-in needs a resident or a name")
    walk_in = Booking.objects.create(
        event=event,
        resident=resident,
        walk_in_name="" if resident else name.strip(),
        walk_in_estate=None if resident else estate,
        source=Booking.Source.WALK_IN,
        how_asked=Booking.HowAsked.IN_PERSON,
        status=Booking.Status.CONFIRMED,
        attendance=Booking.Attendance.ATTENDED,
        checked_in_at=timezone.now(),
        attendance_recorded_by=by,
    )
    involvement_changed([walk_in.resident_id])
    return walk_in


class WalkInLinkError(Exception):
    """Why a walk-in cannot be linked to this resident, written for the officer."""


@transaction.atomic
def walk_in_link(*, booking: Booking, resident: Resident) -> Booking:
    """Link a walk-in we knew only by name to the resident's record, once the officer has found them.

    Their attendance then counts on their record (reach, involvement, their data download). The name
    written on the day is kept. A resident already booked on the event is not linked twice: the
    officer marks that booking instead.
    """
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.source != Booking.Source.WALK_IN or booking.resident_id is not None:
        raise WalkInLinkError(_("Only a walk-in not yet linked to a resident can be linked."))
    other = (
        Booking.objects.filter(event_id=booking.event_id, resident=resident, status__in=Booking.ACTIVE)
        .exclude(pk=booking.pk)
        .first()
    )
    if other is not None:
        raise WalkInLinkError(
            f"{resident.full_name} already has a booking for this event ({other.code}): mark that one instead."
        )
    booking.resident = resident
    booking.save(update_fields=["resident"])
    involvement_changed([resident.pk])
    return booking


def check_in_link(booking: Booking) -> str:
    """Where a booking's QR code takes staff: the event's check-in page showing just this booking."""
    return f"{site_url('admin:events_event_check_in', booking.event_id)}?{urlencode({'q': booking.code})}"


def check_in_find(*, event: Event, typed: str) -> QuerySet[Booking]:
    """Confirmed bookings (walk-ins included) whose name, booking code or address has every word typed."""
    bookings = event.bookings.filter(status=Booking.Status.CONFIRMED)
    for word in typed.split()[:6]:
        bookings = bookings.filter(
            Q(code__icontains=word)
            | Q(resident__first_name__icontains=word)
            | Q(resident__last_name__icontains=word)
            | Q(walk_in_name__icontains=word)
            | Q(resident__tenancy__home__address_line_1__icontains=word)
            | Q(resident__tenancy__home__address_line_2__icontains=word)
            | Q(resident__tenancy__home__postcode__icontains=word)
        )
    return (
        bookings.select_related("resident__tenancy__home__block__estate", "walk_in_estate")
        .prefetch_related("access_needs")
        .order_by("resident__last_name", "resident__first_name", "walk_in_name", "pk")
    )


@dataclass(frozen=True)
class CheckInCounts:
    attended: int  # of those who booked
    booked: int
    walk_ins: int


def check_in_counts(event: Event) -> CheckInCounts:
    counts = event.bookings.filter(status=Booking.Status.CONFIRMED).aggregate(
        booked=Count("pk", filter=Q(source=Booking.Source.BOOKED)),
        attended=Count("pk", filter=Q(source=Booking.Source.BOOKED, attendance=Booking.Attendance.ATTENDED)),
        walk_ins=Count("pk", filter=Q(source=Booking.Source.WALK_IN)),
    )
    return CheckInCounts(**counts)


@transaction.atomic
def check_in_undo(*, event: Event, code: str, by=None) -> Booking | None:
    """Take back a check-in tapped by mistake (the booking goes back to not recorded)."""
    booking = event.bookings.select_for_update(of=("self",)).select_related("resident").filter(code=code).first()
    if booking is None or booking.source != Booking.Source.BOOKED:
        return None
    booking.attendance = Booking.Attendance.NOT_RECORDED
    booking.checked_in_at = None
    booking.attendance_recorded_by = by
    booking.save(update_fields=["attendance", "checked_in_at", "attendance_recorded_by"])
    involvement_changed([booking.resident_id])
    return booking
