"""Calendar files: one event, the public feed of What's on, and a resident's private feed.

Calendar apps poll feeds every few minutes. A feed holds a bounded number of events (recent ones and
the next 12 months', up to a cap), carries an ETag and Last-Modified, and answers a poll with nothing
new by 304 Not Modified; the public feed's file is kept in the cache under its ETag.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.cache import never_cache

from engagement.views.residents import resident_or_none
from events.calendar_files import calendar_ics
from events.models import Booking, CalendarFeed, Event
from events.rules import joining_link_visible

# Feeds keep recent events so calendars do not lose what happened last month.
FEED_PAST_DAYS = 90
FEED_MOST_PAST = 50
# ...and look a year ahead, to a limit a calendar app reads quickly.
FEED_DAYS_AHEAD = 365
FEED_MOST_TO_COME = 250
FEED_CACHE_SECONDS = 60 * 60


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


# What a feed's version is worked out from: each event, and the names and places its file gives.
FEED_FACTS = ("pk", "updated_at", "estate__name", "venue__name", "venue__address", "venue__postcode")


def _facts(events: list[Event]) -> list[tuple]:
    """FEED_FACTS of events already read."""
    return [
        (event.pk, event.updated_at, event.estate.name if event.estate_id else None)
        + ((event.venue.name, event.venue.address, event.venue.postcode) if event.venue_id else (None, None, None))
        for event in events
    ]


def _feed_version(facts: list[tuple], *parts) -> str:
    """Changes whenever anything the feed's file says changes (the event, its venue, who sees the link)."""
    digest = hashlib.sha256(repr(parts).encode())
    for row in facts:
        digest.update(repr(row).encode())
    return digest.hexdigest()[:32]


def _feed_response(
    request, facts: list[tuple], events, *, name: str, filename: str, private: bool, joining_links_for=frozenset()
):
    """The feed's file, or 304 Not Modified when the calendar app already has this version. Only a public
    feed's file is kept in the cache: a private one is for one resident. `facts` are the events' FEED_FACTS;
    `events()` reads the events themselves, only when the file has to be written."""
    version = _feed_version(facts, name, sorted(joining_links_for))
    modified = max((row[1] for row in facts), default=None)
    last_modified = int(modified.timestamp()) if modified else None
    not_modified = get_conditional_response(request, etag=quote_etag(version), last_modified=last_modified)
    if not_modified is None:
        key = f"events:feed:{version}"
        body = None if private else cache.get(key)
        if body is None:
            body = calendar_ics(events(), name=name, joining_links_for=joining_links_for)
            if not private:
                cache.set(key, body, FEED_CACHE_SECONDS)
        response = _ics_response(body, filename, private=private)
    else:
        response = not_modified
    response["ETag"] = quote_etag(version)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


PUBLIC_FEED_NAME = "Resident Voice: what's on"


def public_feed(request):
    """Public events, filterable by ?estate=<id> and ?kind=<kind>, for calendar apps to subscribe to."""
    events = Event.objects.whats_on().exclude(kind=Event.Kind.DOOR_KNOCKING).select_related("venue", "estate")
    estate = request.GET.get("estate", "")
    if estate:
        if not estate.isdigit():
            raise Http404("No such estate")
        events = events.filter(estate_id=int(estate))
    if request.GET.get("kind"):
        events = events.filter(kind=request.GET["kind"])
    # The version from a few columns of each event; whole events are read only when the file is not kept.
    facts = feed_events(events.values_list(*FEED_FACTS))
    return _feed_response(
        request, facts, lambda: feed_events(events), name=PUBLIC_FEED_NAME, filename="whats-on.ics", private=False
    )


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
    return _feed_response(
        request,
        _facts(events),
        lambda: events,
        name="Your events",
        filename="your-events.ics",
        private=True,
        joining_links_for=confirmed,
    )
