"""Demo partnerships: contractors, a training provider, a support agency and community groups; a repairs
contract whose social value commitments are met, on track, due soon and overdue; the community projects
partners fund (free tutoring, Street Games on estates); and the resident groups we work with.

Dated from today; safe to load twice (nothing is made once the first partner exists).
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from engagement.models import Estate, User
from engagement.partnerships.models import (
    Commitment,
    Contract,
    FundedProject,
    Partner,
    PartnerContact,
    PartnerFunding,
    ResidentGroup,
)
from engagement.partnerships.services import delivery_record
from tenants_associations.models import TenantsAssociation

FIRST_PARTNER = "brockley-build"

# slug, name, kind, about, started (days ago), ended (days ago), HACT roadmap, contact (name, role)
PARTNERS = [
    (
        FIRST_PARTNER,
        "Brockley Build",
        Partner.Kind.CONTRACTOR,
        "Our repairs and major works contractor in the north of the borough. Its social value includes "
        "apprenticeships for residents and funding for Street Games.",
        700,
        None,
        False,
        ("Priya Shah", "Social value manager"),
    ),
    (
        "catford-skills-academy",
        "Catford Skills Academy",
        Partner.Kind.TRAINING_PROVIDER,
        "Free courses for residents in digital skills, English and getting back into work.",
        400,
        None,
        False,
        ("Tom Reid", "Community learning coordinator"),
    ),
    (
        "ravensbourne-housing",
        "Ravensbourne Housing Association",
        Partner.Kind.HOUSING_ASSOCIATION,
        "A housing association with homes next to council estates in Bellingham and Downham.",
        1500,
        None,
        True,
        ("Grace Mensah", "Community investment lead"),
    ),
    (
        "lewisham-advice-partnership",
        "Lewisham Advice Partnership",
        Partner.Kind.SUPPORT_AGENCY,
        "Free, confidential advice on money, debt and benefits, with sessions at community rooms on estates.",
        900,
        None,
        False,
        ("Daniel Okoro", "Outreach manager"),
    ),
    (
        "deptford-community-kitchen",
        "Deptford Community Kitchen",
        Partner.Kind.COMMUNITY_GROUP,
        "Cooking clubs and shared meals for residents of all ages.",
        300,
        None,
        False,
        ("Maria Santos", "Volunteer coordinator"),
    ),
    (
        "southside-windows",
        "Southside Windows",
        Partner.Kind.CONTRACTOR,
        "Replaced windows on Sydenham Hill; the contract has ended.",
        1200,
        200,
        False,
        ("Alan Price", "Contracts manager"),
    ),
]


def _partners(today) -> dict[str, Partner]:
    made = {}
    for slug, name, kind, about, started, ended, hact, (contact, role) in PARTNERS:
        partner = Partner.objects.create(
            slug=slug,
            name=name,
            kind=kind,
            about=about,
            started_on=today - timedelta(days=started),
            ended_on=today - timedelta(days=ended) if ended else None,
            follows_hact_roadmap=hact,
        )
        first = contact.split()[0].lower()
        PartnerContact.objects.create(
            partner=partner, name=contact, role=role, email=f"{first}@{slug}.example.org", phone="020 7946 0000"
        )
        made[slug] = partner
    return made


def _repairs_contract(partner: Partner, today, officer) -> dict[str, Commitment]:
    contract = Contract.objects.create(
        partner=partner,
        title="Repairs and major works, north Lewisham",
        reference="LBL-HSG-2025-014",
        starts_on=today - timedelta(days=600),
        ends_on=today + timedelta(days=1200),
        contract_value=Decimal("12500000"),
    )
    contract.estates.set(Estate.objects.filter(name__in=["Evelyn Gardens", "Crossfields", "Honor Oak Rise"]))
    # theme, what, how much, unit, value (£), due (days from today), delivered: (days ago, how much, value, evidence)
    specs = {
        "apprenticeships": (
            Commitment.Theme.APPRENTICESHIPS,
            "Apprenticeships for Lewisham residents",
            4,
            "apprenticeships",
            Decimal("90000"),
            150,
            [(120, 2, Decimal("45000"), "Two apprentices' contracts, both from Crossfields, seen by the officer.")],
        ),
        "jobs": (
            Commitment.Theme.JOBS,
            "Jobs for local people on the contract",
            10,
            "jobs",
            Decimal("120000"),
            40,
            [(60, 4, Decimal("48000"), "Payroll list with home postcodes, names removed.")],
        ),
        "volunteering": (
            Commitment.Theme.VOLUNTEERING,
            "Staff volunteering on estates",
            200,
            "hours",
            Decimal("3400"),
            -20,
            [(90, 120, Decimal("2040"), "Timesheets from litter picks and a community garden build.")],
        ),
        "street_games": (
            Commitment.Theme.COMMUNITY,
            "Funding for Street Games on estates",
            5000,
            "pounds",
            Decimal("5000"),
            30,
            [(45, 5000, Decimal("5000"), "Grant agreement and payment to the Street Games organisers.")],
        ),
    }
    made = {}
    for key, (theme, what, quantity, unit, value, due, deliveries) in specs.items():
        commitment = Commitment.objects.create(
            contract=contract,
            theme=theme,
            what=what,
            quantity=Decimal(quantity),
            unit=unit,
            value=value,
            due_on=today + timedelta(days=due),
        )
        for days_ago, how_much, worth, evidence in deliveries:
            delivery_record(
                commitment=commitment,
                delivered_on=today - timedelta(days=days_ago),
                quantity=Decimal(how_much),
                value=worth,
                evidence=evidence,
                officer=officer,
            )
        made[key] = commitment
    return made


def _training_contract(partner: Partner, today) -> Commitment:
    contract = Contract.objects.create(
        partner=partner, title="Adult learning for council residents", starts_on=today - timedelta(days=400)
    )
    return Commitment.objects.create(
        contract=contract,
        theme=Commitment.Theme.TRAINING,
        what="Free tutoring sessions for residents' children",
        quantity=Decimal("300"),
        unit="sessions",
        value=Decimal("9000"),
        due_on=today + timedelta(days=200),
    )


def _projects(partners, commitments, tutoring: Commitment, today) -> None:
    street_games = FundedProject.objects.create(
        name="Street Games on estates",
        about="Free sport and games for children and young people on estates after school and in the holidays.",
        starts_on=today - timedelta(days=45),
    )
    street_games.estates.set(Estate.objects.filter(name__in=["Crossfields", "Honor Oak Rise", "Bellingham Green"]))
    PartnerFunding.objects.create(
        partner=partners[FIRST_PARTNER],
        project=street_games,
        amount=Decimal("5000"),
        commitment=commitments["street_games"],
        agreed_on=today - timedelta(days=60),
    )
    PartnerFunding.objects.create(
        partner=partners["ravensbourne-housing"], project=street_games, amount=Decimal("2500")
    )
    tutoring_project = FundedProject.objects.create(
        name="Free tutoring for residents",
        about="Maths and English tutoring for residents' children, and for adults who want it, in community rooms.",
        starts_on=today - timedelta(days=300),
    )
    PartnerFunding.objects.create(
        partner=partners["catford-skills-academy"],
        project=tutoring_project,
        amount=Decimal("9000"),
        commitment=tutoring,
    )
    meals = FundedProject.objects.create(
        name="Shared meals in community rooms",
        about="A monthly free meal cooked with residents.",
        starts_on=today - timedelta(days=100),
    )
    meals.estates.set(Estate.objects.filter(name="Rushey Mead"))
    PartnerFunding.objects.create(partner=partners["deptford-community-kitchen"], project=meals, amount=Decimal("1200"))


def _resident_groups() -> None:
    for name, estate_name in (
        ("Bellingham Green growers", "Bellingham Green"),
        ("Oak Court garden club", "Honor Oak Rise"),
    ):
        group = ResidentGroup.objects.create(name=name, kind=ResidentGroup.Kind.GARDENING)
        group.estates.set(Estate.objects.filter(name=estate_name))
    for tra in TenantsAssociation.objects.active().prefetch_related("estates").order_by("name")[:3]:
        group = ResidentGroup.objects.create(name=tra.name, kind=ResidentGroup.Kind.TRA, tenants_association=tra)
        group.estates.set(tra.estates.all())


@transaction.atomic
def load() -> list[str]:
    if Partner.objects.filter(slug=FIRST_PARTNER).exists():
        return ["Partnerships: /partnerships/ (already loaded)."]
    today = timezone.localdate()
    officer = User.objects.filter(email="community@example.gov.uk").first()
    partners = _partners(today)
    commitments = _repairs_contract(partners[FIRST_PARTNER], today, officer)
    tutoring = _training_contract(partners["catford-skills-academy"], today)
    _projects(partners, commitments, tutoring, today)
    _resident_groups()
    due = Commitment.objects.outstanding(today).count()
    return [
        f"Partnerships: /partnerships/ ({Partner.objects.current(today).count()} current partners; "
        f"{due} social value commitments due soon or overdue in admin › Partnerships and social value)."
    ]
