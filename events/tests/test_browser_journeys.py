"""Journeys in a real browser, without relying on JavaScript, checked with axe on every page."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from engagement.messaging.models import Message
from engagement.tests.browser import sign_in_as
from events.models import Booking
from events.services.bookings import booking_cancel, booking_create
from events.tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_find_an_event_book_it_see_the_confirmation_and_cancel(live_server, page, axe, resident, reference_data):
    event = EventFactory(title="Repairs open day at Crossfields", capacity=10)
    page.set_viewport_size(PHONE)
    sign_in_as(page, live_server, resident.user)

    page.goto(live_server.url + "/whats-on/")
    axe(page)
    page.get_by_label("Type of event").select_option("repairs_open_day")
    page.get_by_role("button", name="Show events").click()
    axe(page)
    page.get_by_role("link", name=event.title).click()
    expect(page.locator("body")).to_contain_text("10 places left")
    axe(page)

    page.get_by_role("button", name="Book a place").click()
    axe(page)
    page.get_by_label("How many people are coming, including you?").select_option("2")
    page.get_by_label("Step-free access").check()
    page.get_by_role("button", name="Book your place").click()

    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    axe(page)
    booking = Booking.objects.get(resident=resident)
    expect(page.locator("body")).to_contain_text(booking.code)
    assert Message.objects.filter(template="events.booking_confirmed", resident=resident).exists()

    page.get_by_role("link", name="Cancel your place").click()
    axe(page)
    page.get_by_role("button", name="Yes, cancel my place").click()
    expect(page.locator("body")).to_contain_text("is cancelled")
    axe(page)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_join_a_full_events_waiting_list_and_take_the_place_offered(live_server, page, axe, resident, other_resident):
    event = EventFactory(title="Housing officer surgery", capacity=1)
    holder = booking_create(event=event, resident=other_resident)
    sign_in_as(page, live_server, resident.user)

    page.goto(f"{live_server.url}/whats-on/{event.pk}/")
    expect(page.locator("body")).to_contain_text("Fully booked")
    axe(page)
    page.get_by_role("button", name="Join the waiting list").click()
    axe(page)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_role("heading", name="You're on the waiting list")).to_be_visible()
    axe(page)

    booking_cancel(booking=holder)
    offer = Message.objects.get(template="events.place_offered", resident=resident)

    page.goto(offer.personalisation["link"].replace(settings.SITE_URL, live_server.url))
    expect(page.get_by_role("heading", name="A place has come up")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Accept the place").click()
    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    axe(page)
    assert Booking.objects.get(resident=resident, event=event).status == Booking.Status.CONFIRMED


def test_the_other_resident_pages_have_no_serious_accessibility_problems(
    live_server, page, axe, resident, reference_data
):
    booking_create(event=EventFactory(), resident=resident)
    sign_in_as(page, live_server, resident.user)
    for path in (
        "/whats-on/calendar/",
        "/whats-on/type/walkabout/",
        "/whats-on/your-events/",
        "/whats-on/issues/",
        "/whats-on/issues/report/",
        "/whats-on/walkabouts/ask/",
        "/whats-on/workshops/suggestions/",
        "/whats-on/workshops/suggest/",
    ):
        page.goto(live_server.url + path)
        axe(page)
    page.goto(live_server.url + "/whats-on/walkabouts/ask/")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("body")).to_contain_text("There is a problem")
    axe(page)
