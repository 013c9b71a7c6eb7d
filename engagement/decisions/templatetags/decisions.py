"""What other apps' pages show of the decision trail, without their views knowing about it."""

from django import template
from django.db.models import Prefetch

from engagement.decisions.models import Action, ClosingReport, Decision, DecisionSource

register = template.Library()

OVERDUE_SHOWN = 20


@register.inclusion_tag("decisions/_overdue.html")
def overdue_decisions():
    """Published decisions past their target date, for the Service and Performance Panel's page."""
    overdue = Decision.objects.published().overdue().order_by("target_date", "pk")
    return {"overdue": overdue[:OVERDUE_SHOWN], "count": overdue.count()}


@register.inclusion_tag("decisions/_closing_report.html")
def closing_report(event):
    """What came of a past event, with its action plan and the decisions its actions led to."""
    report = (
        ClosingReport.objects.filter(event=event, published=True)
        .prefetch_related(
            Prefetch(
                "actions",
                Action.objects.prefetch_related(
                    Prefetch(
                        "decision_sources",
                        DecisionSource.objects.filter(decision__published_at__isnull=False).select_related("decision"),
                    )
                ),
            )
        )
        .first()
    )
    came = None
    if report is not None:
        came = report.people_came
        if came is None:
            came = event.bookings.filter(status="confirmed", attendance="attended").count()
    return {"report": report, "came": came}
