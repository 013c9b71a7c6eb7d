"""Events' sections of the councillors' weekly ward digest (engagement/messaging/services/digests.py):
what was held on the ward's estates that week, with who came, and what is coming up."""

from datetime import datetime, timedelta

from engagement.dates import when_text
from engagement.links import site_url
from engagement.messaging.services.digests import DigestItem
from engagement.models import Ward
from events.models import Event
from events.services.notices import event_where

WEEKS_AHEAD = 4


def _ward_events(ward: Ward | None, starting_from: datetime, before: datetime):
    """The ward's events, or (ward None) borough-wide ones: those on no estate."""
    where = {"estate__ward": ward} if ward is not None else {"estate__isnull": True}
    return (
        Event.objects.filter(listed=True, starts_at__gte=starting_from, starts_at__lt=before, **where)
        .exclude(kind=Event.Kind.DOOR_KNOCKING)
        .select_related("venue", "estate")
        .order_by("starts_at", "pk")
    )


def events_held(ward: Ward, since: datetime, until: datetime) -> list[DigestItem]:
    """Events held in the ward that week, with how many came (surgeries go on only if people do)."""
    held = _ward_events(ward, since, until).filter(status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED])
    return [
        DigestItem(
            title=event.title,
            detail=f"{when_text(event.starts_at, event.ends_at)}, {event_where(event)}: {event.came} came",
            url=site_url("events:detail", event.pk),
        )
        for event in held.with_attended()
    ]


def borough_wide_events_coming_up(ward: Ward, since: datetime, until: datetime) -> list[DigestItem]:
    """Events on no one estate (roadshows, online workshops) in the next four weeks: every ward hears of them."""
    return events_coming_up(None, since, until)


def events_coming_up(ward: Ward | None, since: datetime, until: datetime) -> list[DigestItem]:
    """Events in the ward in the next four weeks, with places booked; cancellations are said so."""
    coming = _ward_events(ward, until, until + timedelta(weeks=WEEKS_AHEAD)).filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]
    )
    items = []
    for event in coming.with_places_taken():
        if event.status == Event.Status.CANCELLED:
            booked = "cancelled"
        elif event.capacity:
            booked = f"{event.taken} of {event.capacity} places booked"
        else:
            booked = f"{event.taken} places booked"
        items.append(
            DigestItem(
                title=event.title,
                detail=f"{when_text(event.starts_at, event.ends_at)}, {event_where(event)}: {booked}",
                url=site_url("events:detail", event.pk),
            )
        )
    return items
