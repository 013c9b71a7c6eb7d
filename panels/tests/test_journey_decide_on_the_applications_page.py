"""In a real browser, at desktop size: an officer opens each application from the list and decides it
on the application's own page, one shortlisted then accepted, one declined, each resident told."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from panels.models import Membership, PanelApplication
from panels.tests.factories import PanelApplicationFactory, resident_living

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_an_officer_decides_applications_from_each_applications_own_page(live_server, page, axe, officer, energy_panel):
    lena = PanelApplicationFactory(
        panel=energy_panel, resident=resident_living(tenure="resident_leaseholder", first_name="Lena", last_name="Lee")
    )
    omar = PanelApplicationFactory(
        panel=energy_panel, resident=resident_living(tenure="resident_leaseholder", first_name="Omar", last_name="Ali")
    )
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    # Lena: shortlisted from her application's page, then accepted from it with a role and a message.
    page.goto(live_server.url + "/admin/panels/panelapplication/")
    page.get_by_role("link", name="Lena Lee").click()
    expect(page.get_by_role("heading", level=2, name="Lena Lee → Energy efficiency panel")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Shortlist", exact=True).click()
    expect(page.get_by_role("heading", name="Shortlist the selected applications")).to_be_visible()
    axe(page)
    page.get_by_label("Message to the resident (optional)").fill("We would like a chat on 2 April.")
    page.get_by_role("button", name="Shortlist and tell the residents").click()
    expect(page.get_by_text("1 application(s) shortlisted")).to_be_visible()
    expect(page.get_by_role("link", name="Shortlist", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Accept", exact=True).click()
    axe(page)
    page.get_by_label("Role").select_option("member")
    page.get_by_label("Message to the resident (optional)").fill("The first meeting is on 14 April.")
    page.get_by_role("button", name="Accept and tell the residents").click()
    expect(page.get_by_text("1 application(s) accepted")).to_be_visible()
    expect(page.locator(".field-status .readonly")).to_have_text("Accepted")
    expect(page.get_by_role("link", name="Accept", exact=True)).to_have_count(0)
    axe(page)

    # Omar: declined from his page; "Cancel" on the form goes back to it without deciding.
    page.goto(live_server.url + f"/admin/panels/panelapplication/{omar.pk}/change/")
    page.get_by_role("link", name="Decline", exact=True).click()
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(live_server.url + f"/admin/panels/panelapplication/{omar.pk}/change/")
    page.get_by_role("link", name="Decline", exact=True).click()
    page.get_by_label("Message to the resident").fill("The panel is full. The damp and mould panel wants members.")
    page.get_by_role("button", name="Decline and tell the residents").click()
    expect(page.get_by_text("1 application(s) declined")).to_be_visible()
    expect(page.locator(".field-status .readonly")).to_have_text("Not successful")

    lena.refresh_from_db()
    omar.refresh_from_db()
    assert (lena.status, omar.status) == (PanelApplication.Status.ACCEPTED, PanelApplication.Status.DECLINED)
    assert Membership.objects.current().get(resident=lena.resident).panel == energy_panel
    assert not Membership.objects.filter(resident=omar.resident).exists()
    told = {message.to[0]: message.body for message in mail.outbox}
    assert "The first meeting is on 14 April." in told[lena.resident.email]
    assert "The damp and mould panel wants members." in told[omar.resident.email]
