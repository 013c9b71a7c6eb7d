"""Reminders: "on by default a set time before (48 hours); officers can change the time, switch them
off, or add a line of their own".

Nothing is recorded ahead of time. A periodic task (`event_reminders_send`, every few minutes)
finds the events whose reminder time has come and records each confirmed place's reminder then,
with the event as it is at that moment: its time, place, link and the officer's line. Whatever
changed before (a new venue, a new time, reminders switched off, the event cancelled, a place given
up) is simply what the task sees. The outbox's idempotency key makes it exactly once: the key names
the booking and the event's start, so the task can run as often as it likes and a resident gets
one reminder per start time (a moved event is reminded again for its new time).

A place confirmed, or an event moved, after its reminder time gets no reminder: the confirmation
or the new-time message has just told the resident, with the officer's line. Consent and contact
details are checked when the reminder is recorded and again when it is sent.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.messaging.services import message_queue
from events.models import Booking, Event
from events.services.notices import booking_details, rescheduled_key


def reminder_key(booking: Booking, event: Event) -> str:
    return f"event-reminder:{booking.pk}:{event.starts_at:%Y%m%d%H%M}"


def reminder_due(event: Event) -> datetime | None:
    """When the event's reminders go; None if they do not (switched off, not published, or started)."""
    if not event.reminder_enabled or event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return None
    return event.starts_at - timedelta(hours=event.reminder_hours_before)


def events_with_reminders_due(now: datetime) -> list[Event]:
    """Published events still to start whose reminder time has come."""
    soon = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        reminder_enabled=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=settings.EVENTS_MAX_REMINDER_HOURS),
    ).select_related("venue", "estate")
    return [event for event in soon if event.starts_at - timedelta(hours=event.reminder_hours_before) <= now]


@transaction.atomic
def event_reminders_record(*, event: Event) -> int:
    """Record the reminders of the event's confirmed places that have none for its current time.
    Returns how many were recorded."""
    due = reminder_due(event)
    if due is None or due > timezone.now():
        return 0
    bookings = list(
        event.bookings.filter(status=Booking.Status.CONFIRMED, source=Booking.Source.BOOKED, resident__isnull=False)
        .select_related("resident__tenancy__home")
        .prefetch_related("access_needs")
    )
    keys = {booking.pk: reminder_key(booking, event) for booking in bookings}
    already = set(Message.objects.filter(idempotency_key__in=keys.values()).values_list("idempotency_key", flat=True))
    told_after_due = _told_after(due, bookings, event)
    recorded = 0
    for booking in bookings:
        if keys[booking.pk] in already or booking.pk in told_after_due:
            continue
        booking.event = event
        message = message_queue(
            template="events.event_reminder",
            key=keys[booking.pk],
            resident=booking.resident,
            personalisation={**booking_details(booking), "note": event.reminder_note},
            send_at=due,
        )
        recorded += message is not None
    return recorded


def _told_after(due: datetime, bookings: list[Booking], event: Event) -> set[int]:
    """The bookings made, confirmed (an offer taken up), or told the event's current time after `due`."""
    keys = {f"booking-confirmed:{booking.pk}": booking.pk for booking in bookings}
    keys.update({rescheduled_key(event, booking): booking.pk for booking in bookings})
    late = Message.objects.filter(idempotency_key__in=keys, queued_at__gte=due).values_list(
        "idempotency_key", flat=True
    )
    return {keys[key] for key in late} | {booking.pk for booking in bookings if booking.created_at >= due}


def event_reminders_send() -> int:
    """For the periodic task: record (and so send) every reminder whose time has come. Returns how many."""
    return sum(event_reminders_record(event=event) for event in events_with_reminders_due(timezone.now()))
