"""Admin lists of residents, bookings and events stay quick with a large landlord's data: no full count of
the table on every view, upcoming events first, and the same number of queries however many rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement.admin import pagination
from engagement.admin.pagination import LargeTablePaginator
from engagement.models import Resident
from events.models import Booking, Event
from events.tests import bulk
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

LISTS = ["/admin/engagement/resident/", "/admin/events/booking/", "/admin/events/event/"]


def _counts(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(*)")]


def test_a_short_list_is_counted_exactly():
    bulk.residents(bulk.estates(1) * 7)

    assert LargeTablePaginator(Resident.objects.all(), 100).count == 7


def test_a_long_list_takes_the_databases_estimate_and_never_counts_every_row(monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)
    bulk.residents(bulk.estates(1) * 12)

    with CaptureQueriesContext(connection) as queries:
        count = LargeTablePaginator(Resident.objects.all(), 100).count

    assert count >= 6  # at least what it counted before it stopped
    assert [sql for sql in _counts(queries) if "LIMIT" not in sql] == []
    if connection.vendor == "postgresql":
        assert any(query["sql"].startswith("EXPLAIN") for query in queries)


@pytest.mark.parametrize("url", LISTS)
def test_admin_lists_count_only_what_they_show_and_not_the_whole_table(officer_client, url):
    places = bulk.estates(2)
    people = bulk.residents(places * 3)
    bulk.bookings(events=bulk.events(3, estates=places), residents=people)

    with CaptureQueriesContext(connection) as queries:
        page = officer_client.get(url)

    assert page.status_code == 200
    assert page.context["cl"].result_count >= 3
    # One count of the list as filtered, stopped at a limit; none of the whole table besides.
    assert len(_counts(queries)) == 1
    assert "LIMIT" in _counts(queries)[0]


@pytest.mark.parametrize("url", LISTS)
def test_admin_lists_take_the_same_number_of_queries_for_50_rows_as_for_500(
    officer_client, django_assert_max_num_queries, url
):
    places = bulk.estates(2)

    def add(count):
        people = bulk.residents(places * (count // 2))
        bulk.bookings(events=bulk.events(10, estates=places, eligible=places[:1]), residents=people)

    def visit():
        page = officer_client.get(url)
        assert page.status_code == 200
        assert page.context["cl"].result_count >= bulk.SMALL // 10

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=16)


def test_the_events_list_shows_events_to_come_soonest_first_then_past_ones_latest_first(officer_client):
    now = timezone.now()
    for title, days in [("Last year", -300), ("Next month", 30), ("Last week", -7), ("Tomorrow", 1)]:
        EventFactory(title=title, starts_at=now + timedelta(days=days))

    page = officer_client.get("/admin/events/event/").content.decode()

    positions = [page.index(title) for title in ("Tomorrow", "Next month", "Last week", "Last year")]
    assert positions == sorted(positions)


def test_the_events_list_shows_each_events_places_taken_and_attendance(officer_client):
    places = bulk.estates(1)
    people = bulk.residents(places * 5)
    event = EventFactory(title="Counted open day", capacity=10)
    held = EventFactory(title="Held open day", starts_at=timezone.now() - timedelta(days=3))
    bulk.bookings(events=[event], residents=people[:3], places=2)
    bulk.bookings(events=[event], residents=people[3:], status=Booking.Status.CANCELLED)
    bulk.bookings(events=[held], residents=people[:4], attendance=Booking.Attendance.ATTENDED)
    bulk.bookings(events=[held], residents=people[4:], attendance=Booking.Attendance.NO_SHOW)

    listed = {event.title: event for event in officer_client.get("/admin/events/event/").context["cl"].result_list}

    assert (listed["Counted open day"].taken, listed["Counted open day"].came) == (6, 0)
    assert (listed["Held open day"].taken, listed["Held open day"].came) == (5, 4)
    assert Event.objects.with_places_taken().get(pk=event.pk).taken == 6


@pytest.mark.parametrize("url", LISTS)
def test_admin_lists_show_50_rows_a_page(officer_client, url):
    places = bulk.estates(2)
    people = bulk.residents(places * 30)
    bulk.bookings(events=bulk.events(60, estates=places), residents=people[:1])

    page = officer_client.get(url)

    assert len(page.context["cl"].result_list) == 50
    assert "?p=2" in page.content.decode()


@pytest.mark.parametrize("url", LISTS)
def test_estates_are_chosen_from_one_drop_down_that_keeps_the_other_filters(officer_client, url):
    lee_manor, crossfields = bulk.estates(2)

    page = officer_client.get(url, {"estate": crossfields.pk, "q": "Smith"}).content.decode()

    # One form rather than a link per estate: a large landlord has hundreds.
    assert '<select id="id_filter_estate" name="estate">' in page
    assert f'<option value="{crossfields.pk}" selected>{crossfields.name}</option>' in page
    assert f'<option value="{lee_manor.pk}">{lee_manor.name}</option>' in page
    assert f"estate={lee_manor.pk}" not in page
    assert '<input type="hidden" name="q" value="Smith">' in page
    assert "Any estate" in page


def test_bookings_are_found_by_an_event_chosen_from_a_drop_down(officer_client):
    places = bulk.estates(1)
    soon, later = bulk.events(2, estates=places)
    bulk.bookings(events=[soon, later], residents=bulk.residents(places * 2))

    page = officer_client.get("/admin/events/booking/", {"event": later.pk})

    assert {booking.event_id for booking in page.context["cl"].result_list} == {later.pk}
    text = page.content.decode()
    assert '<select id="id_filter_event" name="event">' in text
    assert f'<option value="{later.pk}" selected>{later.title} (' in text
    assert f'<option value="{soon.pk}">{soon.title} (' in text


@pytest.mark.parametrize("url", LISTS)
def test_each_row_has_the_box_to_select_it_for_an_action(officer_client, url):
    places = bulk.estates(1)
    bulk.bookings(events=bulk.events(1, estates=places), residents=bulk.residents(places))

    page = officer_client.get(url)

    row = page.context["cl"].result_list[0]
    assert (
        f'<input type="checkbox" name="_selected_action" value="{row.pk}" class="action-select" '
        f'aria-label="Select this object for an action - {row}">'
    ) in page.content.decode()


def test_a_name_in_the_estate_drop_down_is_shown_as_written_not_as_markup(officer_client):
    estate = bulk.estates(1)[0]
    estate.name = 'Lee & "Manor" <b>'
    estate.save()

    page = officer_client.get("/admin/engagement/resident/").content.decode()

    assert f'<option value="{estate.pk}">Lee &amp; &quot;Manor&quot; &lt;b&gt;</option>' in page
