"""The resident's private calendar feed: a secret address they can change (revoking the old one)."""

from django.db import transaction

from engagement.models import Resident
from events.models import CalendarFeed


def calendar_feed_for(*, resident: Resident) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(resident=resident, defaults={"token": CalendarFeed.new_token()})
    return feed


@transaction.atomic
def calendar_feed_reset(*, resident: Resident) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(resident=resident)
    feed.token = CalendarFeed.new_token()
    feed.save(update_fields=["token", "created_at"])
    return feed
