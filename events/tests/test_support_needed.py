"""Officers see, per event, which interpreters and support its bookings need."""

import pytest

from engagement.models import AccessNeed
from events.models import Booking
from events.services.support_needed import event_support_needed
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def _book(event, *codes, language="", other="", status=Booking.Status.CONFIRMED):
    booking = BookingFactory(event=event, status=status, interpreter_language=language, access_needs_other=other)
    booking.access_needs.set(AccessNeed.objects.filter(code__in=codes))
    return booking


def test_the_summary_counts_bookings_per_need_and_interpreters_per_language(reference_data):
    event = EventFactory()
    _book(event, "bsl_interpreter")
    _book(event, "bsl_interpreter", "step_free_access")
    _book(event, "language_interpreter", language="somali")
    _book(event, "language_interpreter", language="Somali")
    _book(event, "language_interpreter", language="Tigrinya")
    _book(event, other="A quiet room to pray")
    _book(event, "bsl_interpreter", status=Booking.Status.CANCELLED)
    _book(event, "bsl_interpreter", status=Booking.Status.WAITING)
    _book(EventFactory(), "bsl_interpreter")

    assert [str(need) for need in event_support_needed(event)] == [
        "British Sign Language (BSL) interpreter: 2",
        "Step-free access: 1",
        "Language interpreter — Somali: 2",
        "Language interpreter — Tigrinya: 1",
        "Something else (see the bookings): 1",
    ]


def test_officers_see_the_summary_on_the_events_page(officer_client, reference_data):
    event = EventFactory()
    _book(event, "bsl_interpreter")
    _book(event, "language_interpreter", language="Somali")

    page = officer_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()

    assert "Interpreters and support needed" in page
    assert "British Sign Language (BSL) interpreter: 2" not in page
    assert "British Sign Language (BSL) interpreter: 1" in page
    assert "Language interpreter — Somali: 1" in page


def test_an_event_nobody_needs_support_for_says_so(officer_client):
    event = EventFactory()
    page = officer_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert "No confirmed booking asks for an interpreter or support." in page


def test_the_summary_costs_the_same_queries_however_many_book(
    officer_client, reference_data, django_assert_max_num_queries
):
    event = EventFactory(capacity=None)
    needs = list(AccessNeed.objects.all())

    def add(count):
        for number in range(count):
            _book(event, needs[number % len(needs)].code, language="Somali")

    def visit():
        page = officer_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
        assert "Interpreters and support needed" in page

    add(3)
    with django_assert_max_num_queries(60) as few:
        visit()
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        visit()


def test_the_named_register_says_what_each_booking_needs(officer_client, reference_data):
    event = EventFactory()
    _book(event, "bsl_interpreter", "language_interpreter", language="Somali", other="Near the door")
    response = officer_client.get(f"/admin/events/event/{event.pk}/register.csv")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].endswith("Access needs")
    assert rows[1].endswith("British Sign Language (BSL) interpreter; Language interpreter — Somali; Near the door")
