"""In a real browser, on phones: the secretary adds a general meeting and tells members; a member
finds it on the TRA's page and books a place; the secretary cancels it and the member is told why.
Every page is checked with axe."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from engagement.tests.browser import sign_in
from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, ResidentFactory, TenancyFactory
from events.models import Booking, Event
from tenants_associations.models import CommitteeRole, TRAMeeting
from tenants_associations.tests.factories import CommitteeRoleFactory, MembershipFactory, tra_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def _resident(block, first_name, last_name):
    return ResidentFactory(
        tenancy=TenancyFactory(home=HomeFactory(block=block)), first_name=first_name, last_name=last_name
    )


def test_the_secretary_adds_a_meeting_a_member_books_it_and_hears_when_it_is_cancelled(live_server, new_page, axe):
    block = BlockFactory(estate=EstateFactory(name="Rushey Mead"), name="Mead House")
    tra = tra_for(block.estate, name="Rushey Mead TRA", slug="rushey-mead-tra")
    secretary = _resident(block, "Sam", "Secretary")
    CommitteeRoleFactory(tra=tra, resident=secretary, role=CommitteeRole.Role.SECRETARY)
    member = _resident(block, "Rita", "Resident")
    MembershipFactory(tra=tra, resident=member)
    day = timezone.localdate() + timedelta(days=12)

    # The secretary adds a general meeting. A slip first: the finish is before the start.
    desk = new_page(viewport=PHONE)
    sign_in(desk, live_server, secretary.email, axe)
    desk.goto(live_server.url + "/tenants-associations/rushey-mead-tra/committee/meetings/")
    axe(desk)
    desk.get_by_role("button", name="Add a meeting").click()
    axe(desk)
    desk.get_by_label("General meeting (open to all residents)").check()
    desk.get_by_label("Day").fill(str(day.day))
    desk.get_by_label("Month").fill(str(day.month))
    desk.get_by_label("Year").fill(str(day.year))
    desk.get_by_label("Start time").fill("7pm")
    desk.get_by_label("Finish time (optional)").fill("6pm")
    desk.get_by_label("Where").fill("Mead House community room")
    desk.get_by_label("Tell members about it by email, text or letter").check()
    desk.get_by_role("button", name="Add meeting").click()
    expect(desk.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(desk.get_by_label("Where")).to_have_value("Mead House community room")
    axe(desk)
    desk.get_by_label("Finish time (optional)").fill("8:30pm")
    desk.get_by_role("button", name="Add meeting").click()
    expect(desk.get_by_text("The meeting has been added.")).to_be_visible()
    expect(desk.get_by_role("cell", name="Mead House community room")).to_be_visible()
    axe(desk)

    event = TRAMeeting.objects.get().event
    assert {email.to[0] for email in mail.outbox} == {member.email, secretary.email}
    told = next(email for email in mail.outbox if email.to == [member.email])
    assert f"/whats-on/{event.pk}/" in told.body and "7pm to 8:30pm" in told.body

    # The member finds it on the TRA's page and books a place.
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, member.email, axe)
    phone.goto(live_server.url + "/tenants-associations/rushey-mead-tra/")
    expect(phone.get_by_text("Mead House community room")).to_be_visible()
    axe(phone)
    phone.get_by_role("link", name="Details and booking").click()
    expect(phone.get_by_role("heading", level=1, name="Rushey Mead TRA general meeting")).to_be_visible()
    expect(phone.get_by_text("Open to all council housing residents living on Rushey Mead")).to_be_visible()
    axe(phone)
    phone.get_by_role("button", name="Book a place").click()
    axe(phone)
    phone.get_by_role("button", name="Book your place").click()
    expect(phone.get_by_role("heading", name="You're booked")).to_be_visible()
    axe(phone)
    assert Booking.objects.get(event=event).resident == member

    # The secretary cancels it, saying why; the member is told.
    desk.get_by_role("link", name="Cancel the General meeting (open to all residents)").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Cancel the general meeting")
    axe(desk)
    desk.get_by_label("Why is it cancelled? (optional)").fill("The community room is flooded.")
    desk.get_by_role("button", name="Cancel the meeting").click()
    expect(desk.get_by_text("We have told everyone who said they were coming.")).to_be_visible()
    expect(desk.get_by_text("No meetings are planned.")).to_be_visible()
    axe(desk)

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert "The community room is flooded." in mail.outbox[-1].body and mail.outbox[-1].to == [member.email]
    phone.goto(live_server.url + "/tenants-associations/rushey-mead-tra/")
    expect(phone.get_by_text("No meetings are planned at the moment.")).to_be_visible()
    axe(phone)
