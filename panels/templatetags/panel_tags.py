"""Status tags on panel pages, coloured the GOV.UK way."""

from django import template

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
