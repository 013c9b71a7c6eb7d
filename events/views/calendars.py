"""Calendar files: one event, the public feed of What's on, and a resident's private feed.

Calendar apps poll feeds every few minutes. A feed holds a bounded number of events (recent ones and
the next 12 months', up to a cap), carries an ETag and Last-Modified, and answers a poll with nothing
new by 304 Not Modified; the public feed's file is kept with its ETag (engagement.versions).
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.cache import never_cache

from engagement.models import Estate
from engagement.versions import kept
from engagement.views.residents import resident_or_none
from events.calendar_files import calendar_ics
from events.models import Booking, CalendarFeed, Event, Venue
from events.rules import joining_link_visible

# Feeds keep recent events so calendars do not lose what happened last month.
FEED_PAST_DAYS = 90
FEED_MOST_PAST = 50
# ...and look a year ahead, to a limit a calendar app reads quickly.
FEED_DAYS_AHEAD = 365
FEED_MOST_TO_COME = 250


def _ics_response(body: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def event_ics(request, pk: int):
    resident = resident_or_none(request)
    event = get_object_or_404(Event.objects.visible_to(resident).select_related("venue", "estate"), pk=pk)
    with_link = joining_link_visible(event=event, resident=resident)
    body = calendar_ics([event], name=event.title, joining_links_for={event.pk} if with_link else set())
    return _ics_response(body, f"event-{event.pk}.ics", private=with_link)


def feed_events(events) -> list[Event]:
    """What a feed holds of `events`: the latest that finished in the last FEED_PAST_DAYS and the soonest
    to come in the next FEED_DAYS_AHEAD, each up to its limit, in date order."""
    now = timezone.now()
    past = events.filter(ends_at__lt=now, ends_at__gte=now - timedelta(days=FEED_PAST_DAYS))
    to_come = events.filter(ends_at__gte=now, starts_at__lt=now + timedelta(days=FEED_DAYS_AHEAD))
    held = list(past.order_by("-starts_at", "-pk")[:FEED_MOST_PAST])
    return held[::-1] + list(to_come.order_by("starts_at", "pk")[:FEED_MOST_TO_COME])


def _facts(events: list[Event]) -> list[tuple]:
    """What a feed's version is worked out from: each event, and the names and places its file gives."""
    return [
        (event.pk, event.updated_at, event.estate.name if event.estate_id else None)
        + ((event.venue.name, event.venue.address, event.venue.postcode) if event.venue_id else (None, None, None))
        for event in events
    ]


def _feed_version(facts: list[tuple], *parts) -> tuple[str, int | None]:
    """The feed's ETag, which changes whenever anything its file says changes (the event, its venue, who
    sees the link), and when it last changed (for Last-Modified)."""
    digest = hashlib.sha256(repr(parts).encode())
    for row in facts:
        digest.update(repr(row).encode())
    modified = max((row[1] for row in facts), default=None)
    return digest.hexdigest()[:32], int(modified.timestamp()) if modified else None


def _feed_response(request, version: str, last_modified: int | None, body: Callable[[], bytes], **file):
    """The feed's file, or 304 Not Modified when the calendar app already has this version; `body()` writes
    the file only when it is sent."""
    response = get_conditional_response(request, etag=quote_etag(version), last_modified=last_modified)
    if response is None:
        response = _ics_response(body(), **file)
    response["ETag"] = quote_etag(version)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


PUBLIC_FEED_NAME = "Resident Voice: what's on"


def _public_feed_file(events) -> tuple[str, int | None, bytes]:
    held = feed_events(events)
    return *_feed_version(_facts(held), PUBLIC_FEED_NAME, []), calendar_ics(held, name=PUBLIC_FEED_NAME)


def public_feed(request):
    """Public events, filterable by ?estate=<id> and ?kind=<kind>, for calendar apps to subscribe to.

    The file is kept with its version until an event, venue or estate changes, and for a minute at most:
    what it holds moves on as events finish."""
    events = Event.objects.whats_on().exclude(kind=Event.Kind.DOOR_KNOCKING).select_related("venue", "estate")
    estate = request.GET.get("estate", "")
    if estate:
        if not estate.isdigit():
            raise Http404("No such estate")
        events = events.filter(estate_id=int(estate))
    kind = request.GET.get("kind", "")
    if kind:
        events = events.filter(kind=kind)
    minute = timezone.now().replace(second=0, microsecond=0)
    version, last_modified, body = kept(
        "public_feed", lambda: _public_feed_file(events), Event, Venue, Estate, key=(estate, kind, minute)
    )
    return _feed_response(request, version, last_modified, lambda: body, filename="whats-on.ics")


@never_cache
def private_feed(request, token: str):
    feed = CalendarFeed.objects.filter(token=token).select_related("resident").first()
    if feed is None:
        raise Http404("This calendar link has been changed or does not exist")
    theirs = Booking.objects.filter(event=OuterRef("pk"), resident=feed.resident)
    booked = Event.objects.filter(
        Exists(theirs.filter(Q(status__in=Booking.ACTIVE) | Q(event__status=Event.Status.CANCELLED)))
    ).annotate(place_confirmed=Exists(theirs.filter(status=Booking.Status.CONFIRMED)))
    events = feed_events(booked.select_related("venue", "estate"))
    confirmed = {event.pk for event in events if event.place_confirmed and event.status == Event.Status.PUBLISHED}
    name = "Your events"
    version, last_modified = _feed_version(_facts(events), name, sorted(confirmed))
    return _feed_response(
        request,
        version,
        last_modified,
        lambda: calendar_ics(events, name=name, joining_links_for=confirmed),
        filename="your-events.ics",
        private=True,
    )
