"""Calendar files parse back with icalendar, and joining links appear only for registered residents."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Event
from events.services.bookings import booking_create
from events.services.calendar_feeds import calendar_feed_for
from events.tests import bulk
from events.tests.factories import EventFactory
from events.views.calendars import FEED_MOST_PAST, FEED_MOST_TO_COME

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.com/roadshow"


@pytest.fixture
def online_event(db):
    return EventFactory(title="Online roadshow", format=Event.Format.ONLINE, venue=None, estate=None, joining_link=LINK)


def events_in(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(b"".join(response.streaming_content) if response.streaming else response.content)
    return calendar.walk("VEVENT")


def test_an_events_ics_file_is_valid_and_has_its_times(client, event):
    [item] = events_in(client.get(f"/whats-on/{event.pk}/calendar.ics"))
    assert str(item["SUMMARY"]) == event.title
    assert item.decoded("DTSTART") == event.starts_at
    assert item.decoded("DTEND") == event.ends_at
    assert event.venue.name in str(item["LOCATION"])


def test_the_joining_link_is_in_the_ics_only_for_a_registered_resident(client, resident, online_event):
    client.force_login(resident.user)
    [before] = events_in(client.get(f"/whats-on/{online_event.pk}/calendar.ics"))
    booking_create(event=online_event, resident=resident)
    [after] = events_in(client.get(f"/whats-on/{online_event.pk}/calendar.ics"))

    assert LINK not in str(before["DESCRIPTION"])
    assert LINK in str(after["DESCRIPTION"])


def test_the_event_page_links_to_google_and_outlook_calendars(client, event):
    page = client.get(f"/whats-on/{event.pk}/").content.decode()
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in page
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in page


def test_the_public_feed_lists_published_events_and_filters_by_estate_and_kind(client, event):
    other = EventFactory(kind=Event.Kind.SURGERY, title="Surgery", housing_officer=None)
    EventFactory(status=Event.Status.DRAFT, title="Draft")

    everything = {str(e["SUMMARY"]) for e in events_in(client.get("/whats-on/calendar.ics"))}
    by_estate = {str(e["SUMMARY"]) for e in events_in(client.get(f"/whats-on/calendar.ics?estate={event.estate_id}"))}
    by_kind = {str(e["SUMMARY"]) for e in events_in(client.get("/whats-on/calendar.ics?kind=surgery"))}

    assert everything == {event.title, other.title}
    assert by_estate == {event.title}
    assert by_kind == {other.title}


def test_the_private_feed_has_the_residents_bookings_with_links_and_can_be_revoked(
    resident_client, resident, online_event, event
):
    booking_create(event=online_event, resident=resident)
    resident_client.post("/whats-on/your-events/calendar-link/")
    token = resident.calendar_feed.token

    items = events_in(resident_client.get(f"/whats-on/your-events/{token}/calendar.ics"))
    assert [str(i["SUMMARY"]) for i in items] == [online_event.title]
    assert LINK in str(items[0]["DESCRIPTION"])

    resident_client.post("/whats-on/your-events/calendar-link/")
    assert resident_client.get(f"/whats-on/your-events/{token}/calendar.ics").status_code == 404


def test_the_public_feed_uses_the_same_number_of_queries_with_50_events_as_with_500(
    client, django_assert_max_num_queries
):
    places = bulk.estates(2)
    halls = bulk.venues(2, places[0])

    def add(count):
        bulk.events(count // 2, venues=halls)
        bulk.events(count - count // 2, estates=places)

    def visit():
        assert len(events_in(client.get("/whats-on/calendar.ics"))) == min(Event.objects.count(), FEED_MOST_TO_COME)

    # Worked out (inside a test's transaction nothing is kept): the events past and to come; and the count above.
    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=3)


def test_the_private_feed_uses_the_same_number_of_queries_with_50_bookings_as_with_500(
    client, resident, django_assert_max_num_queries
):
    halls = bulk.venues(2, bulk.estates(1)[0])
    token = calendar_feed_for(resident=resident).token
    last_month = timezone.now().replace(second=0, microsecond=0) - timedelta(days=30)

    def add(count):
        coming = bulk.events(count // 2, venues=halls, format=Event.Format.HYBRID, joining_link=LINK)
        held = bulk.events(count - count // 2, venues=halls, starts_at=last_month)
        bulk.bookings(events=coming + held, residents=[resident])

    def visit():
        items = events_in(client.get(f"/whats-on/your-events/{token}/calendar.ics"))
        held = Event.objects.filter(ends_at__lt=timezone.now()).count()
        assert len(items) == min(Event.objects.count() - held, FEED_MOST_TO_COME) + min(held, FEED_MOST_PAST)

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=5)


def test_the_public_feed_holds_recent_events_and_the_next_12_months_up_to_a_limit(client, monkeypatch):
    monkeypatch.setattr("events.views.calendars.FEED_MOST_TO_COME", 3)
    now = timezone.now()
    for title, days in [("Long ago", -200), ("Last month", -30), ("Soon", 2), ("Sooner", 1), ("Later", 20)]:
        EventFactory(title=title, starts_at=now + timedelta(days=days))
    EventFactory(title="Next week", starts_at=now + timedelta(days=7))
    EventFactory(title="In two years", starts_at=now + timedelta(days=700))

    titles = [str(item["SUMMARY"]) for item in events_in(client.get("/whats-on/calendar.ics"))]

    assert titles == ["Last month", "Sooner", "Soon", "Next week"]


def test_a_calendar_app_polling_the_public_feed_gets_not_modified_until_something_changes(client, event):
    first = client.get("/whats-on/calendar.ics")
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]

    again = client.get("/whats-on/calendar.ics", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/whats-on/calendar.ics", headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304

    event.title = "Repairs open day, new time"
    event.save()
    changed = client.get("/whats-on/calendar.ics", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert [str(item["SUMMARY"]) for item in events_in(changed)] == ["Repairs open day, new time"]


def test_a_venue_moving_changes_the_public_feed(client, event):
    first = client.get("/whats-on/calendar.ics")

    event.venue.name = "The new community hall"
    event.venue.save()
    changed = client.get("/whats-on/calendar.ics", headers={"If-None-Match": first["ETag"]})

    assert changed.status_code == 200
    assert "The new community hall" in str(events_in(changed)[0]["LOCATION"])


def test_a_private_feed_is_not_modified_until_the_residents_bookings_change(client, resident, event, online_event):
    token = calendar_feed_for(resident=resident).token
    url = f"/whats-on/your-events/{token}/calendar.ics"
    booking_create(event=event, resident=resident)
    first = client.get(url)
    assert [str(item["SUMMARY"]) for item in events_in(first)] == [event.title]

    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    booking_create(event=online_event, resident=resident)
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert LINK in str(events_in(changed)[1]["DESCRIPTION"])
