"""The summary of approach the regulator asks every landlord to publish with its perception measures
(items a to k of the survey requirements), written from the survey's own records."""

from collections import Counter

from django.utils import timezone

from engagement.dates import date_text
from engagement.models import TsmStockGroup
from surveys.models import Response, TsmSurvey
from surveys.services.tsm.results import YearResults
from surveys.services.tsm.sampling import tsm_sample_plan
from surveys.tsm.statistics import widest_margin


def _channels(tsm: TsmSurvey) -> str:
    counts = Counter(
        Response.objects.filter(survey=tsm.survey, submitted_at__isnull=False).values_list("channel", flat=True)
    )
    if not counts:
        return "No responses yet."
    labels = dict(Response._meta.get_field("channel").choices)
    total = sum(counts.values())
    return "; ".join(
        f"{labels.get(channel, channel)}: {count:,} ({100 * count / total:.0f}%)"
        for channel, count in counts.most_common()
    )


def tsm_summary_of_approach(results: YearResults) -> list[tuple[str, str]]:
    """(heading, text) for each item, in the regulator's order."""
    tsm = results.tsm
    plans = {plan.group: plan for plan in tsm_sample_plan(tsm)}
    achieved = []
    for group in TsmStockGroup:
        responses, homes = results.responses[group], tsm.homes(group)
        if not homes:
            continue
        margin = widest_margin(responses, homes)
        achieved.append(
            f"{group.label}: {responses:,} responses from {homes:,} homes"
            + (
                f", a margin of error of ±{margin:.1f} percentage points at 95% confidence"
                if margin is not None
                else ""
            )
            + f" (the aim was ±{tsm.margin(group)}, which needs {plans[group].size.required:,} responses)."
        )
    survey = tsm.survey
    if tsm.method == TsmSurvey.Method.CENSUS:
        method = "A census: every household in low-cost rental and low-cost home ownership homes was invited."
    else:
        method = (
            "A random sample, stratified by tenure group (LCRA, LCHO) and estate, each estate's share in proportion "
            "to its homes. "
            + " ".join(
                f"{plan.label}: {plan.to_invite:,} households invited, for {plan.size.required:,} responses "
                f"({plan.size.formula})."
                for plan in plans.values()
                if plan.homes
            )
        )
    if tsm.weighted:
        represent = (
            "The households who answered were set against the households on the tenancy list by tenure group "
            "and household age band (see Weighting). Results by estate and ward are published where enough "
            "households answered."
        )
    else:
        represent = (
            "Results by estate and ward are published where enough households answered, so places that answered "
            "less can be seen."
        )
    if tsm.weighted:
        household_total = sum(results.households.values()) or 1
        sample_total = sum(results.sample.values()) or 1
        cells = "; ".join(
            f"{group.upper()} {age}: {100 * results.households.get((group, age), 0) / household_total:.0f}% of "
            f"households, {100 * results.sample.get((group, age), 0) / sample_total:.0f}% of responses, "
            f"weight {weight:.2f}"
            for (group, age), weight in sorted(results.weights.items())
        )
        weighting = (
            "Results are weighted by tenure group and household age band so that the households who answered "
            "(one response per tenancy) match the households on the tenancy list; a household's age band is its "
            f"eldest resident's. {cells or 'No responses yet'}. Unweighted figures are published alongside."
        )
    else:
        weighting = "No weighting was applied."
    return [
        ("Achieved sample size", " ".join(achieved) or "No homes in the survey."),
        ("Timing of the survey", f"{date_text(survey.opens_at)} to {date_text(survey.closes_at)}."),
        ("Collection methods", _channels(tsm)),
        ("Sample method", method),
        ("Representativeness of the sample", represent),
        ("Weighting", weighting),
        ("External contractor", tsm.contractor or "None: the council ran the survey itself."),
        ("Households excluded", f"{tsm.excluded_households:,}."),
        ("Reasons for exclusions", tsm.exclusion_reasons or "None."),
        ("Incentives", tsm.incentives or "No incentive was offered."),
        ("Other methodological issues", tsm.other_issues or "None known."),
    ]


def tsm_published_now(tsm: TsmSurvey) -> None:
    tsm.published_at = timezone.now()
    tsm.save(update_fields=["published_at"])
