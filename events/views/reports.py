"""The attendance report for community relations: totals on the page, every row in the download."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from engagement.exports import csv_response, xlsx_response
from events.forms_reports import AttendanceReportForm
from events.services.reports import add_totals, attendance_rows, report_events_in_order, totals_rows

REPORT_PERMISSION = "events.view_attendance_report"


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def attendance_report(request):
    form = AttendanceReportForm(request.GET or None)
    filters = form.filters()
    page = Paginator(report_events_in_order(filters), 50).get_page(request.GET.get("page"))
    page.object_list = add_totals(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/attendance_report.html",
        {"form": form, "page": page, "query": query.urlencode(), "page_title": "Attendance report"},
    )


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def attendance_export(request, fmt: str):
    filters = AttendanceReportForm(request.GET or None).filters()
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return csv_response(attendance_rows(filters), f"attendance-{stamp}.csv")
    if fmt == "totals.csv":
        return csv_response(totals_rows(filters), f"attendance-totals-{stamp}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            {"Attendance": attendance_rows(filters), "Totals per event": totals_rows(filters)},
            f"attendance-{stamp}.xlsx",
        )
    raise Http404("No such format")
