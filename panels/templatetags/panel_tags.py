"""Dates, times and tags written the GOV.UK way on panel pages."""

from django import template
from django.utils import timezone

register = template.Library()

_STATUS_COLOURS = {
    "recruiting": "govuk-tag--green",
    "active": "govuk-tag--blue",
    "finished": "govuk-tag--grey",
    "draft": "govuk-tag--grey",
    "submitted": "govuk-tag--blue",
    "shortlisted": "govuk-tag--light-blue",
    "accepted": "govuk-tag--green",
    "declined": "govuk-tag--red",
    "withdrawn": "govuk-tag--grey",
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "done": "govuk-tag--green",
    "closed": "govuk-tag--grey",
    "partly_accepted": "govuk-tag--yellow",
    "not_accepted": "govuk-tag--red",
    "awaiting": "govuk-tag--grey",
}


@register.filter
def tag_colour(status: str) -> str:
    return _STATUS_COLOURS.get(status, "govuk-tag--grey")


@register.filter
def govuk_time(value) -> str:
    """6pm, 6:30pm, midday: the GOV.UK style for times."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.hour == 12 and local.minute == 0:
        return "midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


@register.filter
def govuk_date(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return f"{value.day} {value:%B %Y}"
