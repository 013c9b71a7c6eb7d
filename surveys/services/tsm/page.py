"""What the public Tenant Satisfaction Measures page shows: the latest published year's measures with their
margins and bases, year on year, the management information and the summary of approach."""

from django.utils.translation import gettext as _

from engagement.charts import line_chart
from engagement.models import TsmStockGroup
from surveys.services.tsm.approach import tsm_summary_of_approach
from surveys.services.tsm.results import Figure, YearResults

# Fewer responses than this in a group and its percentages say too little to publish (and could pick people out).
FEWEST_TO_PUBLISH = 5
# Column headings short enough for three columns on a phone; the page says what they stand for.
SHORT_LABELS = {TsmStockGroup.LCRA: "Renting (LCRA)", TsmStockGroup.LCHO: "Shared owners (LCHO)"}


def _percent(value) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _cell(results: YearResults, figure: Figure) -> dict:
    if figure.base < FEWEST_TO_PUBLISH:
        return {"text": "Too few answers", "margin": "", "base": figure.base, "unweighted": ""}
    margin = figure.weighted_margin if results.weighted else figure.margin
    return {
        "text": _percent(results.reported(figure)),
        "margin": "" if margin is None else f"±{margin:.1f}",
        "base": figure.base,
        "unweighted": _percent(figure.percent) if results.weighted else "",
    }


def _breakdowns(results: YearResults, groups: list[str]) -> list[dict]:
    """Each measure by estate and by ward, for LCRA and for LCHO, small numbers withheld: a list of places,
    each with its measures, so it reads on a phone. A group whose every place is withheld is left out:
    there are not the numbers to show it by place."""
    tables = []
    for group in groups:
        label = TsmStockGroup(group).label
        headings = {"by_estate": _("By estate: %(group)s"), "by_ward": _("By ward: %(group)s")}
        for attribute, heading in headings.items():
            places: dict[str, list] = {}
            shown = False
            for measure in results.measures:
                for place, figure in getattr(measure, attribute)[group]:
                    if figure.withheld:
                        text = _("Withheld: too few answers")
                    else:
                        shown = True
                        text = _("%(percent)s of %(base)s") % {
                            "percent": _percent(results.reported(figure)),
                            "base": figure.base,
                        }
                    places.setdefault(place, []).append((measure.code, measure.name, text))
            if shown:
                tables.append({"heading": heading % {"group": label}, "places": sorted(places.items())})
    return tables


def tsm_page(years: list[YearResults]) -> dict:
    if not years:
        return {"latest": None}
    latest = years[-1]
    groups = [group for group in TsmStockGroup if latest.tsm.homes(group)]
    measures = [
        {
            "code": measure.code,
            "name": measure.name,
            "description": measure.description,
            "cells": [_cell(latest, measure.groups[group]) for group in groups],
        }
        for measure in latest.measures
    ]
    history = [
        {
            "code": measure.code,
            "name": measure.name,
            "values": [
                _percent(year.reported(year.measure(measure.code).groups[TsmStockGroup.LCRA])) for year in years
            ],
        }
        for measure in latest.measures
    ]
    chart = line_chart(
        "Overall satisfaction (TP01), low-cost rental tenants, year on year",
        [year.label for year in years],
        {
            "TP01 overall satisfaction": [
                year.reported(year.measure("TP01").groups[TsmStockGroup.LCRA]) for year in years
            ]
        },
        period_heading="Year",
        value_heading="Satisfied",
        unit="%",
        top=100,
    )
    return {
        "latest": latest,
        "groups": [SHORT_LABELS[group] for group in groups],
        "measures": measures,
        "years": [year.label for year in years],
        "history": history,
        "chart": chart,
        "management": latest.management,
        "approach": tsm_summary_of_approach(latest),
        "breakdowns": _breakdowns(latest, groups),
    }
