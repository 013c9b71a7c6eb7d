"""TSM results on a small, known set of answers: percentages, bases, margins, groups, weighting, years."""

from datetime import date

import pytest
from django.utils import timezone

from engagement.models import TenureType
from engagement.tests.factories import ResidentFactory, TenancyFactory
from surveys.models import ManagementInformation, TsmSurvey
from surveys.services.tsm import tsm_results_by_year, tsm_year_results
from surveys.services.tsm.approach import tsm_summary_of_approach
from surveys.services.tsm.exports import HEADER, tsm_return_rows
from surveys.tests.tsm_helpers import tsm_answer, tsm_survey
from surveys.tsm.statistics import margin_of_error

pytestmark = pytest.mark.django_db

RENT, OWN = TenureType.COUNCIL_TENANT, TenureType.SHARED_OWNER


@pytest.fixture
def answered():
    rented = TenancyFactory.create_batch(6, tenure_type=RENT)
    owned = TenancyFactory.create_batch(2, tenure_type=OWN)
    TenancyFactory(tenure_type=TenureType.RESIDENT_LEASEHOLDER)
    tsm = tsm_survey()
    tsm_answer(tsm, rented[0], {"TP01": "Very satisfied", "TP05": "Very satisfied", "filter:repairs": "No"})
    tsm_answer(tsm, rented[1], {"TP01": "Fairly satisfied", "TP05": "Not applicable / don't know"})
    tsm_answer(tsm, rented[2], {"TP01": "Fairly dissatisfied", "TP05": "Very dissatisfied"})
    tsm_answer(
        tsm,
        rented[3],
        {"TP01": "Neither satisfied nor dissatisfied", "filter:repairs": "Yes", "TP02": "Fairly satisfied"},
    )
    tsm_answer(tsm, owned[0], {"TP01": "Very satisfied", "TP08": "Agree"})
    return tsm


def test_a_measure_is_the_satisfied_out_of_those_who_gave_one_of_the_five_answers(answered):
    results = tsm_year_results(answered)
    tp01 = results.measure("TP01").groups
    assert (tp01["lcra"].positive, tp01["lcra"].base) == (2, 4)
    assert tp01["lcra"].percent == 50
    assert (tp01["lcho"].positive, tp01["lcho"].base) == (1, 1)
    tp05 = results.measure("TP05").groups["lcra"]
    # "Not applicable / don't know" and those who left it are outside the base.
    assert (tp05.positive, tp05.base) == (1, 2)


def test_those_not_asked_because_of_a_filter_are_outside_the_base(answered):
    tp02 = tsm_year_results(answered).measure("TP02").groups["lcra"]
    assert (tp02.positive, tp02.base) == (1, 1)


def test_agreement_counts_strongly_agree_and_agree(answered):
    assert tsm_year_results(answered).measure("TP08").groups["lcho"].percent == 100


def test_the_margin_of_error_uses_the_groups_homes(answered):
    tp01 = tsm_year_results(answered).measure("TP01").groups["lcra"]
    assert tp01.homes == 6
    assert tp01.margin == pytest.approx(margin_of_error(2, 4, 6))
    assert tp01.margin == pytest.approx(100 * 1.96 * (0.25 / 4) ** 0.5 * (2 / 5) ** 0.5)


def test_responses_are_counted_by_tenure_group_leaving_out_tenures_the_tsms_do_not_cover(answered):
    assert tsm_year_results(answered).responses == {"lcra": 4, "lcho": 1}


def test_estate_figures_from_few_households_are_withheld(answered):
    rows = tsm_year_results(answered).measure("TP01").by_estate["lcra"]
    assert rows and all(figure.withheld for _, figure in rows)


def _young_and_old_households(tsm_kwargs=None):
    """Two young households and two older ones; one young household and both older ones answer."""
    homes = TenancyFactory.create_batch(4, tenure_type=RENT)
    tsm = tsm_survey(weighted=True, **(tsm_kwargs or {}))
    for tenancy in homes[:2]:
        ResidentFactory(tenancy=tenancy, date_of_birth=date(2000, 1, 1))
    for tenancy in homes[2:]:
        ResidentFactory(tenancy=tenancy, date_of_birth=date(1950, 1, 1))
    tsm_answer(tsm, homes[0], {"TP01": "Very dissatisfied"}, date_of_birth=date(2001, 1, 1))
    for tenancy in homes[2:]:
        tsm_answer(tsm, tenancy, {"TP01": "Very satisfied"}, date_of_birth=date(1952, 1, 1))
    return tsm, homes


def test_weighting_by_household_age_brings_young_households_back_up_to_their_share(db):
    tsm, _ = _young_and_old_households()
    results = tsm_year_results(tsm)
    tp01 = results.measure("TP01").groups["lcra"]
    assert tp01.percent == pytest.approx(200 / 3)
    # Households: young 2 of 4, older 2 of 4; responses: young 1 of 3 (weight 1.5), older 2 of 3 (weight 0.75).
    assert results.weights == {("lcra", "16 to 34"): 1.5, ("lcra", "65 and over"): 0.75}
    assert tp01.weighted_percent == pytest.approx(50)
    assert results.reported(tp01) == tp01.weighted_percent
    weighting = dict(tsm_summary_of_approach(results))["Weighting"]
    assert "LCRA 16 to 34: 50% of households, 33% of responses, weight 1.50" in weighting
    assert "Unweighted figures are published alongside" in weighting


def test_weighting_counts_households_not_the_people_in_them(db):
    tsm, homes = _young_and_old_households()
    # A big young household and an older one with a young lodger: still one young and one older household.
    ResidentFactory.create_batch(5, tenancy=homes[1], date_of_birth=date(1999, 1, 1))
    ResidentFactory(tenancy=homes[3], date_of_birth=date(2003, 1, 1))
    results = tsm_year_results(tsm)
    assert results.households == {("lcra", "16 to 34"): 2, ("lcra", "65 and over"): 2}
    assert results.measure("TP01").groups["lcra"].weighted_percent == pytest.approx(50)


def test_results_come_year_by_year_and_only_once_published(answered):
    earlier = tsm_survey(year=2025)
    TsmSurvey.objects.filter(pk=earlier.pk).update(published_at=timezone.now())
    assert [results.year for results in tsm_results_by_year()] == [2025]
    assert [results.year for results in tsm_results_by_year(published_only=False)] == [2025, 2026]


def test_the_summary_of_approach_covers_every_item_the_regulator_lists(answered):
    summary = dict(tsm_summary_of_approach(tsm_year_results(answered)))
    assert list(summary) == [
        "Achieved sample size",
        "Timing of the survey",
        "Collection methods",
        "Sample method",
        "Representativeness of the sample",
        "Weighting",
        "External contractor",
        "Households excluded",
        "Reasons for exclusions",
        "Incentives",
        "Other methodological issues",
    ]
    assert "4 responses from 6 homes" in summary["Achieved sample size"]
    assert summary["Collection methods"] == "Email invitation: 5 (100%)"
    assert summary["Sample method"].startswith("A census")


def test_the_return_has_a_row_per_measure_and_group_then_the_management_information(answered):
    ManagementInformation.objects.create(year=2026, code="BS01", numerator=997, denominator=1000)
    rows = list(tsm_return_rows(tsm_year_results(answered)))
    assert rows[0] == HEADER
    assert rows[1][:9] == ["2026/27", "TP01", "Overall satisfaction", "LCRA", 50.0, "%", 2, 4, rows[1][8]]
    assert len(rows) == 1 + 12 * 2 + 14
    gas = next(row for row in rows if row[1] == "BS01")
    assert gas[4] == 99.7 and gas[6:8] == [997, 1000]


def test_a_place_where_everyone_said_not_applicable_has_no_figure_at_all(answered):
    # Each renting household is on its own estate; one of the three who answered TP05 said "don't know".
    rows = tsm_year_results(answered).measure("TP05").by_estate["lcra"]
    assert [figure.base for _, figure in rows] == [1, 1]
