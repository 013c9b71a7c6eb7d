"""TSM results: each perception measure as a percentage with its base and margin of error (95%), for LCRA
and LCHO separately as the regulator asks, by estate and ward where numbers allow, weighted by tenure and
age where the officer chose to, and year on year.

Weighting compares households with households: the survey takes one response per tenancy, so each
respondent stands for their household, and the target is the tenancy list (LCRA and LCHO tenancies) by tenure
group and the household's age band. A household's age band is that of its eldest resident whose date of birth
we hold (the housing system names household members but gives no ages); a respondent whose tenancy is not
known is placed by their own age.

A measure's result is those answering with one of the first two options (very or fairly satisfied; strongly
agree or agree) out of all who answered with one of the five options: "not applicable / don't know", no
answer, and those not asked (the filters) are outside the base. The margin of error uses the group's homes
for the finite population correction; weighted results use the effective number of responses.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min
from django.db.models.functions import Coalesce

from engagement.models import Tenancy, TsmStockGroup, tsm_stock_group
from engagement.small_numbers import figures_to_withhold
from surveys.models import Answer, ManagementInformation, TsmSurvey
from surveys.services.tsm.setup import TSM_TENURES
from surveys.tsm.statistics import Z_95, margin_of_error
from surveys.tsm.wording import MANAGEMENT_MEASURES, PERCEPTION_MEASURES, POSITIVE_OPTIONS

SCALE = range(1, 6)
POSITIVE = range(1, POSITIVE_OPTIONS + 1)
AGE_BANDS = ((16, 34, "16 to 34"), (35, 49, "35 to 49"), (50, 64, "50 to 64"), (65, 200, "65 and over"))
UNKNOWN_AGE = "Age not known"


def age_band(born: date | None, on: date) -> str:
    if born is None:
        return UNKNOWN_AGE
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return UNKNOWN_AGE


@dataclass
class Figure:
    """One measure for one group of respondents."""

    positive: int = 0
    base: int = 0
    homes: int | None = None
    # Weighted sums: Σw over the satisfied, Σw and Σw² over the base.
    weighted_positive: float = 0.0
    weighted_base: float = 0.0
    weighted_squares: float = 0.0
    withheld: bool = False

    def add(self, value: int, weight: float) -> None:
        if value not in SCALE:
            return
        self.base += 1
        self.weighted_base += weight
        self.weighted_squares += weight * weight
        if value in POSITIVE:
            self.positive += 1
            self.weighted_positive += weight

    @property
    def percent(self) -> float | None:
        return 100 * self.positive / self.base if self.base else None

    @property
    def margin(self) -> float | None:
        return margin_of_error(self.positive, self.base, self.homes)

    @property
    def weighted_percent(self) -> float | None:
        return 100 * self.weighted_positive / self.weighted_base if self.weighted_base else None

    @property
    def effective_base(self) -> float:
        return self.weighted_base**2 / self.weighted_squares if self.weighted_squares else 0.0

    @property
    def weighted_margin(self) -> float | None:
        if not self.weighted_base:
            return None
        p = self.weighted_positive / self.weighted_base
        return margin_of_error(p * self.effective_base, self.effective_base, self.homes, z=Z_95)


@dataclass
class MeasureResult:
    code: str
    name: str
    description: str
    groups: dict[str, Figure]
    by_estate: dict[str, list[tuple[str, Figure]]] = field(default_factory=dict)
    by_ward: dict[str, list[tuple[str, Figure]]] = field(default_factory=dict)


@dataclass
class ManagementResult:
    code: str
    name: str
    definition: str
    unit: str
    numerator: int | None
    denominator: int | None
    value: object
    target_timescale: str


@dataclass
class YearResults:
    year: int
    label: str
    tsm: TsmSurvey | None
    weighted: bool
    responses: dict[str, int]
    measures: list[MeasureResult]
    management: list[ManagementResult]
    weights: dict[tuple[str, str], float] = field(default_factory=dict)
    # When weighted: tenancies, and responses, in each (tenure group, household age band).
    households: dict[tuple[str, str], int] = field(default_factory=dict)
    sample: dict[tuple[str, str], int] = field(default_factory=dict)

    def reported(self, figure: Figure) -> float | None:
        """The figure to publish: weighted if the officer chose weighting, as the return asks for one figure."""
        return figure.weighted_percent if self.weighted else figure.percent

    def measure(self, code: str) -> MeasureResult | None:
        return next((measure for measure in self.measures if measure.code == code), None)


def _respondents(tsm: TsmSurvey) -> dict[int, dict]:
    """Each household's answers to the measures, with its tenure group, estate, ward and age band."""
    on = tsm.survey.closes_at.date()
    rows = (
        Answer.objects.filter(
            response__survey_id=tsm.survey_id,
            response__submitted_at__isnull=False,
            question__tsm__code__startswith="TP",
            choice__isnull=False,
        )
        .values_list(
            "response_id",
            "question__tsm__code",
            "choice__value",
            "response__tenure_type",
            "response__estate__name",
            "response__estate__ward__name",
            "response__resident__date_of_birth",
            Coalesce("response__tenancy_id", "response__resident__tenancy_id"),
        )
        .order_by()
    )
    respondents: dict[int, dict] = {}
    for response_id, code, value, tenure, estate, ward, born, tenancy in rows.iterator(chunk_size=5000):
        respondent = respondents.setdefault(
            response_id,
            {
                "group": tsm_stock_group(tenure),
                "estate": estate or "Estate not known",
                "ward": ward or "Ward not known",
                "age": age_band(born, on),
                "tenancy": tenancy,
                "answers": {},
            },
        )
        respondent["answers"][code] = value
    return {key: value for key, value in respondents.items() if value["group"]}


def _households(on: date) -> tuple[dict[tuple[str, str], int], dict[int, str]]:
    """Tenancies on the list in each tenure group and household age band (what weighting aims for), and each
    tenancy's age band: one query, a row per tenancy."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    bands: dict[int, str] = {}
    rows = (
        Tenancy.objects.filter(tenure_type__in=TSM_TENURES)
        .annotate(eldest=Min("residents__date_of_birth"))
        .values_list("pk", "tenure_type", "eldest")
        .order_by()
    )
    for pk, tenure, eldest in rows.iterator(chunk_size=5000):
        bands[pk] = age_band(eldest, on)
        counts[(tsm_stock_group(tenure), bands[pk])] += 1
    return counts, bands


def _weights(respondents: dict[int, dict], population: dict) -> dict[tuple[str, str], float]:
    """Each cell's weight: its share of households over its share of respondents (1 where it has none)."""
    sample: dict[tuple[str, str], int] = defaultdict(int)
    for respondent in respondents.values():
        sample[(respondent["group"], respondent["age"])] += 1
    cells = [cell for cell in sample if population.get(cell)]
    population_total = sum(population[cell] for cell in cells)
    sample_total = sum(sample[cell] for cell in cells)
    weights = dict.fromkeys(sample, 1.0)
    for cell in cells:
        weights[cell] = (population[cell] / population_total) / (sample[cell] / sample_total)
    return weights


def _sample_cells(people: list[dict]) -> dict[tuple[str, str], int]:
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for person in people:
        cells[(person["group"], person["age"])] += 1
    return dict(cells)


def _breakdown(respondents, code, key, group) -> list[tuple[str, Figure]]:
    figures: dict[str, Figure] = defaultdict(Figure)
    for respondent in respondents:
        if respondent["group"] == group and code in respondent["answers"]:
            figures[respondent[key]].add(respondent["answers"][code], respondent["weight"])
    # A place where everyone said "not applicable / don't know" has no figure to show or withhold.
    rows = sorted((place, figure) for place, figure in figures.items() if figure.base)
    for position in figures_to_withhold([figure.base for _, figure in rows]):
        rows[position][1].withheld = True
    return rows


def tsm_year_results(tsm: TsmSurvey) -> YearResults:
    """The year's perception measures from its survey, and its management information."""
    respondents = _respondents(tsm)
    weights, households = {}, {}
    if tsm.weighted:
        households, bands = _households(tsm.survey.closes_at.date())
        for respondent in respondents.values():
            respondent["age"] = bands.get(respondent["tenancy"], respondent["age"])
        weights = _weights(respondents, households)
    for respondent in respondents.values():
        respondent["weight"] = weights.get((respondent["group"], respondent["age"]), 1.0)
    people = list(respondents.values())
    measures = []
    for measure in PERCEPTION_MEASURES:
        groups = {group.value: Figure(homes=tsm.homes(group)) for group in TsmStockGroup}
        for respondent in people:
            if measure.code in respondent["answers"]:
                groups[respondent["group"]].add(respondent["answers"][measure.code], respondent["weight"])
        measures.append(
            MeasureResult(
                measure.code,
                measure.name,
                measure.description,
                groups,
                by_estate={group: _breakdown(people, measure.code, "estate", group) for group in groups},
                by_ward={group: _breakdown(people, measure.code, "ward", group) for group in groups},
            )
        )
    responses = {group.value: sum(1 for person in people if person["group"] == group) for group in TsmStockGroup}
    return YearResults(
        tsm.year,
        tsm.year_label,
        tsm,
        tsm.weighted,
        responses,
        measures,
        management_results(tsm.year),
        weights,
        households,
        _sample_cells(people) if tsm.weighted else {},
    )


def management_results(year: int) -> list[ManagementResult]:
    entered = {figure.code: figure for figure in ManagementInformation.objects.filter(year=year)}
    results = []
    for measure in MANAGEMENT_MEASURES:
        figure = entered.get(measure.code)
        results.append(
            ManagementResult(
                measure.code,
                measure.name,
                measure.definition,
                measure.unit,
                figure.numerator if figure else None,
                figure.denominator if figure else None,
                figure.value if figure else None,
                figure.target_timescale if figure else "",
            )
        )
    return results


def tsm_results_by_year(*, published_only: bool = True) -> list[YearResults]:
    """Every year's TSM results, oldest first: what the performance board and the public page show.

    Only years whose results are published, unless `published_only` is False (officers' own views).
    """
    surveys = TsmSurvey.objects.select_related("survey").order_by("year")
    if published_only:
        surveys = surveys.filter(published_at__isnull=False)
    return [tsm_year_results(tsm) for tsm in surveys]
