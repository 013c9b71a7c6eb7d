"""The performance board in a browser: residents read it on a phone, with and without JavaScript; a panel
member reads the quarter so far before a meeting; officers open it from the admin home page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.decisions.models import DecisionStatusChange, Status
from engagement.decisions.tests.factories import DecisionFactory
from engagement.tests.browser import sign_in_as
from events.models import Booking, Event
from events.tests.factories import BookingFactory, EventFactory
from panels.models import Panel
from panels.tests.factories import MembershipFactory, PanelFactory, PanelMeetingEventFactory, PanelMeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def _a_year_of_figures():
    panel = PanelFactory(
        name="Service and Performance Panel", slug="service-and-performance", kind=Panel.Kind.SERVICE_AND_PERFORMANCE
    )
    now = timezone.now()
    first = None
    for months in range(12, 0, -1):
        surgery = EventFactory(
            title="Housing officer surgery: Pepys",
            kind=Event.Kind.SURGERY,
            starts_at=now - timedelta(days=30 * months),
            status=Event.Status.COMPLETED,
            copied_from=first,
        )
        first = first or surgery
        BookingFactory.create_batch(months % 4 + 1, event=surgery, attendance=Booking.Attendance.ATTENDED)
    target = timezone.localdate() - timedelta(days=200)
    decision = DecisionFactory(target_date=target, status=Status.DONE, published_at=now - timedelta(days=300))
    DecisionStatusChange.objects.create(decision=decision, status=Status.DONE, changed_on=target - timedelta(days=3))
    return panel


def test_residents_read_the_board_on_a_phone(live_server, resident_phone, axe):
    panel = _a_year_of_figures()
    page = resident_phone

    page.goto(f"{live_server.url}/panels/{panel.slug}/")
    page.get_by_role("link", name="Performance board").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance board")
    axe(page)

    expect(page.get_by_text("No tenant satisfaction results yet.")).to_be_visible()
    surgeries = page.get_by_role("img", name="Attendance at each surgery")
    expect(surgeries).to_be_visible()
    page.locator("summary", has_text="Figures for Attendance at each surgery").click()
    figures = page.get_by_role("table", name="Attendance at each surgery: the figures")
    expect(figures).to_be_visible()
    expect(figures.get_by_role("row")).to_have_count(13)  # the heading and a row per surgery
    expect(page.get_by_role("region", name="Decisions due, by quarter")).to_contain_text("100%")
    expect(page.get_by_role("heading", name="Involvement by quarter")).to_be_visible()
    by_quarter = page.get_by_role("table", name="Residents involved, by quarter: the figures")
    expect(by_quarter).to_be_visible()
    expect(by_quarter.get_by_role("row")).to_have_count(5)  # the heading and the four completed quarters
    expect(page.get_by_role("region", name="Residents involved by estate, by quarter")).to_be_visible()
    # Nothing on the page is wider than the phone: wide tables scroll on their own.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator("#provisional")).to_have_count(0)


def test_a_member_reads_the_quarter_so_far_before_the_meeting(live_server, new_page, resident, axe):
    panel = _a_year_of_figures()
    MembershipFactory(panel=panel, resident=resident)
    meeting = PanelMeetingFactory(
        panel=panel, event=PanelMeetingEventFactory(starts_at=timezone.now() + timedelta(days=5))
    )
    page = new_page(viewport={"width": 375, "height": 812})
    sign_in_as(page, live_server, resident.user)

    page.goto(f"{live_server.url}/panels/{panel.slug}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="read the performance board").click()
    expect(page.locator("#provisional")).to_contain_text("for the quarter so far")
    expect(page.get_by_text("Your next meeting is on")).to_be_visible()
    axe(page)


def test_officers_open_the_board_from_the_admin_home_page(live_server, page, officer, axe):
    _a_year_of_figures()
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Performance board for the Service and Performance Panel").click()
    expect(page.locator("#provisional")).to_be_visible()
    expect(page.get_by_role("img", name="Residents who came to events, by quarter")).to_be_visible()
    axe(page)
