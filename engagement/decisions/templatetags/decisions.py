"""What other apps' pages show of the decision trail, without their views knowing about it."""

from django import template

from engagement.decisions.models import Decision

register = template.Library()

OVERDUE_SHOWN = 20


@register.inclusion_tag("decisions/_overdue.html")
def overdue_decisions():
    """Published decisions past their target date, for the Service and Performance Panel's page."""
    overdue = Decision.objects.published().overdue().order_by("target_date", "pk")
    return {"overdue": overdue[:OVERDUE_SHOWN], "count": overdue.count()}
