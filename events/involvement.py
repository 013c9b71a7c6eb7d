"""How events count towards the reach report: a place booked, or a visit, at an event since then."""

from datetime import datetime

from django.db.models import QuerySet

from events.models import Booking, Event


def booked_or_attended(since: datetime) -> QuerySet:
    # A recorded no-show booked but did not take part; cancelled and draft events did not happen.
    return (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            event__status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
            event__starts_at__gte=since,
            resident__isnull=False,
        )
        .exclude(attendance=Booking.Attendance.NO_SHOW)
        .values("resident_id")
    )
