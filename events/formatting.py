"""Dates and times the GOV.UK way: "Tuesday 3 March 2026, 6pm to 7:30pm"."""

from datetime import datetime

from django.utils import timezone


def time_text(moment: datetime) -> str:
    moment = timezone.localtime(moment)
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def date_text(moment: datetime) -> str:
    moment = timezone.localtime(moment)
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def when_text(starts_at: datetime, ends_at: datetime) -> str:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{date_text(start)}, {time_text(start)} to {time_text(end)}"
    return f"{date_text(start)}, {time_text(start)} to {date_text(end)}, {time_text(end)}"
