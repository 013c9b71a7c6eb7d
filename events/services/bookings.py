"""Booking places, the waiting list and offers of freed places (reminders: see reminders.py).

Every change to an event's places locks the event's row first (`_lock`), so two residents
racing for the last place are served one after the other: the second sees the first's
booking and goes on the waiting list (or is told the event is full).
"""

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.dates import time_on_date_text
from engagement.links import site_url
from engagement.messaging.services import message_queue
from engagement.models import AccessNeed, Resident
from engagement.services.involvement import involvement_changed
from events.models import Booking, Event, SurgerySlot
from events.rules import booking_eligibility
from events.services.attendance import check_in_link
from events.services.notices import (
    booking_details,
    event_details,
    officer_address,
)

MAX_PLACES_PER_BOOKING = 6


class BookingError(Exception):
    """A booking that cannot be made; `message` is written for the resident."""

    code = "error"

    def __init__(self, message: str, *, booking: Booking | None = None):
        super().__init__(message)
        self.message = message
        self.booking = booking


class NotEligible(BookingError):
    code = "not_eligible"


class AlreadyBooked(BookingError):
    code = "already_booked"


class EventFull(BookingError):
    code = "full"


class OfferEnded(BookingError):
    code = "offer_ended"


class SlotTaken(BookingError):
    code = "slot_taken"


def _slot_for(event: Event, slot: SurgerySlot | None) -> SurgerySlot | None:
    """The slot a booking of a surgery with one-to-one slots holds: the one chosen if still free, else the
    first free one (an officer booking by phone, a place offered from the waiting list). Needs the event's lock."""
    from events.services.surgeries import slots_free

    if not event.slots.exists():
        return None
    free = slots_free(event)
    if slot is None:
        return free.first()
    if slot.event_id != event.pk or not free.filter(pk=slot.pk).exists():
        raise SlotTaken(_("Sorry, that time has just been taken. Choose another time."))
    return slot


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def places_taken(event: Event) -> int:
    """Places held by bookings made online (confirmed, or offered and not yet answered)."""
    taken = Booking.objects.filter(event=event, status__in=Booking.HOLDING, source=Booking.Source.BOOKED).aggregate(
        total=Sum("places")
    )["total"]
    return taken or 0


def places_left(event: Event) -> int | None:
    """None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - places_taken(event), 0)


@transaction.atomic
def booking_create(
    *,
    event: Event,
    resident: Resident,
    places: int = 1,
    access_needs: Iterable[AccessNeed] = (),
    interpreter_language: str = "",
    access_needs_other: str = "",
    waiting_list: bool = False,
    booked_by=None,
    how_asked: str = Booking.HowAsked.ONLINE,
    slot: SurgerySlot | None = None,
) -> Booking:
    """Book places for a resident, or put them on the waiting list if `waiting_list` and it is full.

    An officer booking on the resident's behalf (by phone, from a paper form) passes `booked_by` and
    `how_asked`; the same rules apply and the resident is told in the same way.
    At a surgery with one-to-one slots, a booking is for one person and holds one slot (`slot`, or the
    first free one). Raises NotEligible, AlreadyBooked, EventFull (full and `waiting_list` not asked for),
    or SlotTaken (the slot chosen went first).
    """
    event = _lock(event)
    eligibility = booking_eligibility(event=event, resident=resident, on_behalf=booked_by is not None)
    if not eligibility.allowed:
        raise NotEligible(eligibility.reason)
    existing = Booking.objects.filter(event=event, resident=resident, status__in=Booking.ACTIVE).first()
    if existing is not None:
        raise AlreadyBooked(_("You have already booked this event."), booking=existing)
    if not 1 <= places <= MAX_PLACES_PER_BOOKING:
        raise BookingError(_("You can book between 1 and %(most)s places.") % {"most": MAX_PLACES_PER_BOOKING})
    if event.capacity is not None and places > event.capacity:
        raise BookingError(
            _("This event has %(capacity)s places in all: book for fewer people.") % {"capacity": event.capacity}
        )

    left = places_left(event)
    if left is None or places <= left:
        status = Booking.Status.CONFIRMED
    elif waiting_list:
        status = Booking.Status.WAITING
    else:
        raise EventFull(_("Sorry, there are not enough places left. You can join the waiting list."))

    if status == Booking.Status.CONFIRMED:
        slot = _slot_for(event, slot)
        if slot is not None and places != 1:
            raise BookingError(_("A one-to-one appointment is for one person: book one place."))
    booking = Booking.objects.create(
        event=event,
        resident=resident,
        places=places,
        slot=slot if status == Booking.Status.CONFIRMED else None,
        status=status,
        interpreter_language=interpreter_language,
        access_needs_other=access_needs_other,
        booked_by=booked_by,
        how_asked=how_asked,
    )
    booking.access_needs.set(access_needs)
    if status == Booking.Status.CONFIRMED:
        _confirm(booking)
        _capacity_alerts(event)
    else:
        message_queue(
            template="events.waiting_list_joined",
            key=f"waiting-list-joined:{booking.pk}",
            resident=resident,
            personalisation=booking_details(booking),
        )
    involvement_changed([booking.resident_id])
    return booking


def _confirm(booking: Booking) -> None:
    """Confirm the place to the resident (with the officer's reminder line). Its reminder goes when due (reminders.py)."""
    personalisation = {**booking_details(booking), "note": booking.event.reminder_note}
    if booking.event.is_in_person:
        # Scanned at the door, it opens this booking on the check-in page.
        personalisation["qr_code_link"] = check_in_link(booking)
    message_queue(
        template="events.booking_confirmed",
        key=f"booking-confirmed:{booking.pk}",
        resident=booking.resident,
        personalisation=personalisation,
    )


def _capacity_alerts(event: Event) -> None:
    """Tell the lead officer once when 80% of places are taken, and once when it is full."""
    if not event.capacity:
        return
    taken = places_taken(event)
    percent = settings.EVENTS_NEARLY_FULL_PERCENT
    if taken >= event.capacity:
        key, full = f"event-full:{event.pk}:{event.capacity}", True
    elif taken * 100 >= event.capacity * percent:
        key, full = f"event-nearly-full:{event.pk}:{event.capacity}", False
    else:
        return
    message_queue(
        template="events.capacity_alert",
        key=key,
        to_address=officer_address(event),
        personalisation={
            **event_details(event),
            "full": full,
            "percent": percent,
            "taken": taken,
            "capacity": event.capacity,
            "admin_url": site_url("admin:events_event_change", event.pk),
        },
    )


@transaction.atomic
def booking_cancel(*, booking: Booking, by_officer: bool = False) -> Booking:
    """The resident cancels (or leaves the waiting list, or turns down an offer), or an officer cancels for them.
    The place goes to the next in line."""
    event = _lock(booking.event)
    booking = Booking.objects.select_related("resident").get(pk=booking.pk)
    if not booking.is_active:
        return booking
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    if booking.resident_id:
        message_queue(
            template="events.booking_cancelled",
            key=f"booking-cancelled:{booking.pk}",
            resident=booking.resident,
            personalisation={**booking_details(booking), "cancelled_for_you": by_officer},
        )
    involvement_changed([booking.resident_id])
    waiting_list_offer(event=event)
    return booking


def _offer_expiry(event: Event):
    """How long a waiting resident has to accept: a day, but never past the event's start."""
    return min(timezone.now() + timedelta(hours=settings.EVENTS_OFFER_HOURS), event.starts_at)


def waiting_list_offer(*, event: Event) -> list[Booking]:
    """Offer free places to the waiting list, in the order people joined it.

    A party too big for the places free is passed over (keeping its place in the line) for the
    next that fits. Call inside a transaction holding the event's lock; returns the offers made.
    """
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return []
    free = places_left(event)  # None: the limit was taken away, so everyone waiting gets a place
    offers = []
    for booking in Booking.objects.filter(event=event, status=Booking.Status.WAITING).select_related("resident"):
        if free is not None and free <= 0:
            break
        if free is not None and booking.places > free:
            continue
        booking.event = event
        booking.status = Booking.Status.OFFERED
        booking.offered_at = timezone.now()
        booking.offer_expires_at = _offer_expiry(event)
        booking.offer_token = secrets.token_urlsafe(24)
        booking.save(update_fields=["status", "offered_at", "offer_expires_at", "offer_token"])
        if free is not None:
            free -= booking.places
        expires = booking.offer_expires_at
        message_queue(
            template="events.place_offered",
            key=f"place-offered:{booking.pk}:{booking.offer_token}",
            resident=booking.resident,
            # `link` is the message's personal link: a letter also gets a short code to type in.
            personalisation={
                **booking_details(booking),
                "link": site_url("events:offer", booking.offer_token),
                "expires": time_on_date_text(expires, weekday=True),
            },
        )
        offers.append(booking)
    return offers


@transaction.atomic
def offer_accept(*, token: str) -> Booking:
    """Accept an offered place. Raises OfferEnded if the offer has run out or was already answered."""
    booking = Booking.objects.filter(offer_token=token).select_related("event").first()
    if booking is None:
        raise OfferEnded(_("This link is not valid."))
    _lock(booking.event)
    booking = Booking.objects.select_related("event", "resident").get(pk=booking.pk)
    if booking.status == Booking.Status.CONFIRMED:
        return booking
    if booking.status != Booking.Status.OFFERED or booking.offer_expires_at <= timezone.now():
        raise OfferEnded(_("Sorry, this offer has ended."), booking=booking)
    if booking.event.status != Event.Status.PUBLISHED or booking.event.starts_at <= timezone.now():
        raise OfferEnded(_("Sorry, this event is no longer taking bookings."), booking=booking)
    booking.status = Booking.Status.CONFIRMED
    booking.slot = _slot_for(booking.event, None)
    booking.save(update_fields=["status", "slot"])
    involvement_changed([booking.resident_id])
    _confirm(booking)
    _capacity_alerts(booking.event)
    return booking


def offers_lapse() -> int:
    """Offers not accepted in time lapse, and their places go to the next in line. Safe to run twice."""
    lapsed = 0
    due = Booking.objects.filter(status=Booking.Status.OFFERED, offer_expires_at__lte=timezone.now())
    for booking_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            booking = Booking.objects.select_related("event").get(pk=booking_id)
            event = _lock(booking.event)
            booking = Booking.objects.select_related("resident").get(pk=booking_id)
            if booking.status != Booking.Status.OFFERED or booking.offer_expires_at > timezone.now():
                continue
            booking.status = Booking.Status.LAPSED
            booking.save(update_fields=["status"])
            expires = booking.offer_expires_at
            message_queue(
                template="events.offer_lapsed",
                key=f"offer-lapsed:{booking.pk}",
                resident=booking.resident,
                personalisation={
                    **booking_details(booking),
                    "expires": time_on_date_text(expires, weekday=True),
                },
            )
            waiting_list_offer(event=event)
            lapsed += 1
    return lapsed
