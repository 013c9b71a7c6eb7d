"""In a real browser: an officer adds an online meeting of a panel in admin; a member, invited by email,
opens it from the panel's page on a phone, says they are coming and gets the joining link; a resident
who is not a member sees the meeting's page but never the link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from engagement import roles
from engagement.tests.browser import sign_in
from engagement.tests.factories import PASSWORD, ResidentFactory, StaffFactory
from events.models import Booking
from panels.models import PanelMeeting
from panels.tests.factories import MembershipFactory, PanelFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LINK = "https://meet.example.gov.uk/spp-december"


def test_an_officer_adds_a_meeting_and_a_member_says_they_are_coming_and_gets_the_link(live_server, browser, axe):
    panel = PanelFactory(name="Service and Performance Panel", slug="spp", publishes_records=True)
    member = ResidentFactory(first_name="Mo", last_name="Member")
    MembershipFactory(panel=panel, resident=member)
    outsider = ResidentFactory(first_name="Owen", last_name="Other")
    StaffFactory(email="officer@example.gov.uk", role=roles.ENGAGEMENT_OFFICER)
    day = timezone.localdate() + timedelta(days=10)

    # The officer adds an online meeting in admin.
    officer_side = browser.new_context()
    admin = officer_side.new_page()
    admin.goto(live_server.url + "/admin/panels/panelmeeting/add/")
    admin.get_by_label("Email address").fill("officer@example.gov.uk")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_role("heading", name="Add panel meeting")).to_be_visible()
    axe(admin)
    admin.get_by_label("Panel:", exact=True).select_option(label=panel.name)
    admin.get_by_label("Starts").fill(f"{day:%Y-%m-%d}T18:00")
    admin.get_by_label("Ends").fill(f"{day:%Y-%m-%d}T20:00")
    admin.get_by_label("Format").select_option("online")
    admin.get_by_label("Joining link").fill(LINK)
    admin.get_by_label("Agenda:", exact=True).fill("1. Tenant satisfaction measures")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("was added successfully")).to_be_visible()
    axe(admin)
    officer_side.close()

    meeting = PanelMeeting.objects.get()
    assert [email.to for email in mail.outbox] == [[member.email]]
    assert "You're invited" in mail.outbox[0].subject

    # The member, on a phone, opens the meeting from the panel's page.
    member_side = browser.new_context(viewport=PHONE)
    page = member_side.new_page()
    sign_in(page, live_server, member.email, axe)
    page.goto(live_server.url + "/panels/spp/")
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    axe(page)
    page.get_by_role("link", name=f"{day.day} {day:%B %Y}, 6pm to 8pm").click()
    expect(page.get_by_role("heading", level=1, name=f"Meeting on {day.day} {day:%B %Y}")).to_be_visible()
    expect(page.get_by_text("1. Tenant satisfaction measures")).to_be_visible()
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_count(0)
    axe(page)

    page.get_by_role("link", name="Tell us you are coming").click()
    expect(page.get_by_role("heading", level=1, name="Service and Performance Panel meeting")).to_be_visible()
    expect(page.get_by_text("Open to invited residents")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Book a place").click()
    axe(page)
    page.get_by_role("button", name="Book your place").click()
    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    axe(page)
    assert Booking.objects.get(event=meeting.event).resident == member

    page.goto(live_server.url + f"/panels/spp/meetings/{meeting.pk}/")
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_attribute("href", LINK)
    axe(page)
    member_side.close()

    # A resident who is not a member reads the meeting's page, but gets no link.
    outsider_side = browser.new_context(viewport=PHONE)
    other = outsider_side.new_page()
    sign_in(other, live_server, outsider.email, axe)
    other.goto(live_server.url + f"/panels/spp/meetings/{meeting.pk}/")
    expect(other.get_by_text("Members get the joining link.")).to_be_visible()
    assert LINK not in other.content()
    axe(other)
    outsider_side.close()
