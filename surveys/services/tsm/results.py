"""TSM results: each perception measure as a percentage with its base and margin of error (95%), for LCRA
and LCHO separately as the regulator asks, by estate and ward where numbers allow, weighted by tenure and
age where the officer chose to, and year on year.

A measure's result is those answering with one of the first two options (very or fairly satisfied; strongly
agree or agree) out of all who answered with one of the five options: "not applicable / don't know", no
answer, and those not asked (the filters) are outside the base. The margin of error uses the group's homes
for the finite population correction; weighted results use the effective number of responses.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from engagement.models import Resident, TsmStockGroup, tsm_stock_group
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
        )
        .order_by()
    )
    respondents: dict[int, dict] = {}
    for response_id, code, value, tenure, estate, ward, born in rows.iterator(chunk_size=5000):
        respondent = respondents.setdefault(
            response_id,
            {
                "group": tsm_stock_group(tenure),
                "estate": estate or "Estate not known",
                "ward": ward or "Ward not known",
                "age": age_band(born, on),
                "answers": {},
            },
        )
        respondent["answers"][code] = value
    return {key: value for key, value in respondents.items() if value["group"]}


def _population(on: date) -> dict[tuple[str, str], int]:
    """Residents on the tenancy list in each tenure group and age band: what weighting aims for."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    rows = (
        Resident.objects.filter(tenancy__tenure_type__in=TSM_TENURES)
        .values_list("tenancy__tenure_type", "date_of_birth")
        .annotate(n=Count("id"))
        .order_by()
    )
    for tenure, born, n in rows:
        counts[(tsm_stock_group(tenure), age_band(born, on))] += n
    return counts


def _weights(respondents: dict[int, dict], population: dict) -> dict[tuple[str, str], float]:
    """Each cell's weight: its share of the population over its share of respondents (1 where unknown)."""
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


def _breakdown(respondents, code, key, group) -> list[tuple[str, Figure]]:
    figures: dict[str, Figure] = defaultdict(Figure)
    for respondent in respondents:
        if respondent["group"] == group and code in respondent["answers"]:
            figures[respondent[key]].add(respondent["answers"][code], respondent["weight"])
    rows = sorted(figures.items())
    for position in figures_to_withhold([figure.base for _, figure in rows]):
        rows[position][1].withheld = True
    return rows


def tsm_year_results(tsm: TsmSurvey) -> YearResults:
    """The year's perception measures from its survey, and its management information."""
    respondents = _respondents(tsm)
    weights = _weights(respondents, _population(tsm.survey.closes_at.date())) if tsm.weighted else {}
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
        tsm.year, tsm.year_label, tsm, tsm.weighted, responses, measures, management_results(tsm.year), weights
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
