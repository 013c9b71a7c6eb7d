"""Reach and diversity of involvement, for community relations: who takes part, estate by estate.

A resident is "signed up" when their tenancy is verified (so we know their estate), and
"involved" when they took part in any of the ways the apps register (see involvement.py)
since the start of the period. Figures come from ResidentInvolvement, which the services that
record taking part keep up to date (one row per resident), so each is one pass over the residents: a fixed handful of queries, however many estates, residents and bookings.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from engagement.charts import Chart, Reference, bar_chart
from engagement.dates import financial_year_start, quarter_key
from engagement.models import (
    Block,
    EqualityMonitoring,
    Estate,
    Home,
    Resident,
    ResidentInvolvement,
    Tenancy,
    TenantProfileFigure,
    TenureType,
    Ward,
)
from engagement.models.equality import AgeBand
from engagement.services.involvement import Involvement, involvements
from engagement.services.tenant_profile import tenant_profile
from engagement.small_numbers import figures_to_withhold
from engagement.versions import kept_for, versions

# An estate is under-reached when its involvement per home is below this share of the council's.
UNDER_REACHED_SHARE = 0.5

SIGNED_UP = Q(tenancy__isnull=False, tenancy_verified_at__isnull=False)


def per_100(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Reach:
    """The figures for one estate, one ward, one tenure or the whole council.

    Households are tenancies on the tenancy list: the tenant base, whether or not anyone in them has
    signed up. A household is involved when anyone signed up in it is. "This year" is the financial
    year so far, "last year" the whole of the one before.
    """

    name: str
    homes: int = 0
    households: int = 0
    signed_up: int = 0
    involved: int = 0
    households_involved: int = 0
    this_year: int = 0
    last_year: int = 0
    by_involvement: dict[str, int] = field(default_factory=dict)

    @property
    def signed_up_per_100_homes(self) -> float | None:
        return per_100(self.signed_up, self.homes)

    @property
    def involved_per_100_homes(self) -> float | None:
        return per_100(self.involved, self.homes)

    @property
    def households_involved_percent(self) -> float | None:
        return per_100(self.households_involved, self.households)

    @property
    def change_on_last_year(self) -> float | None:
        """This year's involved residents as a percentage of last year's (200 is doubled)."""
        return per_100(self.this_year, self.last_year)

    def add(self, other: "Reach") -> None:
        for name in _SUMMED:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, count in other.by_involvement.items():
            self.by_involvement[code] = self.by_involvement.get(code, 0) + count


_SUMMED = (
    "homes",
    "households",
    "signed_up",
    "involved",
    "households_involved",
    "this_year",
    "last_year",
)


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
    tenures: list[Reach] = field(default_factory=list)  # council-wide, whatever the ward filter
    this_year: date | None = None  # the financial year so far begins on this day

    @property
    def last_year(self) -> date | None:
        return self.this_year.replace(year=self.this_year.year - 1) if self.this_year else None

    @property
    def last_year_ends(self) -> date | None:
        return self.this_year - timedelta(days=1) if self.this_year else None

    @property
    def doubling_target(self) -> int:
        """Twice last year's involved residents: the council's aim to double the number involved."""
        return 2 * self.council.last_year

    @property
    def under_reached_below(self) -> float | None:
        """Involved per 100 homes under which an estate counts as under-reached."""
        share = self.council.involved_per_100_homes
        return round(share * UNDER_REACHED_SHARE, 1) if share is not None else None


T = TypeVar("T")

# Every table the report's figures come from.
FIGURES_FROM = (
    Ward,
    Estate,
    Block,
    Home,
    Tenancy,
    Resident,
    ResidentInvolvement,
    EqualityMonitoring,
    TenantProfileFigure,
)


def kept(version: tuple | None, name: str, work: Callable[[], T], *key: object) -> T:
    """`work()`, kept in the cache until the figures change (engagement.versions): the same figures as working
    them out again, without reading every resident on each request. `version` is figures_version(), read
    once for all a page keeps."""
    return kept_for(version, f"reach:{name}", work, key=key)


def figures_version() -> tuple | None:
    return versions(*FIGURES_FROM)


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


def involved_in_quarter(start: date) -> Q:
    """On Resident: took part in the quarter starting on `start`."""
    return Q(involvement__years__has_key=quarter_key(start))


@dataclass
class EstateFigures:
    """Every estate's figures for a period, before a ward is chosen or an order: what the page keeps."""

    since: datetime
    estates: list[EstateReach]
    council: Reach
    worked_out_at: datetime
    tenures: list[Reach] = field(default_factory=list)
    this_year: date | None = None


def reach_by_estate(
    since: datetime, ward_id: int | None = None, sort: str = "share", today: date | None = None
) -> ReachReport:
    """Homes, households, signed-up and involved residents per estate, lowest involvement first (or by `sort`)."""
    return arrange(estate_figures(since, today), ward_id=ward_id, sort=sort)


def kept_reach_by_estate(
    since: datetime, version: tuple | None, ward_id: int | None = None, sort: str = "share"
) -> ReachReport:
    """reach_by_estate, its figures kept until anything they come from changes (or the day does)."""
    today = timezone.localdate()
    return arrange(
        kept(version, "estate_figures", lambda: estate_figures(since, today), since, today),
        ward_id=ward_id,
        sort=sort,
    )


def kept_by_age(since: datetime, version: tuple | None) -> list["AgeRow"]:
    today = timezone.localdate()
    return kept(version, "by_age", lambda: by_age(since, today), since, today)


def kept_diversity(since: datetime, version: tuple | None) -> "Diversity":
    return kept(version, "diversity", lambda: diversity(since), since)


def estate_figures(since: datetime, today: date | None = None) -> EstateFigures:
    """Every estate's and tenure's figures. Four queries, however many estates, residents and ways of
    taking part: estates; homes; tenancies by estate and tenure; and one pass over the signed-up
    residents, each beside its one-row summary of when they took part, by estate and tenure."""
    day = since_day(since)
    this_year = financial_year_start(today or timezone.localdate())
    ids = [involvement.code for involvement in involvements()]
    estates = list(Estate.objects.select_related("ward").order_by("name"))
    homes = dict(
        Home.objects.order_by().values("block__estate_id").annotate(n=Count("pk")).values_list("block__estate_id", "n")
    )
    households = {
        (estate_id, tenure): count
        for estate_id, tenure, count in Tenancy.objects.order_by()
        .values_list("home__block__estate_id", "tenure_type")
        .annotate(n=Count("pk"))
    }
    involved, in_this_year, in_last_year = (
        involved_since(day),
        involved_in_year(this_year.year),
        involved_in_year(this_year.year - 1),
    )
    # A household is one tenancy, on one estate with one tenure: its residents are counted once within
    # each (estate, tenure) group, so the groups add up to estates and to tenures alike.
    counted = {
        "signed_up": Count("pk"),
        "involved": Count("pk", filter=involved),
        "households_involved": Count("tenancy_id", filter=involved, distinct=True),
        "this_year": Count("pk", filter=in_this_year),
        "last_year": Count("pk", filter=in_last_year),
        **{f"by_{code}": Count("pk", filter=involved_since(day, code)) for code in ids},
    }
    residents = {
        (row.pop("estate_id"), row.pop("tenure")): row
        for row in Resident.objects.filter(SIGNED_UP)
        .order_by()
        .values(estate_id=F("tenancy__home__block__estate_id"), tenure=F("tenancy__tenure_type"))
        .annotate(**counted)
    }

    def reach(counts: dict) -> dict:
        return {
            **{name: counts.get(name, 0) for name in _SUMMED if name not in ("homes", "households")},
            "by_involvement": {code: counts.get(f"by_{code}", 0) for code in ids},
        }

    tenures = {value: Reach(label, by_involvement=dict.fromkeys(ids, 0)) for value, label in TenureType.choices}
    by_estate: dict[int, Reach] = {}
    for estate_id, tenure in {*households, *residents}:
        figures = Reach(
            "", households=households.get((estate_id, tenure), 0), **reach(residents.get((estate_id, tenure), {}))
        )
        by_estate.setdefault(estate_id, Reach("", by_involvement=dict.fromkeys(ids, 0))).add(figures)
        if tenure in tenures:
            tenures[tenure].add(figures)

    council = Reach("All estates", by_involvement=dict.fromkeys(ids, 0))
    rows = []
    for estate in estates:
        figures = by_estate.get(estate.pk) or Reach("", by_involvement=dict.fromkeys(ids, 0))
        row = EstateReach(
            name=estate.name,
            estate_id=estate.pk,
            ward_id=estate.ward_id,
            ward=estate.ward.name,
            homes=homes.get(estate.pk, 0),
            **{name: getattr(figures, name) for name in _SUMMED if name != "homes"},
            by_involvement=figures.by_involvement,
        )
        council.add(row)
        rows.append(row)

    council_share = council.involved_per_100_homes
    for row in rows:
        share = row.involved_per_100_homes
        row.under_reached = (
            share is not None and council_share is not None and share < council_share * UNDER_REACHED_SHARE
        )

    return EstateFigures(
        since=since,
        estates=rows,
        council=council,
        worked_out_at=timezone.now(),
        tenures=[tenure for tenure in tenures.values() if tenure.households or tenure.signed_up],
        this_year=this_year,
    )


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
        tenures=figures.tenures,
        this_year=figures.this_year,
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
    "Households (tenancies)",
    "Households involved",
    "Households involved (%)",
    "Involved this financial year",
    "Involved last financial year",
)


def estate_rows(report: ReachReport) -> Iterator[tuple]:
    """The per-estate table for download: header first."""
    yield (*ESTATE_HEADER, *(involvement.label for involvement in report.involvements), "Under-reached")
    for row in report.estates:
        yield (row.name, row.ward, *_figures(row, report), "Yes" if row.under_reached else "No")


def ward_rows(report: ReachReport) -> Iterator[tuple]:
    yield ("Ward", *ESTATE_HEADER[2:], *(involvement.label for involvement in report.involvements))
    for ward in report.wards:
        yield (ward.name, *_figures(ward, report))


def tenure_rows(report: ReachReport) -> Iterator[tuple]:
    yield ("Tenure", *ESTATE_HEADER[3:], *(involvement.label for involvement in report.involvements))
    for tenure in report.tenures:
        yield (tenure.name, *_figures(tenure, report)[1:])


def _figures(reach: Reach, report: ReachReport) -> tuple:
    return (
        reach.homes,
        reach.signed_up,
        reach.signed_up_per_100_homes,
        reach.involved,
        reach.involved_per_100_homes,
        reach.households,
        reach.households_involved,
        reach.households_involved_percent,
        reach.this_year,
        reach.last_year,
        *(reach.by_involvement.get(i.code, 0) for i in report.involvements),
    )


def reach_chart(report: ReachReport) -> Chart:
    """Involved residents per 100 homes, estate by estate in the report's order, against the under-reached line."""
    below = report.under_reached_below
    return bar_chart(
        "Involved residents per 100 homes, by estate",
        [(row.name, row.involved_per_100_homes) for row in report.estates],
        category_heading="Estate",
        value_heading="Involved per 100 homes",
        reference=Reference(below, f"under-reached: fewer than {below:g} per 100 homes") if below else None,
        notes={row.name: "Under-reached" for row in report.estates if row.under_reached},
        key="reach-by-estate",
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
    tenant_base: Share | None = None  # None: not in the profile ("Not answered", or no profile held)


@dataclass
class Characteristic:
    name: str
    rows: list[DiversityRow]
    tenant_base: int = 0  # people in the tenant-base profile for this question; 0 when none is held


@dataclass
class Diversity:
    signed_up: int
    involved: int
    characteristics: list[Characteristic]


def diversity(since: datetime) -> Diversity:
    """Equality-monitoring answers of involved residents beside those of everyone signed up, council-wide.

    One query counting signed-up and involved residents by their answers to every question at once,
    and one for the tenant-base profile officers hold (services/tenant_profile.py), shown beside them
    where held.
    Residents who never answered count as "Not answered".
    """
    profile = tenant_profile()
    signed_up = Resident.objects.filter(SIGNED_UP)
    fields = {name: f"equality_monitoring__{name}" for name in CHARACTERISTICS}
    everyone, took_part_at_all = _by_answers(signed_up, fields, involved_since(since_day(since)))
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
        held = profile.get(name, {})
        base_total = sum(held.values())
        if base_total:
            base_column = Share.column([held.get(value, 0) for value, _ in choices[:-1]], base_total)
            for row, share in zip(rows, base_column, strict=False):
                row.tenant_base = share
        characteristics.append(Characteristic(label, rows, tenant_base=base_total))
    return Diversity(signed_up=signed_up_total, involved=involved_total, characteristics=characteristics)


# Age bands worked out from dates of birth, oldest first: (the age the band starts at, its answer).
AGE_BANDS = [
    (75, AgeBand.OVER_75),
    (65, AgeBand.FROM_65_TO_74),
    (50, AgeBand.FROM_50_TO_64),
    (35, AgeBand.FROM_35_TO_49),
    (25, AgeBand.FROM_25_TO_34),
    (0, AgeBand.UNDER_25),
]
AGE_NOT_KNOWN = "Date of birth not known"


def years_before(day: date, years: int) -> date:
    """The day `years` before: someone born on or before it is at least that old. A birthday on
    29 February comes on 1 March in other years, so the day before that is 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band(today: date) -> Case:
    """On Resident: the age band, from the date of birth (empty when not held)."""
    return Case(
        *(When(date_of_birth__lte=years_before(today, age), then=Value(band.value)) for age, band in AGE_BANDS[:-1]),
        When(date_of_birth__isnull=False, then=Value(AgeBand.UNDER_25.value)),
        default=Value(""),
    )


@dataclass
class AgeRow:
    band: str
    signed_up: Share
    involved: Share
    this_year: Share
    last_year: Share


def by_age(since: datetime, today: date | None = None) -> list[AgeRow]:
    """Signed-up and involved residents by age band, from dates of birth where held: one query.
    Small groups, and any figure that would give one away, are withheld."""
    today = today or timezone.localdate()
    this_year = financial_year_start(today).year
    counts = {
        row.pop("band"): row
        for row in Resident.objects.filter(SIGNED_UP)
        .annotate(band=age_band(today))
        .order_by()
        .values("band")
        .annotate(
            signed_up=Count("pk"),
            involved=Count("pk", filter=involved_since(since_day(since))),
            this_year=Count("pk", filter=involved_in_year(this_year)),
            last_year=Count("pk", filter=involved_in_year(this_year - 1)),
        )
    }
    bands = [(band.value, band.label) for _, band in reversed(AGE_BANDS)] + [("", AGE_NOT_KNOWN)]
    columns = {}
    for name in ("signed_up", "involved", "this_year", "last_year"):
        figures = [counts.get(value, {}).get(name, 0) for value, _ in bands]
        columns[name] = Share.column(figures, sum(figures))
    return [
        AgeRow(label, *(columns[name][position] for name in ("signed_up", "involved", "this_year", "last_year")))
        for position, (_, label) in enumerate(bands)
    ]


def _by_answers(residents: QuerySet, fields: dict[str, str], involved: Q) -> tuple[dict[tuple, int], dict[tuple, int]]:
    """Residents, and those of them involved, counted by their answers to every question; no answers at
    all (NULL) and a question left blank ("") are both "not answered"."""
    everyone: dict[tuple, int] = {}
    took_part: dict[tuple, int] = {}
    rows = residents.order_by().values(*fields.values()).annotate(n=Count("pk"), involved=Count("pk", filter=involved))
    for row in rows:
        answers = tuple(row[field] or "" for field in fields.values())
        everyone[answers] = everyone.get(answers, 0) + row["n"]
        if row["involved"]:
            took_part[answers] = took_part.get(answers, 0) + row["involved"]
    return everyone, took_part
