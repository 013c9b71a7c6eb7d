"""On a 375 px phone, JavaScript on and off, checked with axe: a resident books a one-to-one appointment at
a surgery, the time taken before them is not offered, and their booking shows their time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from engagement.tests.factories import ResidentFactory
from events.models import Booking, Event
from events.services.bookings import booking_create
from events.services.surgeries import surgery_slots_add
from events.tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_books_a_free_slot_at_a_surgery(live_server, resident_phone, axe, resident, reference_data):
    starts = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    surgery = EventFactory(
        title="Housing officer surgery, Pepys",
        kind=Event.Kind.SURGERY,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        estate=None,
    )
    first, second, *_ = surgery_slots_add(surgery=surgery)
    booking_create(event=surgery, resident=ResidentFactory(), slot=first)
    page = resident_phone
    sign_in_as(page, live_server, resident.user)

    page.goto(f"{live_server.url}/whats-on/{surgery.pk}/")
    expect(page.get_by_text("3 one-to-one appointments left")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Book a place").click()
    times = page.get_by_role("group", name="Choose a time")
    expect(times.get_by_label(str(first), exact=True)).to_have_count(0)
    page.get_by_role("button", name="Book your place").click()
    expect(page.get_by_text("Select a time").first).to_be_visible()
    axe(page)

    page.get_by_role("group", name="Choose a time").get_by_label(str(second), exact=True).check()
    page.get_by_role("button", name="Book your place").click()

    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    expect(page.get_by_text(str(second), exact=True)).to_be_visible()
    axe(page)
    assert Booking.objects.get(resident=resident).slot == second
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
