"""The residents' training programme and practical volunteering, both run as events.

A training course is an event of the training kind, booked like any other. A resident recorded on its
attendance register as attended has completed it: that record is their training, shown on their account
and to officers reviewing their panel applications. Volunteering opportunities (litter picks, community
gardening, helping at events) are events too: signing up is booking a place, and officers record the
hours each volunteer gave on the opportunity's register.
"""

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.messaging.audience import Audience
from engagement.messaging.models import BulkSend
from engagement.messaging.services.bulk import bulk_send_create
from engagement.models import Interest, Purpose, Resident
from engagement.services.involvement import involvement_changed
from events.models import Booking, Event
from events.models.bookings import MAX_VOLUNTEER_HOURS
from events.services.notices import event_details

HAPPENED = (Event.Status.PUBLISHED, Event.Status.COMPLETED)
# The interest register's answer (engagement.reference_data.INTERESTS) of the residents told about each kind.
INTEREST_IN = {Event.Kind.TRAINING: "training", Event.Kind.VOLUNTEERING: "volunteering"}


class HoursError(ValueError):
    """Hours that cannot be recorded, in words for the officer."""


def training_completed(resident: Resident | int) -> QuerySet[Booking]:
    """The courses this resident completed (attended), the latest first."""
    return (
        Booking.objects.filter(
            resident=resident,
            status=Booking.Status.CONFIRMED,
            attendance=Booking.Attendance.ATTENDED,
            event__kind=Event.Kind.TRAINING,
            event__status__in=HAPPENED,
        )
        .select_related("event")
        .order_by("-event__starts_at", "pk")
    )


def training_booked(resident: Resident) -> QuerySet[Booking]:
    """Courses still to come this resident is booked on, offered a place on or waiting for, soonest first."""
    return (
        Booking.objects.filter(
            resident=resident,
            status__in=Booking.ACTIVE,
            event__kind=Event.Kind.TRAINING,
            event__ends_at__gte=timezone.now(),
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )


def volunteering_for(resident: Resident) -> tuple[QuerySet[Booking], Decimal]:
    """The resident's volunteering sign-ups (past and to come, the latest first) and their hours in all."""
    signed_up = (
        Booking.objects.filter(resident=resident, event__kind=Event.Kind.VOLUNTEERING)
        .filter(status__in=Booking.ACTIVE)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event")
        .order_by("-event__starts_at", "pk")
    )
    total = signed_up.aggregate(total=Sum("volunteer_hours"))["total"] or Decimal("0")
    return signed_up, total


def hours_text(hours: Decimal | None) -> str:
    """Hours as people write them: 2, 2.5, 10 (not 2.00, nor 1E+1); empty for none."""
    return "" if hours is None else f"{Decimal(hours).normalize():f}"


def parse_hours(text: str) -> Decimal | None:
    """Hours as an officer types them ("2", "1.5", ""); empty is None. Raises HoursError."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise HoursError(_("Enter hours as a number, like 2 or 1.5, not “%(typed)s”.") % {"typed": text[:20]}) from None
    if not hours.is_finite() or hours <= 0 or hours > MAX_VOLUNTEER_HOURS:
        raise HoursError(_("Enter hours between 0.25 and %(most)s.") % {"most": MAX_VOLUNTEER_HOURS})
    if hours * 4 != int(hours * 4):
        raise HoursError(_("Enter hours to the nearest quarter hour, like 1.25 or 2.5."))
    return hours


@transaction.atomic
def volunteer_hours_record(*, event: Event, hours: dict[int, Decimal | None], by=None) -> int:
    """Record the hours each volunteer gave ({booking id: hours, None to clear}). Returns how many changed.

    Hours given means they came: a booking with hours and no attendance recorded is marked attended.
    """
    changed, residents = 0, []
    bookings = event.bookings.filter(pk__in=list(hours), status=Booking.Status.CONFIRMED).select_for_update()
    for booking in bookings:
        given = hours[booking.pk]
        if given == booking.volunteer_hours:
            continue
        booking.volunteer_hours = given
        fields = ["volunteer_hours"]
        if given and booking.attendance != Booking.Attendance.ATTENDED:
            booking.attendance = Booking.Attendance.ATTENDED
            booking.attendance_recorded_by = by
            fields += ["attendance", "attendance_recorded_by"]
        booking.save(update_fields=fields)
        changed += 1
        residents.append(booking.resident_id)
    involvement_changed(residents)
    return changed


def opportunity_audience(event: Event) -> Audience | None:
    """Residents who told us they are interested in training (or volunteering) and agreed to hear about ways to
    get involved, within the event's own limits (estates, tenures). None for other kinds of event."""
    interest = Interest.objects.filter(code=INTEREST_IN.get(event.kind, "")).first()
    if interest is None:
        return None
    return Audience(
        interests=[interest.pk],
        estates=[estate.pk for estate in event.eligible_estates.all()],
        tenure_types=list(event.eligible_tenure_types or []),
        purpose=Purpose.ENGAGEMENT,
    )


def opportunity_promote(*, event: Event, by=None) -> BulkSend | None:
    """Tell the residents interested in it about a course or volunteering session, as a bulk send.

    None if there is nobody new to tell: promoting again reaches only residents not told before.
    """
    event = Event.objects.select_related("estate", "venue").get(pk=event.pk)
    audience = opportunity_audience(event)
    if audience is None or event.status != Event.Status.PUBLISHED or event.has_ended:
        return None
    return bulk_send_create(
        audience=audience,
        template="events.opportunity_promotion",
        description=f"{event.get_kind_display()} promotion: {event}"[:250],
        personalisation={**event_details(event), "training": event.kind == Event.Kind.TRAINING},
        officer=by,
        key=f"opportunity-promotion:{event.pk}",
    )


def _person(booking: Booking) -> tuple[str, str]:
    resident = booking.resident
    if resident is None:
        return booking.walk_in_name, booking.walk_in_estate.name if booking.walk_in_estate_id else ""
    tenancy = resident.tenancy
    return resident.full_name, tenancy.home.block.estate.name if tenancy else ""


def training_completion_rows(events: QuerySet[Event]) -> Iterator[tuple]:
    """Who completed these training courses: header first, for engagement.exports."""
    yield ("Course", "Topic", "Date", "Resident", "Estate", "Email", "Booking code")
    bookings = (
        Booking.objects.filter(
            event__in=events.filter(kind=Event.Kind.TRAINING),
            status=Booking.Status.CONFIRMED,
            attendance=Booking.Attendance.ATTENDED,
        )
        .select_related("event", "resident__tenancy__home__block__estate", "walk_in_estate")
        .order_by("event__starts_at", "event_id", "resident__last_name", "walk_in_name", "pk")
    )
    for booking in bookings.iterator(chunk_size=1000):
        name, estate = _person(booking)
        yield (
            booking.event.title,
            booking.event.get_training_topic_display(),
            timezone.localdate(booking.event.starts_at),
            name,
            estate,
            booking.resident.email if booking.resident_id else "",
            booking.code,
        )


def volunteering_hours_rows(events: QuerySet[Event]) -> Iterator[tuple]:
    """The hours each volunteer gave at these opportunities: header first, for engagement.exports."""
    yield ("Opportunity", "Activity", "Date", "Volunteer", "Estate", "Attendance", "Hours", "Booking code")
    bookings = (
        Booking.objects.filter(
            event__in=events.filter(kind=Event.Kind.VOLUNTEERING),
            status=Booking.Status.CONFIRMED,
        )
        .select_related("event", "resident__tenancy__home__block__estate", "walk_in_estate")
        .order_by("event__starts_at", "event_id", "resident__last_name", "walk_in_name", "pk")
    )
    for booking in bookings.iterator(chunk_size=1000):
        name, estate = _person(booking)
        yield (
            booking.event.title,
            booking.event.get_volunteering_activity_display(),
            timezone.localdate(booking.event.starts_at),
            name,
            estate,
            booking.get_attendance_display(),
            booking.volunteer_hours,
            booking.code,
        )
