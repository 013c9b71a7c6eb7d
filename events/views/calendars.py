"""Calendar files: one event, the public feed of What's on, and a resident's private feed."""

from datetime import timedelta

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.cache import never_cache

from engagement.views.residents import resident_or_none
from events.calendars import calendar_ics
from events.models import Booking, CalendarFeed, Event
from events.rules import joining_link_visible

# Feeds keep recent events so calendars do not lose what happened last month.
FEED_PAST_DAYS = 90


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


def public_feed(request):
    """Every public event, filterable by ?estate=<id> and ?kind=<kind>, for calendar apps to subscribe to."""
    events = (
        Event.objects.whats_on()
        .exclude(kind=Event.Kind.DOOR_KNOCKING)
        .filter(ends_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS))
        .select_related("venue", "estate")
    )
    estate = request.GET.get("estate", "")
    if estate:
        if not estate.isdigit():
            raise Http404("No such estate")
        events = events.filter(estate_id=int(estate))
    if request.GET.get("kind"):
        events = events.filter(kind=request.GET["kind"])
    return _ics_response(calendar_ics(events, name="Resident Voice: what's on"), "whats-on.ics")


@never_cache
def private_feed(request, token: str):
    feed = CalendarFeed.objects.filter(token=token).select_related("resident").first()
    if feed is None:
        raise Http404("This calendar link has been changed or does not exist")
    bookings = (
        Booking.objects.filter(resident=feed.resident)
        .filter(Q(status__in=Booking.ACTIVE) | Q(event__status=Event.Status.CANCELLED))
        .filter(event__ends_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS))
        .select_related("event__venue", "event__estate")
    )
    events = [booking.event for booking in bookings]
    confirmed = {
        booking.event_id
        for booking in bookings
        if booking.status == Booking.Status.CONFIRMED and booking.event.status == Event.Status.PUBLISHED
    }
    return _ics_response(
        calendar_ics(events, name="Your events", joining_links_for=confirmed), "your-events.ics", private=True
    )
