"""Your events keeps the resident's bookings as written (engagement/versions.py), shows a booking made or
cancelled at once, and is never another resident's.

Outside a test's transaction, as requests run: kept content is only used there.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from engagement.tests.factories import ResidentFactory
from events.models import Event
from events.services.bookings import booking_cancel, booking_create
from events.tests.factories import BookingFactory, EventFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]

YOUR_EVENTS = "/whats-on/your-events/"


def _page(client) -> str:
    response = client.get(YOUR_EVENTS)
    assert response.status_code == 200
    return response.content.decode()


def _signed_in(resident) -> Client:
    client = Client()
    client.force_login(resident.user)
    return client


@pytest.fixture
def rita(db):
    return ResidentFactory(first_name="Rita")


@pytest.fixture
def owen(db):
    return ResidentFactory(first_name="Owen")


def test_your_events_is_three_queries_once_kept(rita):
    BookingFactory(resident=rita, event=EventFactory(title="Coming open day"))
    client = _signed_in(rita)
    _page(client)

    with CaptureQueriesContext(connection) as queries:
        _page(client)

    # The session, the account with the resident record, the content versions.
    assert len(queries) == 3


def test_one_residents_events_are_never_shown_to_another(rita, owen):
    BookingFactory(resident=rita, event=EventFactory(title="Rita's roadshow"))
    BookingFactory(resident=owen, event=EventFactory(title="Owen's walkabout"))
    rita_client, owen_client = _signed_in(rita), _signed_in(owen)
    assert "Rita&#x27;s roadshow" in _page(rita_client)

    page = _page(owen_client)

    assert "Owen&#x27;s walkabout" in page
    assert "Rita" not in page


def test_a_booking_made_or_cancelled_and_a_cancelled_event_show_at_once(rita):
    event = EventFactory(title="Coming open day")
    client = _signed_in(rita)
    assert "You have nothing booked." in _page(client)

    booking = booking_create(event=event, resident=rita)
    assert "Coming open day" in _page(client)

    booking_cancel(booking=booking)
    assert "You have nothing booked." in _page(client)

    BookingFactory(resident=rita, event=event)
    event.status = Event.Status.CANCELLED
    event.save()
    assert "Event cancelled" in _page(client)


def test_the_calendar_link_and_its_form_are_worked_out_on_each_visit(rita):
    client = _signed_in(rita)
    assert "Get a calendar link" in _page(client)

    response = client.post("/whats-on/your-events/calendar-link/")
    page = _page(client)

    assert response.status_code == 302
    assert "Change the link (the old one stops working)" in page
    assert "Your calendar link has been changed." in page
    assert 'name="csrfmiddlewaretoken"' in page
