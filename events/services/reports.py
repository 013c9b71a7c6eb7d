"""The attendance report for community relations: one row per person booked or walked in, and totals per event.

Rows come straight from the database as plain values, a few thousand at a time (`.iterator()`
uses a server-side cursor on PostgreSQL), so a year's export never sits in memory.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from engagement.models import TenureType
from events.models import Booking, Event
from events.services.support_needed import booking_needs_text

HEADER = (
    "Event",
    "Date",
    "Kind",
    "Event estate",
    "Event ward",
    "Resident reference",
    "Resident estate",
    "Tenure type",
    "Walk-in or booked",
    "Attendance",
)
TOTALS_HEADER = (
    "Event",
    "Date",
    "Kind",
    "Event estate",
    "Event ward",
    "Booked",
    "Places booked",
    "Attended",
    "No-shows",
    "Not recorded",
    "Walk-ins",
)

_KINDS = dict(Event.Kind.choices)
_TENURES = dict(TenureType.choices)
_SOURCES = dict(Booking.Source.choices)
_ATTENDANCE = dict(Booking.Attendance.choices)

CHUNK = 10_000


@dataclass(frozen=True)
class ReportFilters:
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""
    estate_id: int | None = None
    ward_id: int | None = None
    event_ids: tuple[int, ...] = ()


def report_events(filters: ReportFilters) -> QuerySet[Event]:
    """Events the report covers: held (or to be held) and not cancelled or draft."""
    events = Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED])
    if filters.date_from:
        events = events.filter(starts_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(starts_at__date__lte=filters.date_to)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.estate_id:
        events = events.filter(estate_id=filters.estate_id)
    if filters.ward_id:
        events = events.filter(estate__ward_id=filters.ward_id)
    if filters.event_ids:
        events = events.filter(pk__in=filters.event_ids)
    return events


def attendance_bookings(filters: ReportFilters) -> QuerySet[Booking]:
    return Booking.objects.filter(status=Booking.Status.CONFIRMED, event__in=report_events(filters))


def attendance_rows(filters: ReportFilters) -> Iterator[tuple]:
    """The header, then one row per booking or walk-in, ordered by event date."""
    yield HEADER
    rows = (
        attendance_bookings(filters)
        .annotate(
            day=TruncDate("event__starts_at", tzinfo=timezone.get_current_timezone()),
            resident_estate=Coalesce(F("resident__tenancy__home__block__estate__name"), F("walk_in_estate__name")),
        )
        .order_by("event__starts_at", "event_id", "pk")
        .values_list(
            "event__title",
            "day",
            "event__kind",
            "event__estate__name",
            "event__estate__ward__name",
            "resident_id",
            "resident_estate",
            "resident__tenancy__tenure_type",
            "source",
            "attendance",
        )
    )
    # In a transaction the PostgreSQL cursor streams rows as they are read (outside one, Django holds
    # the cursor open past the commit, which makes PostgreSQL copy the whole result first).
    with transaction.atomic():
        _plan_for_every_row()
        for title, day, kind, estate, ward, resident_id, resident_estate, tenure, source, attendance in rows.iterator(
            chunk_size=CHUNK
        ):
            yield (
                title,
                day,
                _KINDS[kind],
                estate,
                ward,
                f"R{resident_id:06d}" if resident_id else "",
                resident_estate,
                _TENURES.get(tenure, ""),
                _SOURCES[source],
                _ATTENDANCE[attendance],
            )


def _plan_for_every_row() -> None:
    """PostgreSQL plans a cursor for its first tenth of rows; an export reads them all."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")


TOTALS = ("booked", "places_booked", "attended", "no_shows", "not_recorded", "walk_ins")


def _totals(path: str = "") -> dict:
    """The report's figures as aggregates over bookings, reached from an event by `path` ("bookings__")."""

    def bookings(**conditions) -> Q:
        return Q(**{f"{path}{name}": value for name, value in conditions.items()})

    # Counting event_id (never empty) keeps a page's count in the index on event and status.
    counted = f"{path}pk" if path else "event_id"
    confirmed = bookings(status=Booking.Status.CONFIRMED)
    booked = confirmed & bookings(source=Booking.Source.BOOKED)
    return {
        "booked": Count(counted, filter=booked),
        "places_booked": Coalesce(Sum(f"{path}places", filter=booked), 0),
        "attended": Count(counted, filter=confirmed & bookings(attendance=Booking.Attendance.ATTENDED)),
        "no_shows": Count(counted, filter=confirmed & bookings(attendance=Booking.Attendance.NO_SHOW)),
        "not_recorded": Count(counted, filter=booked & bookings(attendance="")),
        "walk_ins": Count(counted, filter=confirmed & bookings(source=Booking.Source.WALK_IN)),
    }


def event_totals(filters: ReportFilters) -> QuerySet[Event]:
    """Every event the report covers with its figures: one pass over their bookings, for the download."""
    return (
        report_events(filters)
        .select_related("estate__ward")
        .annotate(**_totals("bookings__"))
        .order_by("starts_at", "pk")
    )


def report_events_in_order(filters: ReportFilters) -> QuerySet[Event]:
    """The events, without their figures: a page of them gets its figures from `add_totals`."""
    return report_events(filters).select_related("estate__ward").order_by("starts_at", "pk")


def add_totals(events: list[Event]) -> list[Event]:
    """Give each event its figures, in one query over these events' bookings only (an event's bookings are
    found and counted from the index on event and status)."""
    rows = (
        Booking.objects.filter(event__in=[event.pk for event in events])
        .order_by()
        .values("event_id")
        .annotate(**_totals())
    )
    figures = {row["event_id"]: row for row in rows}
    for event in events:
        for name in TOTALS:
            setattr(event, name, figures.get(event.pk, {}).get(name, 0))
    return events


def totals_rows(filters: ReportFilters) -> Iterator[tuple]:
    yield TOTALS_HEADER
    for event in event_totals(filters).iterator(chunk_size=1000):
        yield (
            event.title,
            timezone.localtime(event.starts_at).date(),
            event.get_kind_display(),
            event.estate.name if event.estate_id else "",
            event.estate.ward.name if event.estate_id else "",
            event.booked,
            event.places_booked,
            event.attended,
            event.no_shows,
            event.not_recorded,
            event.walk_ins,
        )


REGISTER_HEADER = (
    "Event",
    "Date",
    "Name",
    "Estate",
    "Address",
    "Postcode",
    "Tenancy reference",
    "Walk-in or booked",
    "People",
    "Attendance",
    "Checked in at",
    "Access needs",
)


def register_rows(filters: ReportFilters) -> Iterator[tuple]:
    """The named attendance register: who was booked or walked in, by name, for staff allowed to see names."""
    yield REGISTER_HEADER
    bookings = (
        attendance_bookings(filters)
        .select_related("event", "resident__tenancy__home__block__estate", "walk_in_estate")
        .prefetch_related("access_needs")
        .order_by("event__starts_at", "event_id", "resident__last_name", "resident__first_name", "walk_in_name", "pk")
    )
    for booking in bookings.iterator(chunk_size=1000):
        tenancy = booking.resident.tenancy if booking.resident_id and booking.resident.tenancy_id else None
        home = tenancy.home if tenancy else None
        estate = home.block.estate.name if home else (booking.walk_in_estate.name if booking.walk_in_estate_id else "")
        yield (
            booking.event.title,
            timezone.localtime(booking.event.starts_at).date(),
            booking.person_name,
            estate,
            home.address_line_1 if home else "",
            home.postcode if home else "",
            tenancy.reference if tenancy else "",
            _SOURCES[booking.source],
            booking.places,
            _ATTENDANCE[booking.attendance],
            timezone.localtime(booking.checked_in_at).strftime("%H:%M") if booking.checked_in_at else "",
            booking_needs_text(booking),
        )
