"""What messages about an event say: one place that turns an event and a booking into personalisation."""

from django.conf import settings

from engagement.dates import when_text
from engagement.links import site_url
from events.models import Booking, Event


def event_where(event: Event) -> str:
    if event.format == Event.Format.ONLINE:
        return "Online (the joining link is sent to people who have booked)"
    place = ", ".join(event.venue.address_lines) if event.venue_id else (event.estate.name if event.estate_id else "")
    if event.venue_id:
        place = f"{event.venue.name}, {place}"
    if event.format == Event.Format.HYBRID:
        place += " – or join online"
    return place


def event_details(event: Event) -> dict:
    return {
        "title": event.title,
        "when": when_text(event.starts_at, event.ends_at),
        "where": event_where(event),
        "event_url": site_url("events:detail", event.pk),
        "whats_on_url": site_url("events:list"),
        "organiser": event.organiser,
    }


def booking_details(booking: Booking) -> dict:
    event = booking.event
    needs = [need.label for need in booking.access_needs.all()]
    if booking.interpreter_language:
        needs.append(f"interpreter ({booking.interpreter_language})")
    if booking.access_needs_other:
        needs.append(booking.access_needs_other)
    confirmed = booking.status == Booking.Status.CONFIRMED
    slot = booking.slot if confirmed and booking.slot_id else None
    return {
        **event_details(event),
        # A one-to-one appointment: its own time, within the surgery's.
        **({"when": when_text(slot.starts_at, slot.ends_at)} if slot else {}),
        "code": booking.code,
        "places": booking.places,
        "access_needs": "; ".join(needs),
        "manage_url": site_url("events:booking", booking.code),
        "joining_link": event.joining_link if confirmed and event.is_online else "",
    }


def officer_address(event: Event) -> str:
    officer = event.lead_officer
    return officer.email if officer is not None and officer.email else settings.COMMUNITY_RELATIONS_EMAIL


def rescheduled_key(event: Event, booking: Booking) -> str:
    """The key of the message telling a booking the event's current time (one per time it moves to)."""
    return f"event-rescheduled:{event.pk}:{booking.pk}:{event.starts_at:%Y%m%d%H%M}:{event.ends_at:%Y%m%d%H%M}"
