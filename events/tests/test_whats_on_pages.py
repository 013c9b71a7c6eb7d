"""What's on: the list, kind pages, the month calendar and event pages, for anyone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.tests.factories import EstateFactory
from events.models import Event
from events.tests import bulk
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_whats_on_lists_upcoming_published_events_only(client, event):
    EventFactory(title="A draft", status=Event.Status.DRAFT)
    EventFactory(title="Last month", starts_at=timezone.now() - timedelta(days=30))
    EventFactory(title="A private panel meeting", kind=Event.Kind.PANEL_MEETING, listed=False)

    page = client.get("/whats-on/").content.decode()

    assert event.title in page
    for hidden in ("A draft", "Last month", "A private panel meeting"):
        assert hidden not in page


def test_whats_on_filters_by_kind_estate_ward_format_and_date(client):
    crossfields = EstateFactory(name="Crossfields")
    surgery = EventFactory(title="Surgery at Crossfields", kind=Event.Kind.SURGERY, estate=crossfields)
    online = EventFactory(
        title="Online workshop", kind=Event.Kind.WORKSHOP, format=Event.Format.ONLINE, venue=None, estate=None
    )
    later = EventFactory(title="Open day in spring", starts_at=timezone.now() + timedelta(days=90))

    def titles(query):
        page = client.get("/whats-on/?" + query).content.decode()
        return {e.title for e in (surgery, online, later) if e.title in page}

    assert titles("kind=surgery") == {surgery.title}
    assert titles(f"estate={crossfields.pk}") == {surgery.title}
    assert titles(f"ward={crossfields.ward_id}") == {surgery.title}
    assert titles("format=online") == {online.title}
    far = timezone.localdate() + timedelta(days=60)
    assert titles(f"date_from_0={far.day}&date_from_1={far.month}&date_from_2={far.year}") == {later.title}


def test_a_bad_date_is_explained_next_to_the_field(client):
    page = client.get("/whats-on/?date_from_0=45&date_from_1=13&date_from_2=2026").content.decode()
    assert "There is a problem" in page
    assert "Enter the from date as a real date" in page
    assert 'value="45"' in page and 'value="13"' in page
    page = client.get("/whats-on/?date_to_0=3&date_to_1=&date_to_2=2027").content.decode()
    assert "Enter the to date&#x27;s month" in page


@pytest.mark.parametrize("kind", ["roadshow", "repairs_open_day", "walkabout", "surgery", "workshop"])
def test_each_kind_on_the_home_page_has_its_own_page(client, kind):
    from django.urls import reverse

    response = client.get(reverse("events:kind", kwargs={"kind": kind}))
    assert response.status_code == 200


def test_an_unknown_kind_is_not_found(client):
    assert client.get("/whats-on/type/bingo/").status_code == 404


def test_the_event_page_says_who_it_is_for_how_to_get_there_access_and_places_left(client, event):
    BookingFactory(event=event, places=3)
    page = client.get(f"/whats-on/{event.pk}/").content.decode()
    assert "Open to all council housing residents" in page
    assert "Buses 47 and 188" in page
    assert "Step-free entrance" in page
    assert "7 places left" in page


def test_the_list_of_who_booked_is_never_shown_on_the_public_page(client, event):
    booked = BookingFactory(event=event).resident
    page = client.get(f"/whats-on/{event.pk}/").content.decode()
    assert booked.last_name not in page and booked.first_name not in page


def test_a_full_event_offers_the_waiting_list(client, resident):
    event = EventFactory(capacity=1)
    BookingFactory(event=event)
    client.force_login(resident.user)
    page = client.get(f"/whats-on/{event.pk}/").content.decode()
    assert "Fully booked" in page
    assert "Join the waiting list" in page


def test_drafts_and_unlisted_meetings_are_not_found_except_by_invitees(client, resident):
    from events.services.events import event_invite

    assert client.get(f"/whats-on/{EventFactory(status=Event.Status.DRAFT).pk}/").status_code == 404
    meeting = EventFactory(kind=Event.Kind.PANEL_MEETING, listed=False, invitation_only=True)
    assert client.get(f"/whats-on/{meeting.pk}/").status_code == 404
    event_invite(event=meeting, residents=[resident])
    client.force_login(resident.user)
    assert client.get(f"/whats-on/{meeting.pk}/").status_code == 200


def test_a_roadshow_page_points_to_its_drop_in(client):
    from events.services.events import drop_in_add

    roadshow = EventFactory(kind=Event.Kind.ROADSHOW, senior_leader="Jo Smith, Director of Housing")
    drop_in_add(roadshow=roadshow)
    page = client.get(f"/whats-on/{roadshow.pk}/").content.decode()
    assert "drop-in before the roadshow" in page
    assert "Jo Smith, Director of Housing" in page


def test_the_month_calendar_shows_the_months_events_by_day(client):
    start = timezone.localtime().replace(day=15, hour=18, minute=0, second=0, microsecond=0) + timedelta(days=31)
    start = start.replace(day=15)
    EventFactory(title="Mid-month open day", starts_at=start)

    page = client.get(f"/whats-on/calendar/{start.year}/{start.month}/").content.decode()

    assert "Mid-month open day" in page
    assert "6pm" in page
    assert client.get("/whats-on/calendar/2026/13/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/whats-on/", "/whats-on/type/repairs_open_day/", "/whats-on/calendar/{year}/{month}/"]
)
def test_listing_pages_use_the_same_number_of_queries_with_50_events_as_with_500(
    client, django_assert_max_num_queries, url
):
    places = bulk.estates(3)
    halls = bulk.venues(3, places[0])
    people = bulk.residents(places)
    starts_at = timezone.now().replace(second=0, microsecond=0) + timedelta(days=10)
    url = url.format(year=starts_at.year, month=starts_at.month)

    def add(count):
        in_person = bulk.events(count // 2, venues=halls, eligible=places[:2], starts_at=starts_at)
        online = bulk.events(count - count // 2, estates=places, eligible=places[:2], starts_at=starts_at)
        bulk.bookings(events=in_person + online, residents=people)

    def visit():
        page = client.get(url)
        assert page.status_code == 200
        # Every event is on the same day: the month calendar shows three, and how many more.
        assert page.content.decode().count("Bulk event") >= (3 if "calendar" in url else 20)

    # Worked out (inside a test's transaction nothing is kept): the events, their count, eligible estates…
    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=5)


def test_a_resident_sees_their_estate_and_borough_wide_events_first(client, resident):
    home = resident.tenancy.home.block.estate
    elsewhere = EstateFactory(name="Somewhere Else")
    soon = timezone.now() + timedelta(days=2)
    EventFactory(title="Other estate TRA meeting", estate=elsewhere, venue=None, starts_at=soon)
    EventFactory(
        title="Borough-wide roadshow",
        estate=None,
        venue=None,
        format=Event.Format.ONLINE,
        starts_at=soon + timedelta(days=20),
    )
    EventFactory(title="Open day at home", estate=home, venue=None, starts_at=soon + timedelta(days=10))
    client.force_login(resident.user)

    page = client.get("/whats-on/").content.decode()

    assert page.index("On your estate and across the borough") < page.index("Open day at home")
    assert page.index("Open day at home") < page.index("Borough-wide roadshow") < page.index("On other estates")
    assert page.index("On other estates") < page.index("Other estate TRA meeting")
    empty_filter = client.get("/whats-on/?estate=").content.decode()
    assert "On other estates" in empty_filter  # an empty filter narrows nothing
    client.logout()
    anonymous = client.get("/whats-on/").content.decode()
    assert "On other estates" not in anonymous
    assert anonymous.index("Other estate TRA meeting") < anonymous.index("Open day at home")


def test_the_format_filter_offers_each_meaning_once(client):
    page = client.get("/whats-on/").content.decode()

    options = re.findall(
        r"<option value=\"[^\"]*\"[^>]*>([^<]+)</option>", page.split('name="format"')[1].split("</select>")[0]
    )
    assert options == ["Any format", "In person", "Online", "In person and online"]


def test_a_residents_whats_on_uses_the_same_number_of_queries_with_50_events_as_with_500(
    client, resident, django_assert_max_num_queries
):
    places = [resident.tenancy.home.block.estate, *bulk.estates(2)]
    halls = bulk.venues(3, places[1])
    starts_at = timezone.now().replace(second=0, microsecond=0) + timedelta(days=10)
    client.force_login(resident.user)

    def add(count):
        bulk.events(count // 2, venues=halls, eligible=places[:2], starts_at=starts_at)
        bulk.events(count - count // 2, estates=places, eligible=places[:2], starts_at=starts_at)

    def visit():
        page = client.get("/whats-on/").content.decode()
        assert "On your estate and across the borough" in page and page.count("Bulk event") >= 20

    # The resident's home (for their estate) is one query of its own since sign-in stopped reading it.
    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=8)


def test_the_month_calendar_ends_so_a_crawler_following_next_month_stops(client):
    url = "/whats-on/calendar/"
    visited = 0
    while True:
        page = client.get(url)
        assert page.status_code == 200
        visited += 1
        following = re.search(r'href="(/whats-on/calendar/\d+/\d+/)[^"]*">Next month', page.content.decode())
        if following is None:
            break
        url = following.group(1)
        assert visited < 30
    assert visited == 25  # this month and the next two years
    today = timezone.localdate()
    assert client.get(f"/whats-on/calendar/{today.year + 3}/{today.month}/").status_code == 404
    assert client.get(f"/whats-on/calendar/{today.year - 2}/{today.month}/").status_code == 404


def test_a_busy_day_in_the_month_calendar_shows_three_events_and_links_to_the_rest(client):
    day = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=40)
    for number in range(5):
        EventFactory(title=f"Busy day event {number}", starts_at=day + timedelta(minutes=number))

    page = client.get(f"/whats-on/calendar/{day.year}/{day.month}/").content.decode()

    assert page.count("Busy day event") == 3
    link = f"date_from_0={day.day}&amp;date_from_1={day.month}&amp;date_from_2={day.year}"
    assert f'>2 more<span class="govuk-visually-hidden"> on {day.day} {day:%B}</span>' in page
    assert link in page
    that_day = client.get(
        f"/whats-on/?{link.replace('&amp;', '&')}&date_to_0={day.day}&date_to_1={day.month}&date_to_2={day.year}"
    ).content.decode()
    assert that_day.count("Busy day event") == 5


def test_the_month_calendar_shows_a_change_at_once_though_it_keeps_the_grid_it_wrote(client):
    day = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=40)
    events = [
        EventFactory(title=f"Kept grid event {number}", starts_at=day + timedelta(minutes=number))
        for number in range(3)
    ]
    url = f"/whats-on/calendar/{day.year}/{day.month}/"
    assert client.get(url).content.decode().count("Kept grid event") == 3

    events[0].title = "Renamed open day"
    events[0].status = Event.Status.CANCELLED
    events[0].save()
    EventFactory(title="Kept grid event 3", starts_at=day + timedelta(minutes=5))
    page = client.get(url).content.decode()

    assert "Renamed open day</a> (cancelled)" in page
    assert f'>1 more<span class="govuk-visually-hidden"> on {day.day} {day:%B}</span>' in page


def test_whats_on_shows_a_change_to_an_event_or_its_places_at_once_though_it_keeps_the_list_it_wrote(client):
    event = EventFactory(title="Kept list open day", capacity=5)
    assert "5 places left" in client.get("/whats-on/").content.decode()

    BookingFactory(event=event, places=2)
    assert "3 places left" in client.get("/whats-on/").content.decode()

    event.venue.name = "The new hall"
    event.venue.save()
    assert "The new hall" in client.get("/whats-on/").content.decode()

    Event.objects.filter(pk=event.pk).update(title="Renamed without saving")
    assert "Renamed without saving" in client.get("/whats-on/").content.decode()
