from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.services.involvement import involvements
from engagement.tests.involvement import involved
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_events_are_registered_as_a_way_to_take_part():
    assert "events" in [involvement.code for involvement in involvements()]


def test_a_place_booked_or_a_walk_in_counts_but_a_no_show_or_cancelled_event_does_not():
    since = timezone.now() - timedelta(days=30)
    booked = BookingFactory(event=EventFactory(venue=None)).resident
    walked_in = BookingFactory(source=Booking.Source.WALK_IN, attendance=Booking.Attendance.ATTENDED).resident
    BookingFactory(attendance=Booking.Attendance.NO_SHOW)
    BookingFactory(event=EventFactory(status=Event.Status.CANCELLED))
    BookingFactory(event=EventFactory(starts_at=since - timedelta(days=1)))

    assert involved(since, "events") == {booked.pk, walked_in.pk}
