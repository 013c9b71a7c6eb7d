"""Dates written the GOV.UK way, for pages and messages alike."""

from django.utils import timezone
from django.utils.dateformat import format as date_format


def when(moment) -> str:
    """'5pm on 13 March 2026', '9:30am on 2 April 2026' (GOV.UK style: no :00, no leading zero)."""
    local = timezone.localtime(moment)
    if local.hour == 0 and local.minute == 0:
        time = "midnight"
    elif local.hour == 12 and local.minute == 0:
        time = "midday"
    else:
        time = date_format(local, "g:i" if local.minute else "g") + ("am" if local.hour < 12 else "pm")
    return f"{time} on {date_format(local, 'j F Y')}"
