"""In a real browser: a leaseholder applies to the energy efficiency panel, a tenant is told why they
cannot and what they can join instead, an officer accepts the application in admin, and the
leaseholder sees their seat under their panels."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement import roles
from engagement.tests.factories import PASSWORD, StaffFactory
from panels.models import Membership, PanelApplication
from panels.tests.factories import EligibilityRuleFactory, TaskAndFinishPanelFactory, resident_living

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _sign_in(page, axe, email):
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    axe(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_leaseholder_applies_a_tenant_is_redirected_and_an_officer_accepts(live_server, browser, axe):
    energy = TaskAndFinishPanelFactory(name="Energy efficiency panel", slug="energy-efficiency", service_area="Energy")
    EligibilityRuleFactory(panel=energy, rule="tenure", tenure_types=["resident_leaseholder"])
    damp = TaskAndFinishPanelFactory(
        name="Tackling damp and mould panel", slug="damp-and-mould", service_area="Repairs"
    )
    EligibilityRuleFactory(panel=damp, rule="any_resident")
    leaseholder = resident_living(tenure="resident_leaseholder", first_name="Lena", last_name="Leaseholder")
    tenant = resident_living(tenure="council_tenant", first_name="Tomasz", last_name="Tenant")
    StaffFactory(email="officer@example.gov.uk", role=roles.ENGAGEMENT_OFFICER)

    # The leaseholder, on a phone, finds the panel from the home page and signs in to apply.
    resident_side = browser.new_context(viewport=PHONE)
    page = resident_side.new_page()
    page.goto(live_server.url + "/")
    axe(page)
    page.get_by_role("link", name="Resident panels").click()
    expect(page.get_by_role("heading", name="Resident panels", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Energy efficiency panel").click()
    expect(page.get_by_text("Open to resident leaseholders").first).to_be_visible()
    axe(page)
    page.get_by_role("link", name="sign in").click()
    _sign_in(page, axe, leaseholder.user.email)

    # Straight back to the form; a first go is saved to finish later.
    expect(page.get_by_role("heading", name="Apply to join")).to_be_visible()
    axe(page)
    page.get_by_label("Why would you like to join?").fill("Our heating is old and the bills are high.")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", name="Your panels and applications")).to_be_visible()
    expect(page.get_by_text("Not sent yet")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Continue your application to the Energy efficiency panel").click()
    assert (
        page.get_by_label("Why would you like to join?").input_value() == "Our heating is old and the bills are high."
    )
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error:")
    axe(page)
    page.get_by_label("When are you free to take part?").fill("Weekday evenings, online")
    page.get_by_role("group", name="Would you like training to help you take part?").get_by_label("Yes").check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Your application to the Energy efficiency panel has been sent.")).to_be_visible()
    expect(page.get_by_text("Received")).to_be_visible()
    axe(page)
    assert mail.outbox[-1].subject == "We have your application to the Energy efficiency panel"

    # A council tenant is told why they cannot join, and what they can join instead.
    tenant_side = browser.new_context(viewport=PHONE)
    tenant_page = tenant_side.new_page()
    tenant_page.goto(live_server.url + "/panels/energy-efficiency/apply/")
    _sign_in(tenant_page, axe, tenant.user.email)
    expect(tenant_page.get_by_role("heading", name="You cannot apply to the Energy efficiency panel")).to_be_visible()
    expect(tenant_page.get_by_text("Our records show you are a council tenant.")).to_be_visible()
    axe(tenant_page)
    tenant_page.get_by_role("link", name="Tackling damp and mould panel").click()
    expect(tenant_page.get_by_role("button", name="Apply to join")).to_be_visible()
    axe(tenant_page)
    tenant_side.close()

    # An officer accepts the application in admin, with a message.
    officer_side = browser.new_context()
    admin = officer_side.new_page()
    admin.goto(live_server.url + "/admin/panels/panelapplication/")
    admin.get_by_label("Email address").fill("officer@example.gov.uk")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_text("Lena Leaseholder")).to_be_visible()
    axe(admin)
    admin.locator("input.action-select").first.check()
    admin.locator("select[name=action]").select_option("accept")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_role("heading", name="Accept the selected applications")).to_be_visible()
    axe(admin)
    admin.get_by_label("Role").select_option("member")
    admin.get_by_label("Message to the resident (optional)").fill("The first meeting is on 14 April at Laurence House.")
    admin.get_by_role("button", name="Accept and tell the residents").click()
    expect(admin.get_by_text("1 application(s) accepted")).to_be_visible()
    officer_side.close()

    assert PanelApplication.objects.get(resident=leaseholder).status == PanelApplication.Status.ACCEPTED
    assert Membership.objects.current().get(resident=leaseholder).panel == energy
    assert "The first meeting is on 14 April at Laurence House." in mail.outbox[-1].body

    # The leaseholder sees their seat, and the officer's message, under their panels.
    page.reload()
    expect(page.get_by_text("Panels you are on")).to_be_visible()
    expect(page.get_by_role("link", name="Energy efficiency panel").first).to_be_visible()
    expect(page.get_by_text("member since")).to_be_visible()
    expect(page.get_by_text("The first meeting is on 14 April at Laurence House.")).to_be_visible()
    axe(page)
    resident_side.close()
