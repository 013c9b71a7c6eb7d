"""Booking in the browser without JavaScript: the form, the confirmation, cancelling, offers, your events."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import AccessNeed
from engagement.tests.factories import ResidentFactory
from events.models import Booking
from events.services.bookings import booking_cancel, booking_create
from events.tests import bulk
from events.tests.factories import BookingFactory, EventFactory
from events.tests.helpers import outbox
from events.views.bookings import PAST_EVENTS_SHOWN

pytestmark = pytest.mark.django_db(transaction=True)


def test_booking_asks_for_access_needs_prefilled_from_the_residents_record(
    resident_client, resident, event, reference_data
):
    resident.access_needs.set([AccessNeed.objects.get(code="hearing_loop")])
    page = resident_client.get(f"/whats-on/{event.pk}/book/").content.decode()
    checked = re.search(r'<input[^>]*value="(\d+)"[^>]*checked', page)
    assert checked and int(checked.group(1)) == AccessNeed.objects.get(code="hearing_loop").pk


def test_a_resident_books_gets_the_confirmation_and_sees_the_code(resident_client, resident, event):
    response = resident_client.post(f"/whats-on/{event.pk}/book/", {"places": "2", "access_needs_other": "A chair"})

    booking = Booking.objects.get()
    assert response.url == f"/whats-on/bookings/{booking.code}/"
    page = resident_client.get(response.url).content.decode()
    assert "You're booked" in page and booking.code in page
    assert [m.to for m in outbox()] == [[resident.email]]
    assert booking.places == 2 and booking.access_needs_other == "A chair"


def test_signing_in_is_needed_to_book_and_a_tenancy_must_be_confirmed(client, event):
    assert client.get(f"/whats-on/{event.pk}/book/").url.startswith("/account/login/")
    unverified = ResidentFactory(tenancy_verified_at=None)
    client.force_login(unverified.user)
    assert client.get(f"/whats-on/{event.pk}/book/").url.startswith("/your-account/verify-tenancy/")


def test_an_ineligible_resident_gets_an_explanation_not_a_bare_refusal(resident_client, event, other_resident):
    event.eligible_estates.set([other_resident.tenancy.home.block.estate])
    response = resident_client.get(f"/whats-on/{event.pk}/book/")
    assert response.status_code == 200
    assert "You cannot book this event" in response.content.decode()


def test_when_the_last_place_goes_while_filling_in_the_form_the_resident_can_join_the_waiting_list(
    resident_client, resident
):
    event = EventFactory(capacity=1)
    page = resident_client.get(f"/whats-on/{event.pk}/book/").content.decode()
    assert "Book your place" in page
    BookingFactory(event=event)

    page = resident_client.post(
        f"/whats-on/{event.pk}/book/", {"places": "1", "access_needs_other": "Quiet seat"}
    ).content.decode()
    assert "the last places have just been taken" in page
    assert "Quiet seat" in page
    response = resident_client.post(f"/whats-on/{event.pk}/book/", {"places": "1", "waiting_list": "yes"})
    assert Booking.objects.get(resident=resident).status == Booking.Status.WAITING
    assert "on the waiting list" in resident_client.get(response.url).content.decode()


def test_a_resident_can_cancel_and_the_booking_is_theirs_alone(resident_client, resident, other_resident, event):
    mine = booking_create(event=event, resident=resident)
    theirs = booking_create(event=event, resident=other_resident)

    assert resident_client.get(f"/whats-on/bookings/{theirs.code}/").status_code == 404
    assert resident_client.post(f"/whats-on/bookings/{theirs.code}/cancel/").status_code == 404
    confirm = resident_client.get(f"/whats-on/bookings/{mine.code}/cancel/").content.decode()
    assert "Are you sure you want to cancel your place?" in confirm
    resident_client.post(f"/whats-on/bookings/{mine.code}/cancel/")

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (Booking.Status.CANCELLED, Booking.Status.CONFIRMED)


def test_an_offer_link_accepts_the_place_without_signing_in(client, resident, other_resident):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)
    booking_cancel(booking=first)
    waiting.refresh_from_db()

    page = client.get(f"/whats-on/offers/{waiting.offer_token}/").content.decode()
    assert "A place has come up" in page
    client.post(f"/whats-on/offers/{waiting.offer_token}/", {"answer": "accept"})

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert "You're booked" in client.get(f"/whats-on/offers/{waiting.offer_token}/").content.decode()


def test_declining_an_offer_passes_it_on(client, resident, other_resident):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)
    third = booking_create(event=event, resident=ResidentFactory(), waiting_list=True)
    booking_cancel(booking=first)
    waiting.refresh_from_db()

    client.post(f"/whats-on/offers/{waiting.offer_token}/", {"answer": "decline"})

    third.refresh_from_db()
    assert third.status == Booking.Status.OFFERED


def test_your_events_lists_upcoming_and_past_bookings(resident_client, resident):
    upcoming = BookingFactory(resident=resident, event=EventFactory(title="Coming open day"))
    past = BookingFactory(
        resident=resident,
        event=EventFactory(title="Roadshow last year", starts_at=timezone.now() - timedelta(days=300)),
    )
    BookingFactory(event=EventFactory(title="Someone else's event"))

    page = resident_client.get("/whats-on/your-events/").content.decode()

    assert upcoming.event.title in page and past.event.title in page
    assert "Someone else" not in page
    assert page.index("Coming open day") < page.index("Past events") < page.index("Roadshow last year")


def test_your_events_uses_the_same_number_of_queries_with_50_bookings_as_with_500(
    resident_client, resident, django_assert_max_num_queries
):
    halls = bulk.venues(3, bulk.estates(1)[0])
    last_month = timezone.now().replace(second=0, microsecond=0) - timedelta(days=30)

    def add(count):
        coming = bulk.events(count // 2, venues=halls)
        held = bulk.events(count - count // 2, venues=halls, starts_at=last_month)
        bulk.bookings(events=coming + held, residents=[resident])

    def visit():
        page = resident_client.get("/whats-on/your-events/").content.decode()
        coming = Booking.objects.filter(resident=resident, event__starts_at__gt=timezone.now()).count()
        assert page.count("Bulk event") == coming + PAST_EVENTS_SHOWN

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=20)


def test_your_events_lists_the_latest_past_events_and_says_where_to_find_the_rest(resident_client, resident):
    halls = bulk.venues(1, bulk.estates(1)[0])
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=400)
    held = [bulk.events(1, venues=halls, starts_at=start + timedelta(days=day))[0] for day in range(22)]
    bulk.bookings(events=held, residents=[resident])

    page = resident_client.get("/whats-on/your-events/").content.decode()

    shown = [event for event in held if f">{event.title}</a>" in page]
    assert shown == held[2:]
    assert "These are the 20 most recent." in page and "Download your data" in page
