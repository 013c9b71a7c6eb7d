"""A small demo ballot: Whitefoot Lane's regeneration, voting open, some votes in, its steering group.

Dated from today; safe to load twice (the ballot is found by its web address before anything is made).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from engagement.ballots.models import Ballot, HousingRegisterDate, Scheme, Voter
from engagement.ballots.services import ballot_turnout, register_compile, vote_cast, voting_letters_send
from engagement.messaging.models import Message
from engagement.models import Estate, Resident, Tenancy, TenureType, User
from panels.demo import demo_pdf
from panels.models import Panel

ESTATE = "Whitefoot Lane"
SLUG = "whitefoot-lane-2026"


def _steering_group() -> Panel:
    panel, _ = Panel.objects.get_or_create(
        slug="whitefoot-lane-steering-group",
        defaults={
            "name": "Whitefoot Lane steering group",
            "kind": Panel.Kind.REGENERATION_STEERING_GROUP,
            "service_area": "Estate regeneration",
            "purpose": "Residents of Whitefoot Lane shaping the plans for their estate with the council and its architects.",
            "status": Panel.Status.ACTIVE,
            "how_often": "Once a month",
            "how_long": "About 2 hours each meeting",
        },
    )
    return panel


def _on_the_housing_register(estate: Estate) -> None:
    """Households in temporary accommodation on the estate, on the housing register for three years."""
    joined = timezone.localdate() - timedelta(days=3 * 365)
    for resident in Resident.objects.filter(
        tenancy__home__block__estate=estate, tenancy__tenure_type=TenureType.TEMPORARY_ACCOMMODATION
    ):
        HousingRegisterDate.objects.get_or_create(resident=resident, defaults={"joined_on": joined})


def _households_known_without_accounts(estate: Estate) -> None:
    """The named tenant of each home on the estate not already known, as residents without an account
    (the ballot's register is built from residents; officers met these door knocking)."""
    known = Resident.objects.filter(tenancy=OuterRef("pk"))
    for tenancy in Tenancy.objects.filter(home__block__estate=estate).exclude(Exists(known)).order_by("pk"):
        first, _, last = (tenancy.household_members or ["Resident Unnamed"])[0].partition(" ")
        Resident.objects.create(first_name=first, last_name=last, tenancy=tenancy, tenancy_verified_at=timezone.now())


@transaction.atomic
def load() -> list[str]:
    estate = Estate.objects.filter(name=ESTATE).first()
    if estate is None:
        return []
    if Ballot.objects.filter(slug=SLUG).exists():
        return [f"Resident ballot: /ballots/{SLUG}/ (already loaded)."]
    scheme, _ = Scheme.objects.get_or_create(
        slug="whitefoot-lane",
        defaults={
            "name": "Whitefoot Lane regeneration",
            "summary": "Whitefoot House would be replaced by 160 new homes, half of them council homes, "
            "with a community centre and a play area.",
            "steering_group": _steering_group(),
        },
    )
    scheme.estates.add(estate)
    _households_known_without_accounts(estate)
    _on_the_housing_register(estate)
    # To the minute, as admin's boxes show it.
    now = timezone.now().replace(second=0, microsecond=0)
    ballot = Ballot.objects.create(
        scheme=scheme,
        slug=SLUG,
        question="Are you in favour of the proposal for the regeneration of Whitefoot Lane?",
        offer_summary="Every council tenant is offered a new home on the estate at a council rent, "
        "with the same tenancy rights. Resident leaseholders are offered the market value of their "
        "home plus 10%, or a shared equity home on the new estate. Residents keep being involved "
        "through the steering group.",
        offer_published_on=timezone.localdate() - timedelta(days=40),
        landlord_offer=ContentFile(demo_pdf("Whitefoot Lane: landlord offer"), name="landlord-offer.pdf"),
        residents_charter=ContentFile(demo_pdf("Whitefoot Lane: residents' charter"), name="residents-charter.pdf"),
        independent_body="Civica Election Services",
        independent_body_phone="0800 049 4200",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=11),
    )
    officer = User.objects.filter(email="officer@example.gov.uk").first()
    register_compile(ballot=ballot, officer=officer)
    voting_letters_send(ballot=ballot, officer=officer)
    # About half have voted, mostly online: the codes are read from their letters, as a voter would.
    letters = Message.objects.filter(batch=ballot.letters).order_by("pk")
    methods = [Voter.Method.ONLINE, Voter.Method.ONLINE, Voter.Method.POST, Voter.Method.PHONE]
    for number, letter in enumerate(letters[: letters.count() // 2]):
        method = methods[number % len(methods)]
        vote_cast(
            ballot=ballot,
            code=letter.personalisation["voting_code"],
            choice=Ballot.Choice.NO if number % 4 == 3 else Ballot.Choice.YES,
            method=method,
            entered_by=None if method == Voter.Method.ONLINE else officer,
        )
    turnout = ballot_turnout(ballot)
    return [
        f"Resident ballot: /ballots/{SLUG}/ ({turnout.voted} of {turnout.eligible} voted so far; "
        "turnout and the register in admin › Estate regeneration ballots)."
    ]
