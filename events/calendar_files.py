"""Calendar files (.ics, built with `icalendar`) and "add to Google / Outlook" links.

A joining link goes only into calendars made for a resident with a confirmed place:
the caller says so with `with_joining_link`.
"""

from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from engagement.links import site_url
from events.models import Event
from events.services.notices import event_where


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "resident-voice"
    return f"event-{event.pk}@{host}"


def _description(event: Event, with_joining_link: bool) -> str:
    parts = [event.description.strip()] if event.description.strip() else []
    if with_joining_link and event.joining_link:
        parts.append(f"Join online: {event.joining_link}")
    elif event.is_online:
        parts.append("The joining link is shown on the event page to people who have booked.")
    parts.append(f"Details: {site_url('events:detail', event.pk)}")
    return "\n\n".join(parts)


def _calendar_event(event: Event, with_joining_link: bool) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", _uid(event))
    item.add("dtstamp", timezone.now().astimezone(UTC))
    item.add("last-modified", event.updated_at.astimezone(UTC))
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("summary", event.title)
    item.add("description", _description(event, with_joining_link))
    item.add("location", event_where(event))
    item.add("url", site_url("events:detail", event.pk))
    item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    return item


def calendar_ics(events: Iterable[Event], *, name: str, joining_links_for: set[int] = frozenset()) -> bytes:
    """An iCalendar file of the events; `joining_links_for` names the events whose link may be included."""
    cal = Calendar()
    cal.add("prodid", f"-//{settings.COUNCIL_NAME}//{settings.SERVICE_NAME}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_calendar_event(event, event.pk in joining_links_for))
    return cal.to_ical()


def _utc_stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(event: Event, *, request=None, with_joining_link: bool) -> dict[str, str]:
    """Links to add the event to a calendar: our .ics file, Google Calendar and Outlook."""
    description = _description(event, with_joining_link)
    where = event_where(event)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": f"{_utc_stamp(event.starts_at)}/{_utc_stamp(event.ends_at)}",
            "details": description,
            "location": where,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": event.starts_at.astimezone(UTC).isoformat(),
            "enddt": event.ends_at.astimezone(UTC).isoformat(),
            "body": description,
            "location": where,
        }
    )
    return {"ics": reverse("events:ics", args=[event.pk]), "google": google, "outlook": outlook}
