"""Reminders: "on by default a set time before (48 hours); officers can change the time, switch them
off, or add a line of their own".

A reminder is recorded in the messaging outbox when a place is confirmed (booked, or an offer
accepted; walk-ins are already there), with `send_at` its time, and messaging's sweep sends it when
it is due, checking consent then. Its words are fixed when it is recorded, so whenever the event
changes (Event.save calls `event_reminders_update`) the reminders waiting are brought in step:

- only the reminder time changed: the waiting reminders move (`messages_reschedule`);
- what a reminder says changed (the event's time or place, the officer's line, ...): the waiting
  ones are cancelled and recorded again with the new words, under the event's next reminder round
  (keys name the booking and the round, so no key ever stands for two different reminders);
- the event moved: every booking gets a reminder for the new time (if that is still to come),
  even if one went for the old;
- reminders switched off, or the event cancelled, completed or back to draft: the waiting ones are
  cancelled; switched back on (or published again): recorded again.

A reminder whose time has already passed when a place is confirmed or the event is moved is not
recorded: the confirmation or the new-time message has just told the resident, with the officer's
line. Otherwise a reminder whose time has passed (the officer switched reminders on late, or asked
for them earlier) goes at once.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.messaging.services import message_cancel, message_queue, messages_cancel, messages_reschedule
from events.models import Booking, Event
from events.models.events import REMINDER_WORDS
from events.services.notices import booking_details


def reminder_key(booking_id: int, round_number: int) -> str:
    return f"event-reminder:{booking_id}:{round_number}"


def reminder_due(event: Event) -> datetime | None:
    """When the event's reminders go; None if they do not (switched off, not published, or started)."""
    if not event.reminder_enabled or event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return None
    return event.starts_at - timedelta(hours=event.reminder_hours_before)


def _record(*, booking: Booking, event: Event, round_number: int, due: datetime) -> Message | None:
    return message_queue(
        template="events.event_reminder",
        key=reminder_key(booking.pk, round_number),
        resident=booking.resident,
        personalisation={**booking_details(booking), "note": event.reminder_note},
        send_at=due,
    )


def booking_reminder_record(*, booking: Booking) -> Message | None:
    """Record the reminder for a place just confirmed. Call holding the event's lock (booking.event fresh)."""
    event = booking.event
    due = reminder_due(event)
    if due is None or due <= timezone.now() or booking.resident_id is None:
        return None
    if booking.source != Booking.Source.BOOKED:
        return None
    return _record(booking=booking, event=event, round_number=event.reminder_round, due=due)


def booking_reminder_cancel(*, booking: Booking, event: Event) -> bool:
    """Stop the booking's reminder (its place was given up). Call holding the event's lock."""
    return message_cancel(key=reminder_key(booking.pk, event.reminder_round))


@transaction.atomic
def event_reminders_update(*, event: Event, before: dict) -> None:
    """Bring the reminders recorded for the event's bookings in step with it (see the module's notes).

    `before` holds the event's REMINDER_FIELDS as they were. Event.save calls this.
    """
    round_number = Event.objects.select_for_update().values_list("reminder_round", flat=True).get(pk=event.pk)
    bookings = list(
        event.bookings.filter(status=Booking.Status.CONFIRMED, source=Booking.Source.BOOKED, resident__isnull=False)
        .select_related("resident__tenancy__home")
        .prefetch_related("access_needs")
    )
    for booking in bookings:
        booking.event = event
    due = reminder_due(event)
    was_on = before["status"] == Event.Status.PUBLISHED and before["reminder_enabled"]
    same_words = all(before[name] == getattr(event, name) for name in REMINDER_WORDS)
    now = timezone.now()

    if due is not None and was_on and same_words:
        # Only the reminder time changed. A booking made after the old time had none: it gets one
        # if the new time is still to come (a reminder already sent keeps its key, so none goes twice).
        event.reminder_round = round_number
        keys = {booking.pk: reminder_key(booking.pk, round_number) for booking in bookings}
        moved = messages_reschedule(keys=keys.values(), send_at=due)
        for booking in bookings:
            if keys[booking.pk] not in moved and due > now:
                _record(booking=booking, event=event, round_number=round_number, due=due)
        return

    Event.objects.filter(pk=event.pk).update(reminder_round=round_number + 1)
    event.reminder_round = round_number + 1
    event_moved = before["starts_at"] != event.starts_at
    keys = {booking.pk: reminder_key(booking.pk, round_number) for booking in bookings}
    waiting = messages_cancel(keys=keys.values())
    for booking in bookings:
        was_waiting = keys[booking.pk] in waiting
        if due is None:
            continue
        if due > now or (not event_moved and (was_waiting or not was_on)):
            _record(booking=booking, event=event, round_number=event.reminder_round, due=due)


def bookings_reminders_cancel(*, bookings) -> int:
    """Stop the reminders of bookings about to be deleted (officers deleting in admin). Returns how many stopped."""
    rows = bookings.filter(status=Booking.Status.CONFIRMED).values_list("pk", "event__reminder_round")
    return len(messages_cancel(keys=[reminder_key(pk, round_number) for pk, round_number in rows]))
