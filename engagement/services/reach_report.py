"""Reach and diversity of involvement, for community relations: who takes part, estate by estate.

A resident is "signed up" when their tenancy is verified (so we know their estate), and
"involved" when they took part in any of the ways the apps register (see involvement.py)
since the start of the period. Figures come from ResidentInvolvement, which the services that
record taking part keep up to date (one row per resident), so each is one pass over the residents: a fixed handful of queries, however many estates, residents and bookings.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from engagement.models import EqualityMonitoring, Estate, Home, Resident
from engagement.services.involvement import Involvement, involvements
from engagement.small_numbers import figures_to_withhold

# An estate is under-reached when its involvement per home is below this share of the council's.
UNDER_REACHED_SHARE = 0.5

SIGNED_UP = Q(tenancy__isnull=False, tenancy_verified_at__isnull=False)


def per_100(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Reach:
    """The figures for one estate, one ward or the whole council."""

    name: str
    homes: int = 0
    signed_up: int = 0
    involved: int = 0
    by_involvement: dict[str, int] = field(default_factory=dict)

    @property
    def signed_up_per_100_homes(self) -> float | None:
        return per_100(self.signed_up, self.homes)

    @property
    def involved_per_100_homes(self) -> float | None:
        return per_100(self.involved, self.homes)

    def add(self, other: "Reach") -> None:
        self.homes += other.homes
        self.signed_up += other.signed_up
        self.involved += other.involved
        for code, count in other.by_involvement.items():
            self.by_involvement[code] = self.by_involvement.get(code, 0) + count


@dataclass
class EstateReach(Reach):
    estate_id: int = 0
    ward_id: int = 0
    ward: str = ""
    under_reached: bool = False


@dataclass
class ReachReport:
    since: datetime
    involvements: list[Involvement]
    estates: list[EstateReach]
    wards: list[Reach]
    council: Reach  # every estate, whatever the ward filter
    worked_out_at: datetime | None = None

    @property
    def under_reached_below(self) -> float | None:
        """Involved per 100 homes under which an estate counts as under-reached."""
        share = self.council.involved_per_100_homes
        return round(share * UNDER_REACHED_SHARE, 1) if share is not None else None


def since_day(since: date | datetime) -> date:
    return timezone.localdate(since) if isinstance(since, datetime) else since


def involved_since(since: date, way: str | None = None) -> Q:
    """On Resident: took part (in this way, or any) on a day from `since`, or is a member still."""
    if way is None:
        return Q(involvement__last_on__gte=since)
    return Q(**{f"involvement__ways__{way}__gte": since.isoformat()})


def involved_in_year(year: int) -> Q:
    """On Resident: took part in the financial year starting in April of `year`."""
    return Q(involvement__years__has_key=str(year))


@dataclass
class EstateFigures:
    """Every estate's figures for a period, before a ward is chosen or an order: what the page keeps."""

    since: datetime
    estates: list[EstateReach]
    council: Reach
    worked_out_at: datetime


def reach_by_estate(since: datetime, ward_id: int | None = None, sort: str = "share") -> ReachReport:
    """Homes, signed-up and involved residents per estate, lowest involvement first (or by `sort`)."""
    return arrange(estate_figures(since), ward_id=ward_id, sort=sort)


def estate_figures(since: datetime) -> EstateFigures:
    """Every estate's figures. A fixed handful of GROUP BY queries, however many estates and residents:
    one per way of taking part, each a single pass over that app's table, and one for any way at all."""
    day = since_day(since)
    ids = [involvement.code for involvement in involvements()]
    estates = list(Estate.objects.select_related("ward").order_by("name"))
    homes = dict(
        Home.objects.order_by().values("block__estate_id").annotate(n=Count("pk")).values_list("block__estate_id", "n")
    )
    # One pass over the signed-up residents, each beside its one-row summary of when they took part.
    counted = {
        "signed_up": Count("pk"),
        "involved": Count("pk", filter=involved_since(day)),
        **{f"by_{code}": Count("pk", filter=involved_since(day, code)) for code in ids},
    }
    residents = {
        row.pop("estate_id"): row
        for row in Resident.objects.filter(SIGNED_UP)
        .order_by()
        .values(estate_id=F("tenancy__home__block__estate_id"))
        .annotate(**counted)
    }

    council = Reach("All estates", by_involvement=dict.fromkeys(ids, 0))
    rows = []
    for estate in estates:
        counts = residents.get(estate.pk, {})
        row = EstateReach(
            name=estate.name,
            estate_id=estate.pk,
            ward_id=estate.ward_id,
            ward=estate.ward.name,
            homes=homes.get(estate.pk, 0),
            signed_up=counts.get("signed_up", 0),
            involved=counts.get("involved", 0),
            by_involvement={code: counts.get(f"by_{code}", 0) for code in ids},
        )
        council.add(row)
        rows.append(row)

    council_share = council.involved_per_100_homes
    for row in rows:
        share = row.involved_per_100_homes
        row.under_reached = (
            share is not None and council_share is not None and share < council_share * UNDER_REACHED_SHARE
        )

    return EstateFigures(since=since, estates=rows, council=council, worked_out_at=timezone.now())


def arrange(figures: EstateFigures, *, ward_id: int | None = None, sort: str = "share") -> ReachReport:
    """The report for one ward (or all), its estates in the order asked for, with their wards' totals."""
    rows = [row for row in figures.estates if ward_id is None or row.ward_id == ward_id]
    rows.sort(key=_SORTS.get(sort, _SORTS["share"]))
    wards: dict[int, Reach] = {}
    for row in rows:
        ward = wards.setdefault(row.ward_id, Reach(row.ward, by_involvement=dict.fromkeys(row.by_involvement, 0)))
        ward.add(row)
    return ReachReport(
        since=figures.since,
        involvements=involvements(),
        estates=rows,
        wards=sorted(wards.values(), key=lambda ward: ward.name),
        council=figures.council,
        worked_out_at=figures.worked_out_at,
    )


def _by_share(row: EstateReach):
    share = row.involved_per_100_homes
    # Estates with no homes on record have no share: last.
    return (share is None, share or 0, row.name)


_SORTS = {
    "share": _by_share,
    "estate": lambda row: row.name.lower(),
    "ward": lambda row: (row.ward.lower(), row.name.lower()),
}

ESTATE_HEADER = (
    "Estate",
    "Ward",
    "Homes",
    "Residents signed up",
    "Signed up per 100 homes",
    "Involved residents",
    "Involved per 100 homes",
)


def estate_rows(report: ReachReport) -> Iterator[tuple]:
    """The per-estate table for download: header first."""
    yield (*ESTATE_HEADER, *(involvement.label for involvement in report.involvements), "Under-reached")
    for row in report.estates:
        yield _row(row.name, row.ward, row, report) + ("Yes" if row.under_reached else "No",)


def ward_rows(report: ReachReport) -> Iterator[tuple]:
    yield ("Ward", *ESTATE_HEADER[2:], *(involvement.label for involvement in report.involvements))
    for ward in report.wards:
        yield (ward.name, *_figures(ward, report))


def _row(name: str, ward: str, reach: Reach, report: ReachReport) -> tuple:
    return (name, ward, *_figures(reach, report))


def _figures(reach: Reach, report: ReachReport) -> tuple:
    return (
        reach.homes,
        reach.signed_up,
        reach.signed_up_per_100_homes,
        reach.involved,
        reach.involved_per_100_homes,
        *(reach.by_involvement.get(i.code, 0) for i in report.involvements),
    )


# Equality monitoring --------------------------------------------------------------------------

# Short names for the questions (the model's labels are the questions as residents read them).
CHARACTERISTICS = {
    "age_band": "Age",
    "disability": "Disability or long-term health condition",
    "sex": "Sex",
    "gender_same_as_at_birth": "Gender identity the same as sex registered at birth",
    "sexual_orientation": "Sexual orientation",
    "ethnicity": "Ethnic group",
    "religion": "Religion or belief",
    "marital_status": "Marriage or civil partnership",
    "pregnant_or_recent_birth": "Pregnant or given birth in the last 26 weeks",
}
NOT_ANSWERED = "Not answered"


@dataclass
class Share:
    """A count and its percentage, or neither when it is withheld (a small group, or one it would give away)."""

    count: int | None
    percent: float | None

    @classmethod
    def column(cls, counts: list[int], whole: int) -> list["Share"]:
        """One column of a characteristic's table: its counts add up to `whole`, which the page shows.

        Zeros are withheld too: "none of the 3 who answered 'yes' took part" says something about them.
        """
        withheld = figures_to_withhold(counts, zero_is_small=True)
        return [
            cls(None, None) if position in withheld else cls(count, per_100(count, whole))
            for position, count in enumerate(counts)
        ]

    @property
    def withheld(self) -> bool:
        return self.count is None


@dataclass
class DiversityRow:
    answer: str
    signed_up: Share
    involved: Share


@dataclass
class Characteristic:
    name: str
    rows: list[DiversityRow]


@dataclass
class Diversity:
    signed_up: int
    involved: int
    characteristics: list[Characteristic]


def diversity(since: datetime) -> Diversity:
    """Equality-monitoring answers of involved residents beside those of everyone signed up, council-wide.

    Two queries, each counting residents by their answers to every question at once. Residents who
    never answered count as "Not answered".
    """
    signed_up = Resident.objects.filter(SIGNED_UP)
    fields = {name: f"equality_monitoring__{name}" for name in CHARACTERISTICS}
    everyone = _by_answers(signed_up, fields)
    took_part_at_all = _by_answers(signed_up.filter(involved_since(since_day(since))), fields)
    signed_up_total = sum(everyone.values())
    involved_total = sum(took_part_at_all.values())
    characteristics = []
    for position, (name, label) in enumerate(CHARACTERISTICS.items()):
        everyone_counts: dict[str, int] = {}
        involved_counts: dict[str, int] = {}
        for answers, count in everyone.items():
            everyone_counts[answers[position]] = everyone_counts.get(answers[position], 0) + count
        for answers, count in took_part_at_all.items():
            involved_counts[answers[position]] = involved_counts.get(answers[position], 0) + count
        choices = [*EqualityMonitoring._meta.get_field(name).choices, ("", NOT_ANSWERED)]
        signed_up_column = Share.column([everyone_counts.get(value, 0) for value, _ in choices], signed_up_total)
        involved_column = Share.column([involved_counts.get(value, 0) for value, _ in choices], involved_total)
        rows = [
            DiversityRow(answer=answer, signed_up=signed_up_column[position], involved=involved_column[position])
            for position, (_, answer) in enumerate(choices)
        ]
        characteristics.append(Characteristic(label, rows))
    return Diversity(signed_up=signed_up_total, involved=involved_total, characteristics=characteristics)


def _by_answers(residents: QuerySet, fields: dict[str, str]) -> dict[tuple, int]:
    """Residents counted by their answers to every question; no answers at all (NULL) and a question left
    blank ("") are both "not answered"."""
    counts: dict[tuple, int] = {}
    for row in residents.order_by().values(*fields.values()).annotate(n=Count("pk")):
        answers = tuple(row[field] or "" for field in fields.values())
        counts[answers] = counts.get(answers, 0) + row["n"]
    return counts
