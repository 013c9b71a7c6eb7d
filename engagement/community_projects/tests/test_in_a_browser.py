"""Residents propose an idea and choose projects on a phone (JavaScript on and off); officers work in admin."""

import pytest
from playwright.sync_api import expect

from engagement.community_projects.models import ProjectUpdate, Proposal, Vote
from engagement.community_projects.services import results_publish
from engagement.community_projects.tests.factories import ProposalFactory, RoundFactory, closed_round, proposing_round
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory, TenancyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_a_resident_proposes_a_project_on_a_phone(live_server, resident_phone, axe, resident):
    round = proposing_round()
    EstateFactory(name="Pepys")
    page = resident_phone
    sign_in_as(page, live_server, resident.user)

    page.goto(f"{live_server.url}/community-projects/{round.year}/")
    axe(page)
    page.get_by_role("button", name="Propose a project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a community project")
    axe(page)

    page.get_by_label("What is your project called?").fill("Planters by the doors")
    page.get_by_role("button", name="Send your idea").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what the project would do")
    expect(page.get_by_label("What is your project called?")).to_have_value("Planters by the doors")
    axe(page)

    page.get_by_label("Environmental improvement").check()
    page.get_by_label("What would the project do?").fill("Big planters with herbs by each entrance.")
    page.get_by_label("Which estate is it for? (optional)").select_option(label="Pepys")
    page.get_by_label("Who would benefit?").fill("Everyone who lives in the blocks.")
    page.get_by_role("button", name="Send your idea").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your community project ideas")
    expect(page.get_by_text("Waiting to be checked")).to_be_visible()
    axe(page)
    assert Proposal.objects.get().estate.name == "Pepys"


def test_a_household_chooses_projects_within_the_budget_on_a_phone(live_server, resident_phone, axe, resident):
    round = RoundFactory(budget=10_000)
    ProposalFactory(round=round, title="Community gardens", cost=6_000)
    ProposalFactory(round=round, title="Free tutoring", cost=5_000)
    ProposalFactory(round=round, title="Green spaces clean-up", cost=3_000)
    page = resident_phone
    sign_in_as(page, live_server, resident.user)

    page.goto(f"{live_server.url}/community-projects/{round.year}/")
    page.get_by_role("button", name="Choose projects").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose which projects to fund")
    axe(page)

    page.get_by_label("Community gardens, £6,000").check()
    page.get_by_label("Free tutoring, £5,000").check()
    if page.javascript_enabled:
        expect(page.locator("#running-total")).to_contain_text("Selected so far: £11,000 of £10,000")
        expect(page.locator("#running-total")).to_contain_text("£1,000 more than the budget")
    page.get_by_role("button", name="Send your home's choice").click()
    expect(page.locator("#projects-error")).to_contain_text("£1,000 more than the budget of £10,000")
    expect(page.get_by_label("Free tutoring, £5,000")).to_be_checked()
    axe(page)

    page.get_by_label("Free tutoring, £5,000").uncheck()
    page.get_by_label("Green spaces clean-up, £3,000").check()
    page.get_by_role("button", name="Send your home's choice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home's choice has been sent")
    axe(page)
    chosen = sorted(Vote.objects.get().projects.values_list("title", flat=True))
    assert chosen == ["Community gardens", "Green spaces clean-up"]


def test_a_resident_reads_last_years_result_and_a_delivered_project_on_a_phone(
    live_server, resident_phone, axe, officer
):
    round = closed_round(budget=5_000)
    garden = ProposalFactory(round=round, title="Wildflower verges", cost=3_000)
    ProposalFactory(round=round, title="New play area", cost=4_000)
    Vote.objects.create(round=round, tenancy=TenancyFactory()).projects.set([garden])
    results_publish(round=round, by=officer)
    ProjectUpdate.objects.create(project=garden, note="Sown and flowering")
    page = resident_phone

    page.goto(f"{live_server.url}/community-projects/")
    axe(page)
    page.get_by_role("link", name=str(round)).click()
    expect(page.get_by_role("heading", name="The result")).to_be_visible()
    expect(page.get_by_text("Not enough of the budget was left: £2,000")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Wildflower verges").click()
    expect(page.get_by_text("Sown and flowering")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="You said, we did: the decision to fund it").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wildflower verges")


def test_an_officer_checks_and_costs_an_idea_in_admin(live_server, page, axe, officer):
    idea = ProposalFactory(
        round=proposing_round(), title="Bird boxes", moderation=Proposal.Moderation.WAITING, cost=None, feasible=None
    )
    page.set_viewport_size(DESKTOP)
    sign_in_as(page, live_server, officer)

    page.goto(f"{live_server.url}/admin/community_projects/round/{idea.round.pk}/change/")
    axe(page)
    page.goto(f"{live_server.url}/admin/community_projects/proposal/?moderation__exact=waiting")
    axe(page)
    page.get_by_role("link", name="Bird boxes").click()
    axe(page)
    page.get_by_role("link", name="Publish this idea", exact=True).click()
    page.get_by_role("button", name="Publish this idea", exact=True).click()
    expect(page.get_by_text("1 idea(s) published.")).to_be_visible()

    page.get_by_label("Cost (£)").fill("600")
    page.get_by_label("Feasible").select_option(label="Yes")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    idea.refresh_from_db()
    assert (idea.moderation, idea.cost, idea.feasible, idea.title) == ("approved", 600, True, "Bird boxes")
