"""Calendar files parse back with icalendar, and joining links appear only for registered residents."""

import pytest
from icalendar import Calendar

from events.models import Event
from events.services.bookings import booking_create
from events.tests.factories import EventFactory

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
