"""Check-in at the door on a tablet: search as you type with JavaScript, the same by pressing Find without it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from engagement.tests.factories import HomeFactory, ResidentFactory, TenancyFactory
from events.models import Booking
from events.services.attendance import walk_in_add
from events.tests.factories import BookingFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 820, "height": 1180}


def booked(event, first_name, last_name, address):
    home = HomeFactory(address_line_1=address, postcode="SE8 4RT")
    resident = ResidentFactory(first_name=first_name, last_name=last_name, tenancy=TenancyFactory(home=home))
    return BookingFactory(event=event, resident=resident)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_an_officer_finds_a_resident_at_the_door_and_checks_them_in(live_server, browser, axe, officer, javascript):
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    event = EventFactory(title="Crossfields repairs open day", starts_at=starts, ends_at=starts + timedelta(hours=2))
    rita = booked(event, "Rita", "Ahmed", "12 Crossfield Street")
    booked(event, "Owen", "Other", "3 Ship Street")
    walk_in_add(event=event, name="Sam Walker")
    context = browser.new_context(viewport=TABLET, java_script_enabled=javascript)
    page = context.new_page()
    page.javascript_enabled = javascript
    sign_in_as(page, live_server, officer)

    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.get_by_role("link", name="Check-in at the door").click()
    expect(page.locator("#check-in-counts")).to_contain_text("0 of 2 booked have arrived · 1 walk-in")
    if javascript:  # axe runs with JavaScript (without it, it flags Django admin's own theme button)
        axe(page)

    search = page.get_by_label("Name, booking code or address")
    if javascript:
        search.press_sequentially("crossf", delay=40)  # no button pressed: the list answers as you type
    else:
        search.fill("crossf")
        page.get_by_role("button", name="Find").click()
    expect(page.locator("#check-in-results")).to_contain_text("Rita Ahmed")
    expect(page.locator("#check-in-results")).not_to_contain_text("Owen Other")

    page.get_by_role("button", name="Check in Rita Ahmed").click()
    expect(page.locator(".messagelist")).to_contain_text("Rita Ahmed checked in.")
    expect(page.locator("#check-in-counts")).to_contain_text("1 of 2 booked have arrived")
    expect(page.get_by_label("Name, booking code or address")).to_have_value("crossf")
    if javascript:
        axe(page)
    rita.refresh_from_db()
    assert rita.attendance == Booking.Attendance.ATTENDED
    context.close()
