"""Residents' pages, through the real views."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.community_projects.models import Proposal, Vote
from engagement.community_projects.services import results_publish
from engagement.community_projects.tests.factories import (
    ProposalFactory,
    RoundFactory,
    closed_round,
    proposing_round,
)
from engagement.tests.factories import ResidentFactory, TenancyFactory

pytestmark = pytest.mark.django_db


def test_a_resident_proposes_an_idea_and_sees_it_waiting_on_their_account(resident_client, resident):
    round = proposing_round()
    url = f"/community-projects/{round.year}/propose/"

    refused = resident_client.post(url, {"title": "Planters", "kind": "environment", "what": "", "who_benefits": ""})
    page = refused.content.decode()
    assert "Say what the project would do" in page and 'value="Planters"' in page

    sent = resident_client.post(
        url,
        {"title": "Planters", "kind": "environment", "what": "Planters by the doors", "who_benefits": "Everyone"},
        follow=True,
    )
    page = sent.content.decode()
    assert "We have your idea" in page and "Planters" in page and "Waiting to be checked" in page
    assert Proposal.objects.get().proposed_by == resident


def test_the_proposer_sees_why_an_idea_was_not_published(resident_client, resident):
    ProposalFactory(
        proposed_by=resident,
        title="Fence",
        moderation=Proposal.Moderation.REJECTED,
        rejected_reason="This is a repair: report it to repairs.",
    )
    page = resident_client.get("/community-projects/your-ideas/").content.decode()
    assert "Not published" in page and "This is a repair: report it to repairs." in page


def test_ideas_are_not_taken_once_proposing_has_closed(resident_client):
    round = RoundFactory()
    page = resident_client.post(f"/community-projects/{round.year}/propose/", {"title": "Late"}).content.decode()
    assert "We are not taking ideas now" in page
    assert not Proposal.objects.exists()


def test_a_household_over_the_budget_is_told_at_the_field_and_keeps_its_ticks(resident_client, resident):
    round = RoundFactory(budget=10_000)
    small, big = ProposalFactory(round=round, cost=3_000), ProposalFactory(round=round, cost=8_000)
    url = f"/community-projects/{round.year}/choose/"

    page = resident_client.post(url, {"projects": [small.pk, big.pk]}).content.decode()

    assert 'id="projects-error"' in page and "£1,000 more than the budget of £10,000" in page
    assert page.count("checked>") == 2
    assert not Vote.objects.exists()

    chosen = resident_client.post(url, {"projects": [big.pk]}, follow=True).content.decode()
    assert "Your home&#x27;s choice has been sent" in chosen or "Your home's choice has been sent" in chosen
    assert list(Vote.objects.get().projects.all()) == [big]
    # Back to the form: the household has chosen, so it sees its choice.
    assert resident_client.get(url).url == f"/community-projects/{round.year}/chosen/"


def test_choosing_needs_a_confirmed_tenancy(client):
    round = RoundFactory()
    resident = ResidentFactory(tenancy_verified_at=None)
    client.force_login(resident.user)
    response = client.get(f"/community-projects/{round.year}/choose/")
    assert response.status_code == 302 and response.url.startswith("/your-account/verify-tenancy/")


def test_an_idea_not_yet_published_is_nobodys_to_see(client):
    idea = ProposalFactory(moderation=Proposal.Moderation.WAITING)
    assert client.get(f"/community-projects/{idea.round.year}/projects/{idea.pk}/").status_code == 404


def test_the_published_result_says_what_is_funded_and_why_others_are_not(client, officer):
    round = closed_round(budget=5_000)
    wild = ProposalFactory(round=round, title="Wildflowers", cost=3_000)
    ProposalFactory(round=round, title="Pool", cost=4_000)
    for _ in range(2):
        Vote.objects.create(round=round, tenancy=TenancyFactory()).projects.set([wild])
    results_publish(round=round, by=officer)

    page = client.get(f"/community-projects/{round.year}/").content.decode()
    assert "Results published" in page and "2 homes chose" in page
    assert "Not enough of the budget was left: £2,000" in page

    project = client.get(f"/community-projects/{round.year}/projects/{wild.pk}/").content.decode()
    assert "Planned" in project and "the decision to fund it" in project


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_round_and_choosing_pages_read_the_same_queries_however_many_projects(resident_client):
    round = RoundFactory(budget=100_000)
    ProposalFactory(round=round)
    pages = [f"/community-projects/{round.year}/", f"/community-projects/{round.year}/choose/"]
    before = [_queries(resident_client, url) for url in pages]
    for _ in range(5):
        ProposalFactory(round=round)
    assert [_queries(resident_client, url) for url in pages] == before


def test_the_result_page_reads_the_same_queries_however_many_projects(client, officer):
    round = closed_round(budget=100_000)
    ProposalFactory(round=round)
    Round = type(round)
    Round.objects.filter(pk=round.pk).update(results_published_at="2020-01-01T00:00Z")
    url = f"/community-projects/{round.year}/"
    before = _queries(client, url)
    for _ in range(5):
        ProposalFactory(round=round)
    assert _queries(client, url) == before
