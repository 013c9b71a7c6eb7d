"""Your events keeps the resident's bookings as written (engagement/versions.py), shows a booking made or
cancelled at once, and is never another resident's.
"""

from engagement.tests.kept import KEPT_PAGE_TESTS, page_queries, page_text, signed_in
from events.models import Event
from events.services.bookings import booking_cancel, booking_create
from events.tests.factories import BookingFactory, EventFactory

pytestmark = KEPT_PAGE_TESTS

YOUR_EVENTS = "/whats-on/your-events/"


def test_your_events_is_three_queries_once_kept(resident):
    BookingFactory(resident=resident, event=EventFactory(title="Coming open day"))
    client = signed_in(resident)
    page_text(client, YOUR_EVENTS)

    # The session, the account with the resident record, the content versions.
    assert page_queries(client, YOUR_EVENTS) == 3


def test_one_residents_events_are_never_shown_to_another(resident, other_resident):
    BookingFactory(resident=resident, event=EventFactory(title="Rita's roadshow"))
    BookingFactory(resident=other_resident, event=EventFactory(title="Owen's walkabout"))
    rita_client, owen_client = signed_in(resident), signed_in(other_resident)
    assert "Rita&#x27;s roadshow" in page_text(rita_client, YOUR_EVENTS)

    page = page_text(owen_client, YOUR_EVENTS)

    assert "Owen&#x27;s walkabout" in page
    assert "Rita" not in page


def test_a_booking_made_or_cancelled_and_a_cancelled_event_show_at_once(resident):
    event = EventFactory(title="Coming open day")
    client = signed_in(resident)
    assert "You have nothing booked." in page_text(client, YOUR_EVENTS)

    booking = booking_create(event=event, resident=resident)
    assert "Coming open day" in page_text(client, YOUR_EVENTS)

    booking_cancel(booking=booking)
    assert "You have nothing booked." in page_text(client, YOUR_EVENTS)

    BookingFactory(resident=resident, event=event)
    event.status = Event.Status.CANCELLED
    event.save()
    assert "Event cancelled" in page_text(client, YOUR_EVENTS)


def test_the_calendar_link_and_its_form_are_worked_out_on_each_visit(resident):
    client = signed_in(resident)
    assert "Get a calendar link" in page_text(client, YOUR_EVENTS)

    response = client.post("/whats-on/your-events/calendar-link/")
    page = page_text(client, YOUR_EVENTS)

    assert response.status_code == 302
    assert "Change the link (the old one stops working)" in page
    assert "Your calendar link has been changed." in page
    assert 'name="csrfmiddlewaretoken"' in page
