"""An event that has finished says so, offers no calendar links, and shows what happened where there is any."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from events.rules import booking_eligibility
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _ended(days_ago: int, **fields) -> Event:
    starts = timezone.now() - timedelta(days=days_ago, hours=3)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2), **fields)


@pytest.mark.parametrize(
    ("days_ago", "status"), [(42, Event.Status.COMPLETED), (1, Event.Status.PUBLISHED)], ids=["weeks-ago", "yesterday"]
)
def test_a_finished_event_says_so_and_offers_no_calendar(client, resident, days_ago, status):
    event = _ended(days_ago, status=status)
    client.force_login(resident.user)

    page = client.get(f"/whats-on/{event.pk}/").content.decode()

    assert "This event has finished." in page
    assert "Booking is not open" not in page and "already started" not in page
    assert "Add to your calendar" not in page and "calendar.google.com" not in page
    assert "places left" not in page
    assert booking_eligibility(event=event, resident=resident).code == "finished"


def test_what_came_of_it_is_shown_once_the_event_has_finished(client):
    from engagement.decisions.models import ClosingReport

    finished = _ended(42, status=Event.Status.COMPLETED)
    ClosingReport.objects.create(
        event=finished, what_was_raised="41 repairs reported; 35 done.\nMinutes to follow.", what_happens_next=""
    )
    coming = EventFactory()
    ClosingReport.objects.create(event=coming, what_was_raised="Written early by mistake", what_happens_next="")

    page = client.get(f"/whats-on/{finished.pk}/").content.decode()
    assert "What came of it" in page
    assert "41 repairs reported; 35 done.<br>Minutes to follow." in page
    assert "What happens next" not in page
    page = client.get(f"/whats-on/{coming.pk}/").content.decode()
    assert "Written early by mistake" not in page
    assert "Add to your calendar" in page


def test_a_cancelled_event_in_the_past_still_says_it_was_cancelled(client):
    event = _ended(3, status=Event.Status.CANCELLED, cancellation_reason="The hall flooded.")

    page = client.get(f"/whats-on/{event.pk}/").content.decode()

    assert "This event has been cancelled. The hall flooded." in page
    assert "This event has finished" not in page
