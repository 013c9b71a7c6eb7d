"""What's on, the month calendar, event pages and the public feed keep what they work out until a table they
read changes (engagement.versions): a visit then reads one version, and a change is shown at once.

Kept content is used only outside a transaction, so these tests commit their writes (transactional_db).
"""

from datetime import timedelta

from django.utils import timezone

from engagement.tests.kept import KEPT_PAGE_TESTS
from events.models import Event
from events.services.bookings import booking_create
from events.tests.factories import BookingFactory, EventFactory
from events.tests.test_calendars import events_in

pytestmark = KEPT_PAGE_TESTS

# Kept: the versions of the tables the page reads, and nothing else.
VERSIONS_ONLY = 1


def month_of(event: Event) -> str:
    starts = timezone.localtime(event.starts_at)
    return f"/whats-on/calendar/{starts.year}/{starts.month}/"


def test_whats_on_is_kept_and_shows_a_booking_an_edit_a_cancellation_and_a_new_event_at_once(
    client, django_assert_num_queries
):
    event = EventFactory(title="Kept list open day", capacity=5)
    assert "5 places left" in client.get("/whats-on/").content.decode()
    with django_assert_num_queries(VERSIONS_ONLY):
        assert "5 places left" in client.get("/whats-on/").content.decode()

    BookingFactory(event=event, places=2)
    assert "3 places left" in client.get("/whats-on/").content.decode()

    Event.objects.filter(pk=event.pk).update(title="Renamed without saving")
    assert "Renamed without saving" in client.get("/whats-on/").content.decode()

    event.refresh_from_db()
    event.status = Event.Status.CANCELLED
    event.save()
    assert "govuk-tag--red" in client.get("/whats-on/").content.decode()

    EventFactory(title="A new coffee morning")
    assert "A new coffee morning" in client.get("/whats-on/").content.decode()


def test_whats_on_kept_for_a_minute_never_shows_an_event_that_has_ended(client, monkeypatch):
    ends_at = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=2)
    EventFactory(title="Nearly over", starts_at=ends_at - timedelta(hours=1), ends_at=ends_at)
    assert "Nearly over" in client.get("/whats-on/").content.decode()

    monkeypatch.setattr(timezone, "now", lambda: ends_at + timedelta(seconds=1))

    assert "Nearly over" not in client.get("/whats-on/").content.decode()


def test_kept_pages_are_worked_out_again_in_another_language(client, monkeypatch, django_assert_max_num_queries):
    event = EventFactory()
    urls = ["/whats-on/", month_of(event), f"/whats-on/{event.pk}/"]
    for url in urls:
        client.get(url)

    monkeypatch.setattr("engagement.i18n.middleware.language_code_for", lambda preferred: "cy")
    for url in urls:
        with django_assert_max_num_queries(20) as visit:
            client.get(url)
        assert len(visit.captured_queries) > VERSIONS_ONLY, url


def test_the_month_calendar_is_kept_and_shows_a_new_or_cancelled_event_at_once(client, django_assert_num_queries):
    event = EventFactory(title="Kept grid open day")
    url = month_of(event)
    assert "Kept grid open day" in client.get(url).content.decode()
    with django_assert_num_queries(VERSIONS_ONLY):
        client.get(url)

    event.status = Event.Status.CANCELLED
    event.save()
    EventFactory(title="Kept grid coffee morning", starts_at=event.starts_at + timedelta(hours=1))
    page = client.get(url).content.decode()

    assert "Kept grid open day</a> (cancelled)" in page
    assert "Kept grid coffee morning" in page


def test_an_event_page_is_kept_and_shows_places_left_and_a_cancellation_at_once(client, django_assert_num_queries):
    event = EventFactory(capacity=5)
    url = f"/whats-on/{event.pk}/"
    assert "5 places left" in client.get(url).content.decode()
    with django_assert_num_queries(VERSIONS_ONLY):
        assert "5 places left" in client.get(url).content.decode()

    BookingFactory(event=event, places=4)
    assert "1 place left" in client.get(url).content.decode()

    event.status = Event.Status.CANCELLED
    event.cancellation_reason = "The hall is flooded."
    event.save()
    assert "The hall is flooded." in client.get(url).content.decode()


def test_a_kept_event_page_still_shows_each_visitor_their_own_booking(client, resident):
    event = EventFactory(capacity=5)
    url = f"/whats-on/{event.pk}/"
    assert "Sign in to book a place" in client.get(url).content.decode()
    booking_create(event=event, resident=resident)

    client.force_login(resident.user)
    theirs = client.get(url).content.decode()
    client.logout()
    anyones = client.get(url).content.decode()

    assert "You have booked 1 place." in theirs and "4 places left" in theirs
    assert "You have booked" not in anyones and "Sign in to book a place" in anyones and "4 places left" in anyones


def test_an_unlisted_event_kept_for_its_invitees_is_not_found_by_others(client, resident):
    meeting = EventFactory(listed=False)
    booking_create(event=meeting, resident=resident)
    client.force_login(resident.user)
    assert client.get(f"/whats-on/{meeting.pk}/").status_code == 200
    client.logout()

    assert client.get(f"/whats-on/{meeting.pk}/").status_code == 404


def test_the_public_feed_is_kept_with_its_etag_until_an_event_changes(client, django_assert_num_queries):
    event = EventFactory(title="Kept feed open day")
    first = client.get("/whats-on/calendar.ics")
    with django_assert_num_queries(VERSIONS_ONLY):
        again = client.get("/whats-on/calendar.ics")
    with django_assert_num_queries(VERSIONS_ONLY):
        assert client.get("/whats-on/calendar.ics", headers={"If-None-Match": first["ETag"]}).status_code == 304

    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
    event.title = "Kept feed open day, new time"
    event.save()
    changed = client.get("/whats-on/calendar.ics", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert [str(item["SUMMARY"]) for item in events_in(changed)] == ["Kept feed open day, new time"]


def test_a_residents_visit_to_a_kept_event_page_reads_only_what_is_theirs(client, resident, django_assert_num_queries):
    event = EventFactory(capacity=5)
    client.force_login(resident.user)
    client.get(f"/whats-on/{event.pk}/")

    # The session, their account and resident record, their home (the event may be for their estate only),
    # the versions, and their booking.
    with django_assert_num_queries(5):
        assert "Book a place" in client.get(f"/whats-on/{event.pk}/").content.decode()


def test_a_visitors_kept_event_page_closes_booking_in_the_minute_the_event_starts(client, monkeypatch):
    minute = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=1)
    event = EventFactory(starts_at=minute + timedelta(seconds=30), ends_at=minute + timedelta(hours=1))
    url = f"/whats-on/{event.pk}/"

    monkeypatch.setattr(timezone, "now", lambda: minute + timedelta(seconds=10))
    assert "Sign in to book a place" in client.get(url).content.decode()
    monkeypatch.setattr(timezone, "now", lambda: minute + timedelta(seconds=40))

    assert "booking has closed" in client.get(url).content.decode()


def test_the_bookings_lists_event_choices_are_kept_and_show_a_new_or_renamed_event_at_once(officer_client):
    soon = EventFactory(title="Repairs open day", starts_at=timezone.now() + timedelta(days=3))
    listed = officer_client.get("/admin/events/booking/").content.decode()
    assert f'<option value="{soon.pk}">Repairs open day (' in listed

    Event.objects.filter(pk=soon.pk).update(title="Repairs open day, moved hall")
    EventFactory(title="Coffee morning", starts_at=timezone.now() + timedelta(days=10))
    too_far = EventFactory(title="Next year's roadshow", starts_at=timezone.now() + timedelta(days=200))
    listed = officer_client.get("/admin/events/booking/").content.decode()

    assert "Repairs open day, moved hall (" in listed and "Coffee morning (" in listed
    assert "Next year&#x27;s roadshow" not in listed
    # An event outside the window is listed, chosen, when its bookings are asked for.
    chosen = officer_client.get("/admin/events/booking/", {"event": too_far.pk}).content.decode()
    assert f'<option value="{too_far.pk}" selected>Next year&#x27;s roadshow (' in chosen
