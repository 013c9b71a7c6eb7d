"""A resident votes with the code from their letter on a phone; officers and the independent body in admin."""

import pytest
from playwright.sync_api import expect

from engagement import roles
from engagement.ballots.tests.conftest import codes_of
from engagement.ballots.tests.factories import BallotFactory, SchemeFactory
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    StaffFactory,
    TenancyFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_a_resident_reads_the_offer_and_votes_with_their_code_on_a_phone(live_server, resident_phone, axe, open_ballot):
    code = codes_of(open_ballot)["Ada"]
    page = resident_phone

    page.goto(f"{live_server.url}/ballots/{open_ballot.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Achilles Street regeneration")
    expect(page.get_by_text("Voting is open. It closes")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Vote now").click()
    axe(page)

    page.get_by_label("Your voting code").fill("ZZZZ ZZZZ ZZZZ")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast your vote").click()
    expect(page.locator(".govuk-error-message")).to_contain_text("Enter the code exactly as it is on your letter")
    expect(page.get_by_label("Your voting code")).to_have_value("ZZZZ ZZZZ ZZZZ")
    axe(page)

    page.get_by_label("Your voting code").fill(code)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Cast your vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote has been recorded")
    axe(page)
    assert list(open_ballot.papers.values_list("choice", flat=True)) == ["yes"]


def test_an_officer_works_out_the_register_and_the_independent_body_enters_a_phone_vote(
    live_server, page, axe, officer
):
    estate = EstateFactory()
    ballot = BallotFactory(scheme=SchemeFactory(name="Pepys regeneration", estates=[estate]))
    ResidentFactory(first_name="Tia", tenancy=TenancyFactory(home=HomeFactory(block=BlockFactory(estate=estate))))
    page.set_viewport_size(DESKTOP)
    sign_in_as(page, live_server, officer)

    page.goto(f"{live_server.url}/admin/ballots/ballot/{ballot.pk}/change/")
    axe(page)
    page.get_by_role("link", name="Work out the register from the tenancy data").click()
    page.get_by_role("button", name="Work out the register from the tenancy data").click()
    expect(page.get_by_text("Register worked out for 1 ballot(s).")).to_be_visible()
    page.get_by_role("link", name="Send voting codes by letter").click()
    page.get_by_role("button", name="Send voting codes by letter").click()
    expect(page.get_by_text("0 of 1 eligible voters have voted")).to_be_visible()
    axe(page)

    ballot.refresh_from_db()
    counter = StaffFactory(email="count@civica.example", role=roles.BALLOT_BODY)
    page.context.clear_cookies()
    sign_in_as(page, live_server, counter)
    page.goto(f"{live_server.url}/admin/ballots/ballot/{ballot.pk}/enter-vote/")
    axe(page)
    page.get_by_label("By phone").check()
    page.get_by_label("The voter's code").fill(codes_of(ballot)["Tia"])
    page.get_by_label("No").check()
    page.get_by_role("button", name="Record the vote").click()
    expect(page.get_by_text("Vote recorded.")).to_be_visible()
    assert list(ballot.papers.values_list("choice", flat=True)) == ["no"]
