"""How events count towards the reach report: a place booked, or a visit, at an event (training courses and
volunteering each count as their own way); and, on the doorstep and beyond, a door-knocking conversation,
an issue raised and a workshop topic suggested."""

from django.db.models import F
from django.db.models.functions import TruncDate
from django.utils import timezone

from events.models import Booking, Event, Issue, Visit, WorkshopSuggestion


def _on(field: str) -> dict:
    day = TruncDate(field, tzinfo=timezone.get_current_timezone())
    return {"first_on": day, "last_on": day}


# Kinds of event counted as their own way of taking part rather than as "events".
OWN_WAYS = (Event.Kind.TRAINING, Event.Kind.VOLUNTEERING)


def _places_taken():
    # A recorded no-show booked but did not take part; cancelled and draft events did not happen.
    return (
        Booking.objects.filter(
            status=Booking.Status.CONFIRMED,
            event__status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
            resident__isnull=False,
        )
        .exclude(attendance=Booking.Attendance.NO_SHOW)
        .annotate(**_on("event__starts_at"))
    )


def booked_or_attended():
    yield _places_taken().exclude(event__kind__in=OWN_WAYS)


def booked_training():
    yield _places_taken().filter(event__kind=Event.Kind.TRAINING)


def signed_up_to_volunteer():
    yield _places_taken().filter(event__kind=Event.Kind.VOLUNTEERING)


def spoke_at_the_door():
    # "No answer" and "left a letter" are knocks, not conversations.
    yield (
        Visit.objects.filter(resident__isnull=False)
        .exclude(outcome__in=[Visit.Outcome.NO_ANSWER, Visit.Outcome.LEFT_LETTER])
        .annotate(**_on("recorded_at"))
    )


def raised_an_issue():
    yield Issue.objects.filter(raised_by__isnull=False).annotate(resident_id=F("raised_by_id"), **_on("created_at"))


def suggested_a_workshop():
    yield WorkshopSuggestion.objects.filter(suggested_by__isnull=False).annotate(
        resident_id=F("suggested_by_id"), **_on("created_at")
    )
