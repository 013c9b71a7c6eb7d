from datetime import timedelta

import factory
from django.utils import timezone

from engagement.community_projects.models import Kind, Proposal, Round


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


class RoundFactory(factory.django.DjangoModelFactory):
    """A round open for choosing: ideas were taken last month, choosing opened two days ago."""

    class Meta:
        model = Round

    year = factory.Sequence(lambda n: 2100 + n)
    introduction = "Projects paid for by social value and fundraising."
    budget = 10_000
    proposals_open_on = factory.LazyFunction(lambda: days(-60))
    proposals_close_on = factory.LazyFunction(lambda: days(-30))
    choosing_opens_on = factory.LazyFunction(lambda: days(-2))
    choosing_closes_on = factory.LazyFunction(lambda: days(14))


def proposing_round(**fields) -> Round:
    return RoundFactory(
        proposals_open_on=days(-5),
        proposals_close_on=days(10),
        choosing_opens_on=days(20),
        choosing_closes_on=days(40),
        **fields,
    )


def closed_round(**fields) -> Round:
    return RoundFactory(
        proposals_open_on=days(-90),
        proposals_close_on=days(-60),
        choosing_opens_on=days(-30),
        choosing_closes_on=days(-1),
        **fields,
    )


class ProposalFactory(factory.django.DjangoModelFactory):
    """An idea on the shortlist: published, costed and feasible."""

    class Meta:
        model = Proposal

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    kind = Kind.ENVIRONMENT
    what = "Planting and new benches."
    who_benefits = "Everyone on the estate."
    moderation = Proposal.Moderation.APPROVED
    cost = 4_000
    feasible = True
