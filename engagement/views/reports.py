"""The reach and diversity report for community relations: who takes part, by estate and ward."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engagement.exports import csv_response, xlsx_response
from engagement.forms.reports import ReachReportForm
from engagement.services.reach_report import (
    UNDER_REACHED_SHARE,
    estate_rows,
    figures_version,
    kept_by_age,
    kept_diversity,
    kept_reach_by_estate,
    reach_chart,
    tenure_rows,
    ward_rows,
)
from engagement.small_numbers import SMALL_GROUP
from engagement.versions import KEPT_SECONDS, content_key

REPORT_PERMISSION = "engagement.view_reach_report"
EQUALITY_PERMISSION = "engagement.view_equalitymonitoring"


def _report(form: ReachReportForm, version: tuple | None):
    return kept_reach_by_estate(form.since(), version, ward_id=form.ward_id, sort=form.sort_by)


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def reach_report(request):
    form = ReachReportForm(request.GET or None)
    # The figures' version, read once for everything the page keeps.
    version = figures_version()
    report = _report(form, version)
    can_see_equality = request.user.has_perm(EQUALITY_PERMISSION)
    can_bulk_send = request.user.has_perm("messaging.add_bulksend")
    # The chart and estates' table as written, from everything they show (see engagement.versions).
    estates_key = version and content_key(
        version, report.since, timezone.localdate(), form.ward_id, form.sort_by, can_bulk_send, get_language()
    )
    return render(
        request,
        "engagement/reports/reach.html",
        {
            "form": form,
            "report": report,
            "chart": lambda: reach_chart(report),  # worked out only when the kept table is not
            "ages": kept_by_age(report.since, version),
            "diversity": kept_diversity(report.since, version) if can_see_equality else None,
            "can_see_equality": can_see_equality,
            "can_bulk_send": can_bulk_send,
            "estates_key": estates_key,
            "kept_seconds": KEPT_SECONDS,
            "can_edit_profile": request.user.has_perm("engagement.add_tenantprofilefigure"),
            "under_reached_percent": int(UNDER_REACHED_SHARE * 100),
            "small_group": SMALL_GROUP,
            "query": request.GET.urlencode(),
            "page_title": _("Reach and diversity report"),
        },
    )


@login_required
@permission_required(REPORT_PERMISSION, raise_exception=True)
def reach_export(request, fmt: str):
    report = _report(ReachReportForm(request.GET or None), figures_version())
    # The dates the report covers: involvement since the chosen date, up to today.
    stamp = f"{timezone.localdate(report.since).isoformat()}-to-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        return csv_response(estate_rows(report), f"reach-by-estate-{stamp}.csv")
    if fmt == "xlsx":
        return xlsx_response(
            {
                "Reach by estate": estate_rows(report),
                "Reach by ward": ward_rows(report),
                "Reach by tenure": tenure_rows(report),
            },
            f"reach-{stamp}.xlsx",
        )
    raise Http404("No such format")
