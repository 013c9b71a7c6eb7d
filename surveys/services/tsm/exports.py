"""The year's TSMs in the shape of the regulator's data return: one row per measure and tenure group, the
result with what it was worked out from, then the management information, then the summary of approach."""

from collections.abc import Iterator

from engagement.models import TsmStockGroup
from surveys.services.tsm.approach import tsm_summary_of_approach
from surveys.services.tsm.results import YearResults

HEADER = [
    "Year",
    "Measure",
    "Name",
    "Tenure group",
    "Result",
    "Unit",
    "Numerator",
    "Denominator (base)",
    "Margin of error (± points, 95%)",
    "Unweighted result",
    "Target timescale",
]


def _round(value) -> float | None:
    return None if value is None else round(float(value), 1)


def tsm_return_rows(results: YearResults) -> Iterator[list]:
    yield HEADER
    for measure in results.measures:
        for group in TsmStockGroup:
            figure = measure.groups[group]
            margin = figure.weighted_margin if results.weighted else figure.margin
            yield [
                results.label,
                measure.code,
                measure.name,
                group.name,
                _round(results.reported(figure)),
                "%",
                round(figure.weighted_positive, 1) if results.weighted else figure.positive,
                round(figure.weighted_base, 1) if results.weighted else figure.base,
                _round(margin),
                _round(figure.percent),
                "",
            ]
    for item in results.management:
        yield [
            results.label,
            item.code,
            item.name,
            "LCRA and LCHO",
            _round(item.value),
            item.unit.strip(),
            item.numerator,
            item.denominator,
            None,
            None,
            item.target_timescale,
        ]


def tsm_approach_rows(results: YearResults) -> Iterator[list]:
    yield ["Item", "Summary"]
    yield from ([heading, text] for heading, text in tsm_summary_of_approach(results))
