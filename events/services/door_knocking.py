"""Door knocking: which estates to visit (fewest email addresses first), visit sheets that put older
and vulnerable residents first in winter, each visit's outcome, the issues raised at the door, and the
homes where nobody answered, which the next round starts from.

A round is an Event of kind door knocking; its start date says which month it is for.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import Count, Prefetch, Q

from engagement.dates import date_text
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
from engagement.services.involvement import involvement_changed
from engagement.services.residents import tenancy_link_by_officer
from events.models import Event, IssueCategory, RoundEstate, Visit
from events.services.issues import issue_raise

# October to March: older and vulnerable residents are visited first.
WINTER_MONTHS = {10, 11, 12, 1, 2, 3}
OLDER_AGE = 75


@dataclass(frozen=True)
class EstateEmailCover:
    estate: Estate
    homes: int
    homes_with_email: int

    @property
    def email_share(self) -> float:
        return self.homes_with_email / self.homes if self.homes else 0.0

    @property
    def email_percent(self) -> int:
        return round(self.email_share * 100)


def estate_email_ranking() -> list[EstateEmailCover]:
    """Estates by the share of homes where we hold an email address for someone, lowest first.

    Counted by home (tenancy) rather than by resident record, so an estate where we know
    few residents at all ranks as poorly covered, as it is.
    """
    has_email = Q(blocks__homes__tenancies__residents__email__gt="") & Q(
        blocks__homes__tenancies__residents__email_undeliverable=False
    )
    estates = Estate.objects.select_related("ward").annotate(
        homes=Count("blocks__homes__tenancies", distinct=True),
        homes_with_email=Count("blocks__homes__tenancies", filter=has_email, distinct=True),
    )
    ranking = [EstateEmailCover(estate, estate.homes, estate.homes_with_email) for estate in estates if estate.homes]
    return sorted(ranking, key=lambda cover: (cover.email_share, -cover.homes, cover.estate.name))


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
    visits: list[Visit] = field(default_factory=list)  # this round's, oldest first
    revisit: str = ""  # why it is on the revisit list from the round before, if it is


def previous_round(round_event: Event) -> Event | None:
    """The door-knocking round before this one (not a cancelled one)."""
    return (
        Event.objects.filter(kind=Event.Kind.DOOR_KNOCKING, starts_at__lt=round_event.starts_at)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )


def revisit_list(*, round_event: Event, estate: Estate | None = None) -> dict[int, datetime]:
    """Homes knocked at on this round where nobody ever answered: {home id: when it was last tried}.

    The next round starts from these (see `visit_sheet` and the round plan).
    """
    visits = Visit.objects.filter(round=round_event, home__isnull=False)
    if estate is not None:
        visits = visits.filter(estate=estate)
    tries = (
        visits.order_by()
        .values("home_id")
        .annotate(answered=Count("pk", filter=~Q(outcome=Visit.Outcome.NO_ANSWER)))
        .filter(answered=0)
        .values_list("home_id", flat=True)
    )
    last_try = {}
    for home_id, recorded_at in visits.filter(home_id__in=tries).values_list("home_id", "recorded_at"):
        last_try[home_id] = max(recorded_at, last_try.get(home_id, recorded_at))
    return last_try


def revisit_estates(round_event: Event) -> list[Estate]:
    """The estates of the previous round's revisit list: where this round starts when nothing is planned yet."""
    before = previous_round(round_event)
    if before is None:
        return []
    homes = revisit_list(round_event=before)
    return list(Estate.objects.filter(blocks__homes__in=homes).distinct().order_by("name"))


def is_priority(resident: Resident, on: date) -> list[str]:
    reasons = []
    age = resident.age_on(on)
    if age is not None and age >= OLDER_AGE:
        reasons.append(f"aged {age}")
    if resident.is_vulnerable:
        reasons.append("flagged vulnerable")
    return reasons


def visit_sheet(*, round_event: Event, estate: Estate) -> list[SheetRow]:
    """Every home on the estate with the residents we know there and this round's visits to it.

    In October to March, homes with a resident aged 75 or over, or flagged vulnerable, come first;
    then homes where nobody answered on the round before (its revisit list); then the rest.
    """
    on = round_event.starts_at.date()
    winter = on.month in WINTER_MONTHS
    tenancies = (
        Tenancy.objects.filter(home__block__estate=estate)
        .select_related("home__block")
        .prefetch_related(Prefetch("residents", queryset=Resident.objects.order_by("last_name", "first_name")))
    )
    visits = defaultdict(list)
    for visit in (
        Visit.objects.filter(round=round_event, estate=estate, home__isnull=False)
        .select_related("issue")
        .order_by("recorded_at", "pk")
    ):
        visits[visit.home_id].append(visit)
    before = previous_round(round_event)
    no_answer = revisit_list(round_event=before, estate=estate) if before else {}
    rows = []
    for tenancy in tenancies:
        residents = list(tenancy.residents.all())
        reasons = [f"{r.full_name}: {', '.join(why)}" for r in residents if (why := is_priority(r, on))]
        tried = no_answer.get(tenancy.home_id)
        rows.append(
            SheetRow(
                home=tenancy.home,
                residents=residents,
                priority=bool(reasons),
                reasons=reasons,
                visits=visits.get(tenancy.home_id, []),
                revisit=f"No answer on {date_text(tried, weekday=True)}" if tried else "",
            )
        )
    rows.sort(
        key=lambda row: (
            not (winter and row.priority),
            not row.revisit,
            row.home.block.name,
            _flat_order(row.home),
        )
    )
    return rows


def _flat_order(home: Home) -> tuple:
    digits = "".join(ch if ch.isdigit() else " " for ch in home.address_line_1).split()
    return (int(digits[0]) if digits else 0, home.address_line_1)


@dataclass(frozen=True)
class DoorstepIssue:
    """An issue raised at the door: it becomes a tracked issue, with an owner and a target date."""

    category: IssueCategory
    description: str
    location: str = ""  # the home's address when not given


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
    date_of_birth: date | None = None,
    issue: DoorstepIssue | None = None,
    by=None,
) -> Visit:
    """Record a doorstep visit. Someone who signs up has their interests added to the interest register,
    and any consent they gave recorded as given in person; someone new gets a resident record without an account.

    A date of birth given at the door goes on the resident's record (winter visits put older residents
    first). An issue raised at the door is logged as an issue like a walkabout's: owned by its category's
    designated contact (or, if it has none, the officer who recorded it), with the category's target date.
    """
    if outcome == Visit.Outcome.ISSUE_RAISED and issue is None:
        raise ValueError("An issue raised at the door needs what it is about and what it is")
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
    if date_of_birth and resident is not None and resident.date_of_birth != date_of_birth:
        _date_of_birth_record(resident, date_of_birth, round_event=round_event, by=by)
    tracked = None
    if outcome == Visit.Outcome.ISSUE_RAISED:
        where = issue.location or (f"{home.address_line_1}, {home.postcode}" if home else str(estate))
        tracked = issue_raise(
            category=issue.category,
            location=where,
            description=issue.description,
            estate=estate,
            event=round_event,
            raised_by=resident,
            owner=None if issue.category.designated_contact_id else by,
        )
    visit = Visit.objects.create(
        round=round_event,
        estate=estate,
        home=home,
        resident=resident,
        outcome=outcome,
        notes=notes,
        issue=tracked,
        recorded_by=by,
    )
    involvement_changed([visit.resident_id])
    return visit


def _date_of_birth_record(resident: Resident, born: date, *, round_event: Event, by) -> None:
    """Put it on the resident's record, and in the record's history with the old and new values."""
    before = resident.date_of_birth
    resident.date_of_birth = born
    resident.save(update_fields=["date_of_birth", "updated_at"])
    if by is not None:
        was = before.isoformat() if before else "not known"
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[resident],
            action_flag=CHANGE,
            change_message=f"Date of birth given at the door ({round_event}): {was} → {born.isoformat()}",
            single_object=True,
        )
