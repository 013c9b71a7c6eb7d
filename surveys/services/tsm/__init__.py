"""Tenant Satisfaction Measures: setting up the survey, sampling, results and the management information.

The performance board reads `tsm_results_by_year()`: a list of `YearResults`, oldest first.
"""

from surveys.services.tsm.results import YearResults, tsm_results_by_year, tsm_year_results

__all__ = ["YearResults", "tsm_results_by_year", "tsm_year_results"]
