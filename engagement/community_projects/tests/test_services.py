"""The rules of the yearly round: the budget, one choice per home, moderation, the result and its decisions."""

import pytest
from django.db import IntegrityError
from django.utils import timezone

from engagement.community_projects.models import Proposal, Stage, Vote
from engagement.community_projects.services import (
    Refused,
    choice_make,
    proposal_approve,
    proposal_reject,
    proposal_submit,
    results_publish,
    round_result,
)
from engagement.community_projects.tests.factories import (
    ProposalFactory,
    RoundFactory,
    closed_round,
    proposing_round,
)
from engagement.decisions.models import Decision
from engagement.decisions.services import contributor_ids
from engagement.tests.factories import ResidentFactory, TenancyFactory
from engagement.tests.involvement import involved

pytestmark = pytest.mark.django_db


def test_the_round_moves_through_its_stages_by_date():
    assert proposing_round().stage() == Stage.PROPOSING
    assert RoundFactory().stage() == Stage.CHOOSING
    finished = closed_round()
    assert finished.stage() == Stage.COUNTING
    finished.results_published_at = timezone.now()
    assert finished.stage() == Stage.RESULTS


def test_a_resident_proposes_an_idea_which_waits_to_be_checked_and_counts_as_taking_part(resident):
    round = proposing_round()
    since = timezone.now()

    proposal = proposal_submit(
        round=round, resident=resident, title="Planters", kind="environment", what="Planters", who_benefits="All"
    )

    assert proposal.moderation == Proposal.Moderation.WAITING
    assert not round.proposals.public().exists()
    assert resident.pk in involved(since, "community_project_proposed")


def test_ideas_are_refused_outside_the_proposing_stage(resident):
    with pytest.raises(Refused):
        proposal_submit(round=RoundFactory(), resident=resident, title="T", kind="training", what="W", who_benefits="B")


def test_officers_publish_an_idea_or_say_why_not(officer):
    idea = ProposalFactory(moderation=Proposal.Moderation.WAITING)
    other = ProposalFactory(moderation=Proposal.Moderation.WAITING, round=idea.round)

    proposal_approve(proposal=idea, by=officer)
    with pytest.raises(Exception, match="Say why"):
        proposal_reject(proposal=other, by=officer, reason="  ")
    proposal_reject(proposal=other, by=officer, reason="A repair: report it to repairs")

    assert list(idea.round.proposals.public()) == [idea]
    other.refresh_from_db()
    assert (other.moderation, other.moderated_by) == (Proposal.Moderation.REJECTED, officer)


def test_a_household_chooses_within_the_budget_and_over_it_is_refused_at_the_field(resident):
    round = RoundFactory(budget=10_000)
    small, big, middle = (ProposalFactory(round=round, cost=cost) for cost in (3_000, 8_000, 6_000))
    since = timezone.now()

    with pytest.raises(Refused) as over:
        choice_make(round=round, resident=resident, projects=[small, big])
    assert over.value.field == "projects" and "£11,000" in str(over.value) and "£1,000 more" in str(over.value)

    vote = choice_make(round=round, resident=resident, projects=[small, middle])
    assert set(vote.projects.all()) == {small, middle}
    assert resident.pk in involved(since, "community_projects_chosen")


def test_one_choice_per_home_whoever_in_it_chooses(resident):
    round = RoundFactory()
    project = ProposalFactory(round=round)
    partner = ResidentFactory(tenancy=resident.tenancy)
    choice_make(round=round, resident=resident, projects=[project])

    with pytest.raises(Refused, match="Someone in your home has already chosen"):
        choice_make(round=round, resident=partner, projects=[project])
    # The database holds the rule too, whatever path a second choice took.
    with pytest.raises(IntegrityError):
        Vote.objects.create(round=round, tenancy=resident.tenancy, resident=partner)


def test_only_shortlisted_projects_of_the_round_can_be_chosen_and_only_while_choosing_is_open(resident):
    round = RoundFactory()
    unchecked = ProposalFactory(round=round, moderation=Proposal.Moderation.WAITING)
    not_feasible = ProposalFactory(round=round, feasible=False, feasibility_reason="No")
    elsewhere = ProposalFactory()
    for project in (unchecked, not_feasible, elsewhere):
        with pytest.raises(Refused, match="this year's list"):
            choice_make(round=round, resident=resident, projects=[project])
    with pytest.raises(Refused, match="not open"):
        choice_make(round=closed_round(), resident=resident, projects=[ProposalFactory()])


def test_a_resident_without_a_confirmed_tenancy_cannot_choose():
    round = RoundFactory()
    unconfirmed = ResidentFactory(tenancy_verified_at=None)
    with pytest.raises(Refused, match="Confirm your tenancy"):
        choice_make(round=round, resident=unconfirmed, projects=[ProposalFactory(round=round)])


def _choose(round, projects, times):
    for _ in range(times):
        Vote.objects.create(round=round, tenancy=TenancyFactory()).projects.set(projects)


def test_the_result_funds_the_most_chosen_first_within_the_budget_passing_over_what_does_not_fit():
    round = closed_round(budget=10_000)
    first = ProposalFactory(round=round, title="First", cost=6_000)
    too_big = ProposalFactory(round=round, title="Too big", cost=5_000)
    fits = ProposalFactory(round=round, title="Fits", cost=4_000)
    tied_cheaper = ProposalFactory(round=round, title="Tied cheaper", cost=1_000)
    _choose(round, [first, too_big], 3)
    _choose(round, [fits, tied_cheaper], 1)
    _choose(round, [first], 1)

    result = round_result(round)

    assert [(row.project.title, row.votes, row.funded) for row in result.rows] == [
        ("First", 4, True),
        ("Too big", 3, False),
        ("Tied cheaper", 1, True),
        ("Fits", 1, False),
    ]
    too_big_row = result.rows[1]
    assert "£4,000 after the projects above" in too_big_row.why
    assert "Tied with Fits on 1 vote: in a tie the cheaper project comes first." in result.rows[2].why
    assert result.spent == 7_000 and result.households == 5


def test_publishing_the_result_marks_the_funded_and_makes_their_decisions_for_everyone_behind_them(officer):
    round = closed_round(budget=5_000)
    proposer = ResidentFactory()
    funded = ProposalFactory(round=round, title="Wildflowers", cost=3_000, proposed_by=proposer)
    ProposalFactory(round=round, title="Pool", cost=4_000)
    chooser = ResidentFactory()
    Vote.objects.create(round=round, tenancy=chooser.tenancy, resident=chooser).projects.set([funded])

    results_publish(round=round, by=officer)

    funded.refresh_from_db()
    assert funded.funded and funded.delivery == Proposal.Delivery.PLANNED
    decision = Decision.objects.get(sources__project=funded)
    assert decision.published_at and decision.status == "agreed" and decision.how_many == 1
    assert contributor_ids(decision) == {proposer.pk, chooser.pk}
    with pytest.raises(Refused, match="already published"):
        results_publish(round=round, by=officer)
