"""An officer finds a meeting on the staff calendar, narrows it to one estate, switches to the week and opens it."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory
from events.models import Event
from events.tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_an_officer_uses_the_staff_calendar(live_server, page, axe, officer):
    today = timezone.localdate()
    lee_manor = EstateFactory(name="Lee Manor")
    starts = timezone.make_aware(datetime(today.year, today.month, today.day, 18, 0))
    walkabout = EventFactory(
        title="Lee Manor walkabout",
        kind=Event.Kind.WALKABOUT,
        estate=lee_manor,
        venue=None,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    EventFactory(title="Crossfields open day", starts_at=starts, ends_at=starts + timedelta(hours=2))
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/events/event/")
    page.get_by_role("link", name="Staff calendar").click()
    calendar = page.locator(".staff-calendar__month")
    expect(calendar).to_contain_text("Lee Manor walkabout")
    expect(calendar).to_contain_text("Crossfields open day")
    axe(page)

    page.get_by_label("Estate").select_option(label="Lee Manor")
    page.get_by_role("button", name="Show").click()
    expect(calendar).to_contain_text("Lee Manor walkabout")
    expect(calendar).not_to_contain_text("Crossfields open day")

    page.get_by_role("link", name="Show a week").click()
    week = page.locator(".staff-calendar__week")
    expect(week).to_contain_text("Lee Manor walkabout")
    expect(week).not_to_contain_text("Crossfields open day")
    axe(page)

    page.get_by_role("link", name="18:00 Lee Manor walkabout").click()
    expect(page).to_have_url(f"{live_server.url}/admin/events/event/{walkabout.pk}/change/")
