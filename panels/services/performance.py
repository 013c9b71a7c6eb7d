"""The Service and Performance Panel's performance board: how the council is doing, quarter by quarter.

The tenant satisfaction measures and management information come from surveys; the portal's own
engagement figures come from the apps that hold them (reach by estate from the reach report, attendance
from events, decisions on time from "you said, we did"). Each section is a fixed handful of queries,
however many events, decisions or estates there are.

Quarters are the council's: its year runs from April, so the first quarter is April to June.
Completed quarters are published; the quarter in progress is shown only to the panel's members and
officers, marked provisional, so members can read it before their meeting.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from engagement.charts import Chart, Reference, bar_chart, line_chart
from engagement.dates import financial_year_start
from engagement.decisions.models import STILL_TO_DO, Decision, Status
from engagement.models import Resident, TsmStockGroup
from engagement.services.reach_report import (
    SIGNED_UP,
    ReachReport,
    arrange,
    estate_figures,
    involved_in_quarter,
    involved_in_year,
    reach_chart,
)
from events.models import Booking, Event
from events.services.surgeries import surgery_series_chart
from surveys.services.tsm import YearResults, tsm_results_by_year

QUARTERS_SHOWN = 4
REACH_MONTHS = 12
# Involvement over time, by the council's year (what the reach report's summary of who took part keeps).
INVOLVEMENT_YEARS = 3
# Working the board out reads every resident and booking (the reach figures): a page shown to anyone keeps
# it for a quarter of an hour, as the reach report does, and says when it was worked out.
BOARD_KEPT_SECONDS = 15 * 60


@dataclass(frozen=True)
class Quarter:
    start: date

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        month = self.start.month + 3
        return date(self.start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def name(self) -> str:
        """'April to June 2026'; 'January to March 2027'."""
        return f"{self.start:%B} to {self.last_day:%B %Y}"

    @property
    def short_name(self) -> str:
        """For a chart's axis: 'Apr–Jun 26'."""
        return f"{self.start:%b}–{self.last_day:%b %y}"

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end, time.min))

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def quarter_of(day: date) -> Quarter:
    """Quarters start in January, April, July and October, so the council's year (from April) is four of them."""
    return Quarter(date(day.year, (day.month - 1) // 3 * 3 + 1, 1))


def quarters_up_to(today: date, *, with_current: bool) -> list[Quarter]:
    """The last QUARTERS_SHOWN completed quarters, oldest first, and the one in progress if asked for."""
    current = quarter_of(today)
    quarters = [current]
    while len(quarters) <= QUARTERS_SHOWN:
        quarters.insert(0, quarter_of(quarters[0].start - timedelta(days=1)))
    return quarters if with_current else quarters[:-1]


@dataclass
class InvolvementYear:
    start: date
    involved: int
    so_far: bool = False

    @property
    def name(self) -> str:
        """'2025/26', as the tenant satisfaction measures beside it name their years; '(so far)' for this one."""
        return f"{self.start.year}/{(self.start.year + 1) % 100:02d}{' (so far)' if self.so_far else ''}"


@dataclass
class InvolvementQuarter:
    quarter: Quarter
    involved: int


@dataclass
class EstateInvolvement:
    estate: str
    involved: list[int]  # a quarter each, as the board's quarters


@dataclass
class AttendanceFigures:
    quarter: Quarter
    events_held: int = 0
    came: int = 0

    @property
    def came_per_event(self) -> float | None:
        return round(self.came / self.events_held, 1) if self.events_held else None


@dataclass
class DecisionFigures:
    """Decisions whose target date fell in the quarter, and whether they were done by it."""

    quarter: Quarter
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    not_yet_due: int = 0
    not_doing: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue + self.not_yet_due + self.not_doing

    @property
    def on_time_percent(self) -> float | None:
        """Of those done or overdue: the ones we will not do, and those not yet due, are left out."""
        judged = self.on_time + self.late + self.overdue
        return round(100 * self.on_time / judged) if judged else None


@dataclass
class SurgerySeries:
    title: str
    venue: str
    surgeries: list[Event]
    chart: Chart


@dataclass
class SatisfactionRow:
    code: str
    name: str
    cells: list[str]  # a year each: "72.4% (±3.1, 120 answers)"


@dataclass
class SatisfactionTable:
    group: str  # "Low-cost rental accommodation (LCRA)"
    rows: list[SatisfactionRow]


@dataclass
class ManagementRow:
    code: str
    name: str
    cells: list[str]


@dataclass
class Satisfaction:
    """The tenant satisfaction measures and management information, year by year (oldest first)."""

    years: list[str]
    tables: list[SatisfactionTable]
    latest_chart: Chart | None
    year_on_year: list[Chart]
    management: list[ManagementRow]

    @property
    def has_management(self) -> bool:
        return any(cell != "–" for row in self.management for cell in row.cells)


@dataclass
class PerformanceBoard:
    quarters: list[Quarter]
    provisional: Quarter | None  # the quarter in progress, when it is shown
    reach: ReachReport
    reach_since: date
    reach_chart: Chart
    involvement: list[InvolvementYear]
    involvement_chart: Chart
    involvement_by_quarter: list[InvolvementQuarter]
    involvement_quarter_chart: Chart
    involvement_by_estate: list[EstateInvolvement]
    attendance: list[AttendanceFigures]
    attendance_chart: Chart
    decisions: list[DecisionFigures]
    decisions_chart: Chart
    surgery_series: list[SurgerySeries]
    satisfaction: Satisfaction | None = None  # None until a year's results are published
    worked_out_at: datetime | None = None


def performance_board(*, today: date | None = None, with_current: bool = False) -> PerformanceBoard:
    """Every figure on the board. `with_current` adds the quarter in progress (members and officers)."""
    today = today or timezone.localdate()
    quarters = quarters_up_to(today, with_current=with_current)
    attendance = attendance_by_quarter(quarters)
    decisions = decisions_by_quarter(quarters, today=today)
    reach_since = _months_before(today, REACH_MONTHS)
    reach = arrange(estate_figures(timezone.make_aware(datetime.combine(reach_since, time.min))), sort="share")
    involvement = involvement_by_year(today, with_current=with_current)
    by_quarter = involvement_by_quarter(quarters)
    return PerformanceBoard(
        quarters=quarters,
        provisional=quarters[-1] if with_current else None,
        reach=reach,
        reach_since=reach_since,
        reach_chart=reach_chart(reach),
        involvement=involvement,
        involvement_chart=involvement_chart(involvement),
        involvement_by_quarter=by_quarter,
        involvement_by_estate=involvement_by_estate_and_quarter(quarters),
        involvement_quarter_chart=line_chart(
            _("Residents involved, by quarter"),
            [_period(row.quarter, today) for row in by_quarter],
            {_("Residents involved"): [row.involved for row in by_quarter]},
            period_heading=_("Quarter"),
            value_heading=_("Residents involved"),
            key="board-involvement-quarters",
        ),
        attendance=attendance,
        attendance_chart=line_chart(
            "Residents who came to events, by quarter",
            [_period(row.quarter, today) for row in attendance],
            {"Residents who came": [row.came for row in attendance]},
            period_heading="Quarter",
            value_heading="Residents who came",
            key="board-attendance",
        ),
        decisions=decisions,
        decisions_chart=line_chart(
            "Decisions done by their target date, by quarter",
            [_period(row.quarter, today) for row in decisions],
            {"Done on time": [row.on_time_percent for row in decisions]},
            period_heading="Quarter the target date fell in",
            value_heading="Done on time",
            unit="%",
            top=100,
            key="board-decisions",
        ),
        surgery_series=surgery_series_since(quarters[0].starts_at, today=today),
        satisfaction=satisfaction(tsm_results_by_year()),
        worked_out_at=timezone.now(),
    )


def performance_board_kept(*, with_current: bool) -> PerformanceBoard:
    """The board as worked out in the last quarter of an hour (one for the public, one with the quarter so far),
    in the language it is read in: its headings and chart labels are written in it."""
    today = timezone.localdate()
    shown = "with-current" if with_current else "published"
    key = f"panels:performance-board:{today.isoformat()}:{shown}:{get_language()}"
    board = cache.get(key)
    if board is None:
        board = performance_board(today=today, with_current=with_current)
        cache.set(key, board, BOARD_KEPT_SECONDS)
    return board


def _period(quarter: Quarter, today: date) -> str:
    return f"{quarter.short_name} (so far)" if quarter.contains(today) else quarter.short_name


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def involvement_by_year(today: date, *, with_current: bool) -> list[InvolvementYear]:
    """Signed-up residents who took part in each of the last INVOLVEMENT_YEARS council years (and the year so
    far, when asked for), counted as the reach report counts them: one query."""
    this_year = financial_year_start(today)
    starts = [
        this_year.replace(year=this_year.year - n) for n in range(INVOLVEMENT_YEARS, -1 if with_current else 0, -1)
    ]
    counts = Resident.objects.filter(SIGNED_UP).aggregate(
        **{str(start.year): Count("pk", filter=involved_in_year(start.year)) for start in starts}
    )
    return [InvolvementYear(start, counts[str(start.year)], so_far=start == this_year) for start in starts]


def involvement_by_quarter(quarters: list[Quarter]) -> list[InvolvementQuarter]:
    """Signed-up residents who took part in each quarter, in any way: one query."""
    counts = Resident.objects.filter(SIGNED_UP).aggregate(
        **{f"q{quarter.start:%Y%m}": Count("pk", filter=involved_in_quarter(quarter.start)) for quarter in quarters}
    )
    return [InvolvementQuarter(quarter, counts[f"q{quarter.start:%Y%m}"]) for quarter in quarters]


def involvement_by_estate_and_quarter(quarters: list[Quarter]) -> list[EstateInvolvement]:
    """Signed-up residents who took part in each quarter, estate by estate (as the reach report places them,
    by their tenancy's home): one query."""
    estate = "tenancy__home__block__estate__name"
    keys = {quarter: f"q{quarter.start:%Y%m}" for quarter in quarters}
    rows = (
        Resident.objects.filter(SIGNED_UP)
        .values(estate)
        .annotate(**{key: Count("pk", filter=involved_in_quarter(quarter.start)) for quarter, key in keys.items()})
        .order_by(estate)
    )
    return [EstateInvolvement(row[estate], [row[key] for key in keys.values()]) for row in rows]


def involvement_chart(years: list[InvolvementYear]) -> Chart:
    """Residents involved year by year, against twice the last whole year's: the aim to double the number."""
    whole = [year for year in years if not year.so_far]
    double = 2 * whole[-1].involved if whole and whole[-1].involved else None
    return line_chart(
        "Residents involved, by year",
        [year.name for year in years],
        {"Residents involved": [year.involved for year in years]},
        period_heading="Year (April to March)",
        value_heading="Residents involved",
        reference=Reference(double, f"the aim, double {whole[-1].name}") if double else None,
        key="board-involvement",
    )


def attendance_by_quarter(quarters: list[Quarter]) -> list[AttendanceFigures]:
    """Events held (published or completed, already started) and residents recorded as coming, per quarter: two queries."""
    now = timezone.now()
    held = (
        Event.objects.filter(
            status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
            starts_at__gte=quarters[0].starts_at,
            starts_at__lt=min(quarters[-1].ends_at, now),
        )
        .exclude(kind__in=Event.NOT_BOOKABLE)
        .order_by()
    )
    events = dict(held.annotate(q=TruncQuarter("starts_at")).values("q").annotate(n=Count("pk")).values_list("q", "n"))
    came = dict(
        Booking.objects.filter(event__in=held, status=Booking.Status.CONFIRMED, attendance=Booking.Attendance.ATTENDED)
        .order_by()
        .annotate(q=TruncQuarter("event__starts_at"))
        .values("q")
        .annotate(n=Count("pk"))
        .values_list("q", "n")
    )
    return [
        AttendanceFigures(quarter, events_held=events.get(quarter.starts_at, 0), came=came.get(quarter.starts_at, 0))
        for quarter in quarters
    ]


def decisions_by_quarter(quarters: list[Quarter], *, today: date) -> list[DecisionFigures]:
    """Published decisions by the quarter of their target date: done by it, done after, overdue. One query."""
    rows = (
        Decision.objects.published()
        .filter(target_date__gte=quarters[0].start, target_date__lt=quarters[-1].end)
        .annotate(done_on=Min("history__changed_on", filter=Q(history__status=Status.DONE)))
        .order_by()
        .values_list("target_date", "status", "done_on")
    )
    figures = {quarter.start: DecisionFigures(quarter) for quarter in quarters}
    for target_date, status, done_on in rows:
        row = figures[quarter_of(target_date).start]
        if status == Status.DONE:
            # Done with no dated history (entered before the history was kept): nothing says it was late.
            if done_on is None or done_on <= target_date:
                row.on_time += 1
            else:
                row.late += 1
        elif status == Status.NOT_DOING:
            row.not_doing += 1
        elif status in STILL_TO_DO and target_date < today:
            row.overdue += 1
        else:
            row.not_yet_due += 1
    return list(figures.values())


def surgery_series_since(since: datetime, *, today: date) -> list[SurgerySeries]:
    """Every surgery series with two or more surgeries since then, each with its chart: one query.

    A series is a surgery and the repeats copied from it (see events.services.surgeries)."""
    surgeries = (
        Event.objects.filter(kind=Event.Kind.SURGERY, starts_at__gte=since)
        .exclude(status__in=[Event.Status.DRAFT, Event.Status.CANCELLED])
        .with_places_taken()
        .with_attended()
        .select_related("venue")
        .annotate(series=Coalesce("copied_from_id", "pk"))
        .order_by("starts_at", "pk")
    )
    grouped: dict[int, list[Event]] = defaultdict(list)
    for surgery in surgeries:
        grouped[surgery.series].append(surgery)
    found = []
    # One surgery on its own is not a series: nothing to follow over time.
    for series in (series for series in grouped.values() if len(series) > 1):
        first = series[0]
        venue = first.venue.name if first.venue else first.get_format_display()
        found.append(
            SurgerySeries(
                title=first.title,
                venue=venue,
                surgeries=series,
                chart=surgery_series_chart(series, title="each surgery", now=timezone.now(), key=f"series-{first.pk}"),
            )
        )
    return sorted(found, key=lambda found: (found.title, found.venue))


def _percent_text(results: YearResults, figure) -> str:
    value = results.reported(figure)
    if value is None:
        return "–"
    margin = figure.weighted_margin if results.weighted else figure.margin
    answers = f"{figure.base} answer{'s' if figure.base != 1 else ''}"
    # A weighted year shows both ways, as the public page does.
    if results.weighted and figure.percent is not None:
        answers += _("; unweighted %(percent)s") % {"percent": f"{figure.percent:.1f}%"}
    return f"{value:.1f}% (±{margin:.1f}, {answers})" if margin is not None else f"{value:.1f}% ({answers})"


def satisfaction(years: list[YearResults]) -> Satisfaction | None:
    """The board's tenant satisfaction section from surveys' published results, or None before any."""
    if not years:
        return None
    latest = years[-1]
    groups = [code for code in latest.measures[0].groups if any(results.responses.get(code) for results in years)]
    labels = dict(TsmStockGroup.choices)
    tables = [
        SatisfactionTable(
            labels[group],
            [
                SatisfactionRow(
                    measure.code,
                    measure.name,
                    [_percent_text(results, results.measure(measure.code).groups[group]) for results in years],
                )
                for measure in latest.measures
            ],
        )
        for group in groups
    ]
    first_group = groups[0] if groups else None
    latest_chart = None
    if first_group:
        latest_chart = bar_chart(
            f"Tenant satisfaction {latest.label}: {labels[first_group]}",
            [(f"{m.code} {m.name}", _rounded(latest.reported(m.groups[first_group]))) for m in latest.measures],
            category_heading="Measure",
            value_heading="Satisfied or agree",
            unit="%",
            key=f"tsm-{latest.year}",
        )
    year_on_year = []
    if len(years) > 1:
        for measure in latest.measures:
            year_on_year.append(
                line_chart(
                    f"{measure.code} {measure.name}, year on year",
                    [results.label for results in years],
                    {
                        group.upper(): [
                            _rounded(results.reported(results.measure(measure.code).groups[group])) for results in years
                        ]
                        for group in groups
                    },
                    period_heading="Year",
                    value_heading="Satisfied or agree",
                    unit="%",
                    top=100,
                    key=f"tsm-{measure.code}",
                )
            )
    management = [
        ManagementRow(
            row.code,
            row.name,
            [_management_text(results.management[position]) for results in years],
        )
        for position, row in enumerate(latest.management)
    ]
    return Satisfaction([results.label for results in years], tables, latest_chart, year_on_year, management)


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _management_text(result) -> str:
    if result.value is None:
        return "–"
    return f"{result.value}{result.unit}"
