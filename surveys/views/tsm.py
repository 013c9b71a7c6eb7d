"""The public Tenant Satisfaction Measures page, the same page for officers before publication, and the
regulator's return as CSV or Excel."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from engagement.exports import csv_response, xlsx_response
from surveys.models import TsmSurvey
from surveys.services.tsm import tsm_results_by_year, tsm_year_results
from surveys.services.tsm.exports import tsm_approach_rows, tsm_return_rows
from surveys.services.tsm.page import tsm_page


def tenant_satisfaction(request):
    return render(request, "surveys/tsm/page.html", tsm_page(tsm_results_by_year()))


def _tsm_for_staff(request, pk) -> TsmSurvey:
    if not request.user.has_perm("surveys.view_survey_results"):
        raise PermissionDenied("Your role does not include survey results.")
    return get_object_or_404(TsmSurvey.objects.select_related("survey"), pk=pk)


@login_required
def tenant_satisfaction_preview(request, pk):
    tsm = _tsm_for_staff(request, pk)
    years = [year for year in tsm_results_by_year(published_only=False) if year.year <= tsm.year]
    return render(request, "surveys/tsm/page.html", {**tsm_page(years), "preview": True})


@login_required
def tenant_satisfaction_csv(request, pk):
    tsm = _tsm_for_staff(request, pk)
    return csv_response(tsm_return_rows(tsm_year_results(tsm)), f"tenant-satisfaction-measures-{tsm.year}.csv")


@login_required
def tenant_satisfaction_xlsx(request, pk):
    tsm = _tsm_for_staff(request, pk)
    results = tsm_year_results(tsm)
    return xlsx_response(
        {"Measures": tsm_return_rows(results), "Summary of approach": tsm_approach_rows(results)},
        f"tenant-satisfaction-measures-{tsm.year}.xlsx",
    )
