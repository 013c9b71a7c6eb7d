"""Door knocking: which estates to visit (fewest email addresses first), visit sheets that put older
and vulnerable residents first in winter, and each visit's outcome.

A round is an Event of kind door knocking; its start date says which month it is for.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Prefetch, Q

from engagement.models import (
    ConsentSource,
    Estate,
    Home,
    Interest,
    Purpose,
    Resident,
    Tenancy,
)
from engagement.services.consent import consent_record
from engagement.services.residents import tenancy_link_by_officer
from events.models import Event, RoundEstate, Visit

# October to March: older and vulnerable residents are visited first.
WINTER_MONTHS = {10, 11, 12, 1, 2, 3}
OLDER_AGE = 75


@dataclass(frozen=True)
class EstateReach:
    estate: Estate
    homes: int
    homes_with_email: int

    @property
    def email_share(self) -> float:
        return self.homes_with_email / self.homes if self.homes else 0.0

    @property
    def email_percent(self) -> int:
        return round(self.email_share * 100)


def estate_email_ranking() -> list[EstateReach]:
    """Estates by the share of homes where we hold an email address for someone, lowest first.

    Counted by home (tenancy) rather than by resident record, so an estate where we know
    few residents at all ranks as poorly reached, as it is.
    """
    has_email = Q(blocks__homes__tenancies__residents__email__gt="") & Q(
        blocks__homes__tenancies__residents__email_undeliverable=False
    )
    estates = Estate.objects.select_related("ward").annotate(
        homes=Count("blocks__homes__tenancies", distinct=True),
        homes_with_email=Count("blocks__homes__tenancies", filter=has_email, distinct=True),
    )
    ranking = [EstateReach(estate, estate.homes, estate.homes_with_email) for estate in estates if estate.homes]
    return sorted(ranking, key=lambda reach: (reach.email_share, -reach.homes, reach.estate.name))


@transaction.atomic
def round_plan(*, round_event: Event, estates: list[Estate]) -> list[RoundEstate]:
    """Set the estates the round visits, in the order given."""
    RoundEstate.objects.filter(round=round_event).exclude(estate__in=estates).delete()
    planned = []
    for position, estate in enumerate(estates):
        planned_estate, _ = RoundEstate.objects.update_or_create(
            round=round_event, estate=estate, defaults={"position": position}
        )
        planned.append(planned_estate)
    return planned


@dataclass
class SheetRow:
    home: Home
    residents: list[Resident]
    priority: bool
    reasons: list[str]


def is_priority(resident: Resident, on: date) -> list[str]:
    reasons = []
    age = resident.age_on(on)
    if age is not None and age >= OLDER_AGE:
        reasons.append(f"aged {age}")
    if resident.is_vulnerable:
        reasons.append("flagged vulnerable")
    return reasons


def visit_sheet(*, round_event: Event, estate: Estate) -> list[SheetRow]:
    """Every home on the estate with the residents we know there. In October to March, homes with a
    resident aged 75 or over, or flagged vulnerable, come first."""
    on = round_event.starts_at.date()
    winter = on.month in WINTER_MONTHS
    tenancies = (
        Tenancy.objects.filter(home__block__estate=estate)
        .select_related("home__block")
        .prefetch_related(Prefetch("residents", queryset=Resident.objects.order_by("last_name", "first_name")))
    )
    rows = []
    for tenancy in tenancies:
        residents = list(tenancy.residents.all())
        reasons = [f"{r.full_name}: {', '.join(why)}" for r in residents if (why := is_priority(r, on))]
        rows.append(SheetRow(home=tenancy.home, residents=residents, priority=bool(reasons), reasons=reasons))
    rows.sort(key=lambda row: (not (winter and row.priority), row.home.block.name, _flat_order(row.home)))
    return rows


def _flat_order(home: Home) -> tuple:
    digits = "".join(ch if ch.isdigit() else " " for ch in home.address_line_1).split()
    return (int(digits[0]) if digits else 0, home.address_line_1)


@transaction.atomic
def visit_record(
    *,
    round_event: Event,
    estate: Estate,
    outcome: str,
    home: Home | None = None,
    resident: Resident | None = None,
    notes: str = "",
    new_person: dict | None = None,
    interests: list[Interest] = (),
    consent_channels: list[str] = (),
    by=None,
) -> Visit:
    """Record a doorstep visit. Someone who signs up has their interests added to the interest register,
    and any consent they gave recorded as given in person; someone new gets a resident record without an account."""
    if outcome == Visit.Outcome.SIGNED_UP:
        if resident is None and new_person:
            resident = Resident.objects.create(**new_person)
            tenancy = home.tenancies.order_by("-start_date").first() if home else None
            if tenancy is not None:
                tenancy_link_by_officer(resident, tenancy, officer=by)
        if resident is not None:
            resident.interests.add(*interests)
            for channel in consent_channels:
                consent_record(
                    resident,
                    channel=channel,
                    purpose=Purpose.ENGAGEMENT,
                    given=True,
                    source=ConsentSource.IN_PERSON,
                    recorded_by=by,
                )
    return Visit.objects.create(
        round=round_event, estate=estate, home=home, resident=resident, outcome=outcome, notes=notes, recorded_by=by
    )
