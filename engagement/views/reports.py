"""The reach and diversity report for community relations: who takes part, by estate and ward."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from engagement.exports import csv_response, xlsx_response
from engagement.forms.reports import ReachReportForm
from engagement.services.reach_report import (
    UNDER_REACHED_SHARE,
    arrange,
    diversity,
    estate_figures,
    estate_rows,
    ward_rows,
)
from engagement.small_numbers import SMALL_GROUP

REPORT_PERMISSION = "engagement.view_reach_report"
EQUALITY_PERMISSION = "engagement.view_equalitymonitoring"


# Working the figures out reads every resident and every booking: seconds at a large landlord's size.
# They are kept for a quarter of an hour (the page says when they were worked out); a ward or an order
# chosen on the page only rearranges them.
FIGURES_KEPT_SECONDS = 15 * 60


def _kept(name: str, since, work_out):
    key = f"reports:reach:{name}:{since.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = work_out(since)
        cache.set(key, figures, FIGURES_KEPT_SECONDS)
    return figures


def _report(form: ReachReportForm):
    return arrange(_kept("estates", form.since(), estate_figures), ward_id=form.ward_id, sort=form.sort_by)


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def reach_report(request):
    form = ReachReportForm(request.GET or None)
    report = _report(form)
    can_see_equality = request.user.has_perm(EQUALITY_PERMISSION)
    return render(
        request,
        "engagement/reports/reach.html",
        {
            "form": form,
            "report": report,
            "diversity": _kept("diversity", report.since, diversity) if can_see_equality else None,
            "can_see_equality": can_see_equality,
            "can_bulk_send": request.user.has_perm("messaging.add_bulksend"),
            "under_reached_percent": int(UNDER_REACHED_SHARE * 100),
            "small_group": SMALL_GROUP,
            "query": request.GET.urlencode(),
            "page_title": "Reach and diversity report",
        },
    )


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def reach_export(request, fmt: str):
    report = _report(ReachReportForm(request.GET or None))
    # The dates the report covers: involvement since the chosen date, up to today.
    stamp = f"{timezone.localdate(report.since).isoformat()}-to-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        return csv_response(estate_rows(report), f"reach-by-estate-{stamp}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            {"Reach by estate": estate_rows(report), "Reach by ward": ward_rows(report)}, f"reach-{stamp}.xlsx"
        )
    raise Http404("No such format")
