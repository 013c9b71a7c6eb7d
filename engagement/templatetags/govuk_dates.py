"""Template filters for dates and times in GOV.UK style (see engagement.dates)."""

from django import template

from engagement.dates import date_text, time_on_date_text, time_text, when_text

register = template.Library()


@register.filter
def govuk_date(value) -> str:
    """'3 March 2026'."""
    return date_text(value) if value else ""


@register.filter
def govuk_day(value) -> str:
    """'Tuesday 3 March 2026'."""
    return date_text(value, weekday=True) if value else ""


@register.filter
def govuk_time(value) -> str:
    """'midnight', 'midday', '9am', '5:30pm'."""
    return time_text(value) if value else ""


@register.filter
def govuk_time_on_day(value) -> str:
    """'6pm on Tuesday 3 March 2026': a deadline."""
    return time_on_date_text(value, weekday=True) if value else ""


@register.filter
def govuk_when(event) -> str:
    """When something with `starts_at` and `ends_at` happens: 'Tuesday 3 March 2026, 6pm to 7:30pm'."""
    return when_text(event.starts_at, event.ends_at)
