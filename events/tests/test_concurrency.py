"""Two residents racing for the last place: only one gets it. Needs PostgreSQL's row locks."""

import threading
import time

import pytest
from django.db import connection, connections

from engagement.tests.factories import ResidentFactory
from events.models import Booking
from events.services import bookings as booking_services
from events.services.bookings import EventFull, booking_create
from events.tests.factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has no row locks"),
]


def test_two_residents_racing_for_the_last_place_never_both_get_it(monkeypatch):
    event = EventFactory(capacity=1)
    racers = [ResidentFactory(), ResidentFactory()]
    original = booking_services.places_left

    def slow_places_left(event):
        # Widen the window between counting the places and taking one, as a busy server would.
        left = original(event)
        time.sleep(0.3)
        return left

    monkeypatch.setattr(booking_services, "places_left", slow_places_left)
    start = threading.Barrier(2)
    outcomes = []

    def book(resident):
        try:
            start.wait()
            booking_create(event=event, resident=resident)
            outcomes.append("booked")
        except EventFull:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(resident,)) for resident in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["booked", "full"]
    assert Booking.objects.filter(event=event, status=Booking.Status.CONFIRMED).count() == 1
