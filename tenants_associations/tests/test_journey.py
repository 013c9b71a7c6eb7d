"""In a real browser: a resident finds their TRA by postcode and asks to join; the secretary
accepts; the resident sees they are a member. Every page is checked with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement.tests.browser import sign_in
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    TenancyFactory,
    WardFactory,
)
from tenants_associations.models import CommitteeRole, Membership
from tenants_associations.tests.factories import CommitteeRoleFactory, tra_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def _resident(block, postcode, first_name, last_name):
    home = HomeFactory(block=block, postcode=postcode)
    return ResidentFactory(tenancy=TenancyFactory(home=home), first_name=first_name, last_name=last_name)


def test_a_resident_finds_their_tra_by_postcode_joins_and_the_secretary_accepts(live_server, new_page, axe):
    estate = EstateFactory(name="Rushey Mead", ward=WardFactory(name="Rushey Green"))
    block = BlockFactory(estate=estate, name="Mead House")
    resident = _resident(block, "SE6 4RU", "Rita", "Resident")
    secretary = _resident(block, "SE6 4RX", "Sam", "Secretary")
    tra = tra_for(estate, name="Rushey Mead TRA", slug="rushey-mead-tra")
    CommitteeRoleFactory(tra=tra, resident=secretary, role=CommitteeRole.Role.SECRETARY)
    tra_for(EstateFactory(name="Evelyn Gardens"), name="Evelyn Gardens TRA")

    # The resident, on a phone.
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, resident.email, axe)
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Tenants and Residents Associations").click()
    expect(phone.get_by_role("heading", level=1, name="Tenants and Residents Associations")).to_be_visible()
    axe(phone)

    phone.get_by_label("Postcode").fill("se6 4ru")
    phone.get_by_role("button", name="Search").click()
    expect(phone.get_by_role("heading", name="1 estate found for SE6 4RU")).to_be_visible()
    expect(phone.get_by_role("link", name="Evelyn Gardens TRA")).to_have_count(0)
    axe(phone)

    phone.get_by_role("link", name="Rushey Mead TRA").click()
    expect(phone.get_by_role("heading", level=1, name="Rushey Mead TRA")).to_be_visible()
    expect(phone.get_by_text(secretary.email)).to_have_count(0)
    axe(phone)

    phone.get_by_role("button", name="Ask to join Rushey Mead TRA").click()
    expect(phone.get_by_role("heading", name="Ask to join")).to_be_visible()
    axe(phone)
    phone.get_by_label("Anything you want the committee to know? (optional)").fill("I can deliver newsletters.")
    phone.get_by_role("button", name="Ask to join").click()
    expect(phone.get_by_text("You have asked to join Rushey Mead TRA")).to_be_visible()
    axe(phone)
    assert [email.to for email in mail.outbox] == [[secretary.email]]

    # The secretary, on a desktop.
    desk = new_page()
    sign_in(desk, live_server, secretary.email, axe)
    desk.goto(live_server.url + "/tenants-associations/rushey-mead-tra/")
    desk.get_by_role("link", name="Manage Rushey Mead TRA").click()
    expect(desk.get_by_role("heading", name="Committee pages")).to_be_visible()
    axe(desk)
    desk.get_by_role("link", name="Requests to join").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Requests to join")
    axe(desk)
    desk.get_by_role("link", name="Answer Rita Resident").click()
    expect(desk.get_by_text("I can deliver newsletters.")).to_be_visible()
    axe(desk)

    # A slip first: no answer chosen. The error summary shows and the reason typed is kept.
    desk.get_by_label("If you decline, tell them why (optional)").fill("draft")
    desk.get_by_role("button", name="Save and continue").click()
    expect(desk.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(desk).to_have_title(re.compile("^Error:"))
    expect(desk.get_by_label("If you decline, tell them why (optional)")).to_have_value("draft")
    axe(desk)
    desk.get_by_label("If you decline, tell them why (optional)").fill("")
    desk.get_by_label("Yes, accept them as a member").check()
    desk.get_by_role("button", name="Save and continue").click()
    expect(desk.get_by_text("Rita Resident is now a member")).to_be_visible()
    axe(desk)
    desk.get_by_role("link", name="Back to committee pages").click()
    desk.get_by_role("link", name="Members", exact=True).click()
    expect(desk.get_by_role("cell", name="Rita Resident", exact=True)).to_be_visible()
    expect(desk.get_by_text(resident.email)).to_have_count(0)
    axe(desk)

    # The resident sees their membership.
    phone.goto(live_server.url + "/")
    expect(phone.get_by_text("you are a member")).to_be_visible()
    axe(phone)
    phone.get_by_role("link", name="Rushey Mead TRA").click()
    expect(phone.get_by_text("You are a member of Rushey Mead TRA.")).to_be_visible()
    axe(phone)

    assert Membership.objects.get(resident=resident).status == Membership.Status.MEMBER
    assert mail.outbox[-1].to == [resident.email]
    assert "Welcome to Rushey Mead TRA" in mail.outbox[-1].subject
    assert len(axe.pages_checked) >= 14
