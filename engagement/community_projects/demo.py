"""Community projects in the demo: this year's round open for choosing, and last year's with its result
published and its funded projects delivered (each with its “you said, we did” decision).

Dated from today; safe to load twice (each round is found by its year before anything is made).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from engagement.community_projects.models import Kind, ProjectUpdate, Proposal, Round, Vote
from engagement.community_projects.services import delivery_changed, results_publish
from engagement.models import Estate, Resident, User
from engagement.partnerships.models import Partner

INTRODUCTION = (
    "Each year we ask residents which community projects to fund, mostly environmental improvements and "
    "training. They are paid for by our partners' social value contributions and by fundraising."
)

# (title, kind, estate, what, who benefits, cost, feasible, why not) — this year's ideas.
THIS_YEAR = [
    (
        "Community gardens",
        Kind.ENVIRONMENT,
        "Crossfields",
        "Raised beds and planting, run with a local gardening group.",
        "Residents who want to grow food and meet neighbours.",
        8_000,
        True,
        "",
    ),
    (
        "Free tutoring",
        Kind.TRAINING,
        "",
        "After-school maths and English tutoring for residents' children.",
        "Children in council homes, aged 8 to 16.",
        12_000,
        True,
        "",
    ),
    (
        "Street Games on estates",
        Kind.COMMUNITY,
        "Pepys",
        "Weekly sport and play sessions in the summer holidays.",
        "Children and young people on the estate.",
        6_000,
        True,
        "",
    ),
    (
        "Job skills and training",
        Kind.TRAINING,
        "",
        "Courses in construction skills, first aid and digital skills.",
        "Residents looking for work or wanting to learn.",
        9_500,
        True,
        "",
    ),
    (
        "Green spaces clean-up",
        Kind.ENVIRONMENT,
        "Honor Oak",
        "Planting, litter picks and new bins in shared green spaces.",
        "Everyone who uses the green spaces.",
        4_500,
        True,
        "",
    ),
    (
        "Estate swimming pool",
        Kind.COMMUNITY,
        "Pepys",
        "An outdoor pool on the estate.",
        "Families on the estate.",
        900_000,
        False,
        "It costs far more than the year's budget and needs planning permission.",
    ),
]

LAST_YEAR = [
    (
        "Wildflower verges",
        Kind.ENVIRONMENT,
        "Honor Oak",
        "Sow wildflowers on the verges along the estate roads.",
        "Residents, bees and birds.",
        3_000,
        True,
        "",
    ),
    (
        "Digital skills drop-in",
        Kind.TRAINING,
        "",
        "A weekly drop-in to learn to use a phone, email and online forms.",
        "Older residents and anyone new to the internet.",
        7_000,
        True,
        "",
    ),
    (
        "Bike repair workshops",
        Kind.TRAINING,
        "Crossfields",
        "Learn to repair bikes, with tools left in the community room.",
        "Young people and cyclists.",
        5_000,
        True,
        "",
    ),
    (
        "New play area",
        Kind.COMMUNITY,
        "Pepys",
        "Replace the old play equipment.",
        "Families with young children.",
        14_000,
        True,
        "",
    ),
]


def _ideas(round: Round, ideas, officer, residents) -> list[Proposal]:
    estates = {estate.name: estate for estate in Estate.objects.all()}
    made = []
    for number, (title, kind, estate, what, who, cost, feasible, why_not) in enumerate(ideas):
        made.append(
            Proposal.objects.create(
                round=round,
                proposed_by=residents[number % len(residents)] if residents else None,
                title=title,
                kind=kind,
                what=what,
                estate=estates.get(estate),
                who_benefits=who,
                moderation=Proposal.Moderation.APPROVED,
                moderated_by=officer,
                moderated_at=timezone.now(),
                cost=cost,
                feasible=feasible,
                feasibility_reason=why_not,
                costed_by=officer,
            )
        )
    return made


def _choices(round: Round, projects: list[Proposal], voters: list[Resident], rng: random.Random) -> None:
    """Households choosing, each within the budget, favouring the first projects in the list."""
    shortlist = [project for project in projects if project.feasible]
    for resident in voters:
        picked, total = [], 0
        for project in sorted(shortlist, key=lambda p: rng.random() * (1 + shortlist.index(p))):
            if total + project.cost <= round.budget and rng.random() < 0.6:
                picked.append(project)
                total += project.cost
        if not picked:
            picked = [shortlist[0]]
        vote = Vote.objects.create(
            round=round, tenancy=resident.tenancy, resident=resident, cast_at=timezone.now() - timedelta(days=2)
        )
        vote.projects.set(picked)


def _voters(count: int, skip: int) -> list[Resident]:
    """Residents with an account and a confirmed tenancy, one per home; the first few (the demo's own
    sign-ins) are left to choose for themselves."""
    seen, voters = set(), []
    residents = Resident.objects.filter(user__isnull=False, tenancy_verified_at__isnull=False).order_by("pk")
    for resident in residents[skip:]:
        if resident.tenancy_id in seen:
            continue
        seen.add(resident.tenancy_id)
        voters.append(resident)
        if len(voters) == count:
            break
    return voters


@transaction.atomic
def load() -> list[str]:
    today = timezone.localdate()
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    rng = random.Random(18)
    lines = []
    proposers = list(Resident.objects.filter(user__isnull=False).order_by("pk")[5:15])

    last, created = Round.objects.get_or_create(
        year=today.year - 1,
        defaults={
            "introduction": INTRODUCTION,
            "budget": 25_000,
            "proposals_open_on": today - timedelta(days=420),
            "proposals_close_on": today - timedelta(days=390),
            "choosing_opens_on": today - timedelta(days=360),
            "choosing_closes_on": today - timedelta(days=339),
        },
    )
    if created:
        projects = _ideas(last, LAST_YEAR, officer, proposers)
        _choices(last, projects, _voters(40, skip=20), rng)
        result = results_publish(round=last, by=officer)
        # The partnerships demo (loaded before this one) has the partners whose social value pays.
        partner = Partner.objects.order_by("pk").first()
        for number, row in enumerate(result.funded):
            project = Proposal.objects.get(pk=row.project.pk)
            delivered_on = today - timedelta(days=200 - 40 * number)
            ProjectUpdate.objects.create(
                project=project, on=delivered_on - timedelta(days=60), note="Work agreed with residents and started."
            )
            ProjectUpdate.objects.create(project=project, on=delivered_on, note="Finished, and open to residents.")
            if partner is not None and number % 2 == 0:
                project.funding, project.partner = Proposal.Funding.SOCIAL_VALUE, partner
            else:
                project.funding = Proposal.Funding.FUNDRAISING
            project.delivery, project.delivered_on = Proposal.Delivery.DELIVERED, delivered_on
            project.save()
            delivery_changed(project=project, by=officer)
    lines.append(f"Community projects {last.year}: /community-projects/{last.year}/ (result published, delivered).")

    this, created = Round.objects.get_or_create(
        year=today.year,
        defaults={
            "introduction": INTRODUCTION,
            "budget": 30_000,
            "proposals_open_on": today - timedelta(days=60),
            "proposals_close_on": today - timedelta(days=30),
            "choosing_opens_on": today - timedelta(days=5),
            "choosing_closes_on": today + timedelta(days=16),
        },
    )
    if created:
        projects = _ideas(this, THIS_YEAR, officer, proposers)
        _choices(this, projects, _voters(25, skip=20), rng)
        # One idea still waiting to be checked, and one not published, as officers would find them.
        Proposal.objects.create(
            round=this,
            proposed_by=proposers[0] if proposers else None,
            title="Bird boxes on every block",
            kind=Kind.ENVIRONMENT,
            what="Put up bird boxes, made at a woodwork class.",
            who_benefits="Everyone who likes birds.",
        )
        Proposal.objects.create(
            round=this,
            proposed_by=proposers[1] if len(proposers) > 1 else None,
            title="Fix my neighbour's fence",
            kind=Kind.COMMUNITY,
            what="My neighbour's fence is broken.",
            who_benefits="Me.",
            moderation=Proposal.Moderation.REJECTED,
            rejected_reason="This is a repair, not a community project: please report it to repairs.",
            moderated_by=officer,
            moderated_at=timezone.now(),
        )
    lines.append(f"Community projects {this.year}: /community-projects/{this.year}/ (choosing open).")
    return lines
