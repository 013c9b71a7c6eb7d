"""A resident reads the partnerships page on a phone; community relations record a delivery in admin."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.partnerships.tests.factories import (
    CommitmentFactory,
    ContractFactory,
    DeliveryFactory,
    FundedProjectFactory,
    PartnerContactFactory,
    PartnerFactory,
    PartnerFundingFactory,
    ResidentGroupFactory,
)
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_a_resident_finds_the_partners_and_the_projects_they_fund_on_a_phone(live_server, resident_phone, axe):
    builder = PartnerFactory(name="Brockley Build")
    PartnerContactFactory(partner=builder)
    games = FundedProjectFactory(name="Street Games on estates")
    games.estates.set([EstateFactory(name="Crossfields")])
    PartnerFundingFactory(partner=builder, project=games, amount=Decimal("5000"))
    ResidentGroupFactory(name="Oak Court garden club")
    page = resident_phone

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Our partners").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Our partners and the projects they fund")
    expect(page.get_by_role("heading", name="Street Games on estates")).to_be_visible()
    expect(page.get_by_text("Brockley Build: £5,000")).to_be_visible()
    expect(page.get_by_text("Oak Court garden club")).to_be_visible()
    expect(page.get_by_text("Priya Shah")).to_have_count(0)
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe(page)


def test_community_relations_record_a_delivery_against_an_overdue_commitment(
    live_server, page, axe, community_relations
):
    partner = PartnerFactory(name="Brockley Build")
    contract = ContractFactory(partner=partner, title="North repairs")
    overdue = CommitmentFactory(
        contract=contract,
        what="Staff volunteering on estates",
        quantity=Decimal("200"),
        unit="hours",
        due_on=timezone.localdate() - timedelta(days=20),
    )
    DeliveryFactory(commitment=overdue, quantity=Decimal("120"), value=Decimal("2040"))
    CommitmentFactory(contract=contract, what="Apprenticeships later on")
    page.set_viewport_size(DESKTOP)
    sign_in_as(page, live_server, community_relations)

    page.goto(f"{live_server.url}/admin/partnerships/commitment/")
    axe(page)
    page.get_by_role("link", name="Due soon or overdue").click()
    expect(page.get_by_role("link", name="Apprenticeships later on")).to_have_count(0)
    page.get_by_role("link", name="Staff volunteering on estates").click()
    expect(page.get_by_text("Overdue: 120 (£2,040) delivered")).to_be_visible()
    axe(page)

    row = page.locator("#deliveries-group tbody tr.form-row:not(.empty-form)").last
    row.get_by_label("Delivered on").fill(timezone.localdate().isoformat())
    row.get_by_label("Quantity").fill("80")
    row.get_by_label("Value (£)").fill("1360")
    row.get_by_label("Evidence").fill("Timesheets from the Crossfields litter pick.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("was changed successfully")).to_be_visible()
    axe(page)
    overdue.refresh_from_db()
    assert overdue.deliveries.count() == 2 and overdue.quantity == Decimal("200") and overdue.unit == "hours"
    assert overdue.deliveries.order_by("pk").last().recorded_by == community_relations
    page.goto(f"{live_server.url}/admin/partnerships/commitment/?status=met")
    expect(page.get_by_role("link", name="Staff volunteering on estates")).to_be_visible()


def test_community_relations_change_a_contacts_role_and_nothing_else_changes(
    live_server, page, axe, community_relations
):
    partner = PartnerFactory(name="Brockley Build", about="Repairs and major works.")
    priya = PartnerContactFactory(partner=partner, name="Priya Shah", role="Social value manager")
    tom = PartnerContactFactory(partner=partner, name="Tom Reid", role="Site manager", email="tom@b.example.org")
    contract = ContractFactory(partner=partner, title="North repairs")
    page.set_viewport_size(DESKTOP)
    sign_in_as(page, live_server, community_relations)

    page.goto(f"{live_server.url}/admin/partnerships/partner/")
    axe(page)
    page.get_by_role("link", name="Brockley Build").click()
    expect(page.get_by_text("North repairs", exact=True)).to_be_visible()
    axe(page)
    page.get_by_label("Role").first.fill("Head of social value")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("was changed successfully")).to_be_visible()
    for record in (partner, priya, tom, contract):
        record.refresh_from_db()
    assert (priya.name, priya.role, priya.email) == ("Priya Shah", "Head of social value", "priya@partner.example.org")
    assert (tom.name, tom.role, tom.email, tom.phone) == (
        "Tom Reid",
        "Site manager",
        "tom@b.example.org",
        "020 7946 0001",
    )
    assert (partner.name, partner.about, partner.kind, partner.listed) == (
        "Brockley Build",
        "Repairs and major works.",
        "contractor",
        True,
    )
    assert (contract.title, contract.partner_id) == ("North repairs", partner.pk)
