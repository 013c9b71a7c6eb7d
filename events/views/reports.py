"""The attendance report for community relations: totals on the page, every row in the download."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from engagement.exports import csv_response, xlsx_response
from events.forms_reports import AttendanceReportForm
from events.services.reports import add_totals, attendance_rows, register_rows, report_events_in_order, totals_rows

REPORT_PERMISSION = "events.view_attendance_report"
# The report counts people by reference; the named register is for staff who may see residents' names.
NAMES_PERMISSION = "engagement.view_resident"


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
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "page_title": _("Attendance report"),
            "can_see_names": request.user.has_perm(NAMES_PERMISSION),
        },
    )


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def attendance_export(request, fmt: str):
    filters = AttendanceReportForm(request.GET or None).filters()
    stamp = _dates_covered(filters)
    if fmt == "csv":
        return csv_response(attendance_rows(filters), f"attendance-{stamp}.csv")
    if fmt == "totals.csv":
        return csv_response(totals_rows(filters), f"attendance-totals-{stamp}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            {"Attendance": attendance_rows(filters), "Totals per event": totals_rows(filters)},
            f"attendance-{stamp}.xlsx",
        )
    if fmt in ("register.csv", "register.xlsx"):
        if not request.user.has_perm(NAMES_PERMISSION):
            raise PermissionDenied
        if fmt == "register.csv":
            return csv_response(register_rows(filters), f"attendance-register-{stamp}.csv")
        return xlsx_response({"Register": register_rows(filters)}, f"attendance-register-{stamp}.xlsx")
    raise Http404("No such format")


def _dates_covered(filters) -> str:
    """For the file name: the range asked for, so two downloads of different quarters are told apart."""
    since, until = filters.date_from, filters.date_to
    if since and until:
        return f"{since.isoformat()}-to-{until.isoformat()}"
    if since:
        return f"from-{since.isoformat()}"
    if until:
        return f"up-to-{until.isoformat()}"
    return "all-dates"
