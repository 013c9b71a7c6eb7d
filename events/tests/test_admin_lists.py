"""The events and bookings lists in admin: upcoming first, a date range, and bookings found by event, estate and date."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, TenancyFactory
from events.models import Booking
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=LONDON)


def _at(day, hour=18):
    return datetime(2026, 3, 10, hour, 0, tzinfo=LONDON) + timedelta(days=day)


def _event(title, day, hours=2, **fields):
    starts = _at(day)
    return EventFactory(title=title, starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields)


def _listed(client, url, **params):
    page = client.get(url, params)
    assert page.status_code == 200
    return page


@pytest.fixture
def events_around_now(db):
    with time_machine.travel(NOW - timedelta(days=60), tick=False):
        return {
            "last week": _event("Last week", -7),
            "last month": _event("Last month", -30),
            "under way": EventFactory(
                title="Under way", starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=1)
            ),
            "tomorrow": _event("Tomorrow", 1),
            "next month": _event("Next month", 30),
            "next week": _event("Next week", 7),
        }


@time_machine.travel(NOW, tick=False)
def test_the_event_list_starts_with_upcoming_events_soonest_first_then_past_ones_latest_first(
    officer_client, events_around_now
):
    page = _listed(officer_client, reverse("admin:events_event_changelist"))

    assert [event.title for event in page.context["cl"].result_list] == [
        "Under way",
        "Tomorrow",
        "Next week",
        "Next month",
        "Last week",
        "Last month",
    ]


@time_machine.travel(NOW, tick=False)
def test_an_officer_can_still_sort_the_event_list_by_a_column(officer_client, events_around_now):
    page = _listed(officer_client, reverse("admin:events_event_changelist"), o="3")  # "when", earliest first

    assert [event.title for event in page.context["cl"].result_list][:2] == ["Last month", "Last week"]


@time_machine.travel(NOW, tick=False)
def test_the_date_range_filter_shows_the_events_between_two_dates_inclusive(officer_client, events_around_now):
    url = reverse("admin:events_event_changelist")

    page = _listed(officer_client, url, starts_from="2026-03-03", starts_to="2026-03-17")
    assert [event.title for event in page.context["cl"].result_list] == [
        "Under way",
        "Tomorrow",
        "Next week",
        "Last week",
    ]
    # The form keeps what was typed, and a link clears just the dates.
    assert 'value="2026-03-03"' in page.text and 'value="2026-03-17"' in page.text
    assert "Any date" in page.text

    only_from = _listed(officer_client, url, starts_from="2026-03-11")
    assert {event.title for event in only_from.context["cl"].result_list} == {"Tomorrow", "Next week", "Next month"}


@time_machine.travel(NOW, tick=False)
def test_the_date_range_keeps_the_other_filters(officer_client, events_around_now):
    events_around_now["next week"].status = "cancelled"
    events_around_now["next week"].save()

    page = _listed(
        officer_client, reverse("admin:events_event_changelist"), starts_from="2026-03-01", status__exact="cancelled"
    )

    assert [event.title for event in page.context["cl"].result_list] == ["Next week"]
    assert '<input type="hidden" name="status__exact" value="cancelled">' in page.text


def test_a_date_that_is_not_a_date_shows_the_whole_list_rather_than_an_error(officer_client, events_around_now):
    page = officer_client.get(reverse("admin:events_event_changelist"), {"starts_from": "31/02/2026"}, follow=True)

    assert page.status_code == 200
    assert len(page.context["cl"].result_list) == len(events_around_now)


@time_machine.travel(NOW, tick=False)
def test_the_event_list_shows_the_columns_officers_need_in_a_fixed_number_of_queries(
    officer_client, events_around_now, django_assert_max_num_queries
):
    for event in events_around_now.values():
        BookingFactory.create_batch(2, event=event)
    with django_assert_max_num_queries(12):
        page = _listed(officer_client, reverse("admin:events_event_changelist"))

    headers = [header.strip().lower() for header in page.context["cl"].model_admin.list_display]
    assert headers == ["title", "kind", "when", "estate", "format", "status", "places", "attended"]
    tomorrow = events_around_now["tomorrow"]
    assert f'href="/admin/events/booking/?event={tomorrow.pk}"' in page.text
    assert "Wed 11 Mar 2026, 6pm" in page.text
    assert "2 of 20" in page.text


@pytest.fixture
def bookings_on_two_estates(db):
    lee_manor, crossfields = EstateFactory(name="Lee Manor"), EstateFactory(name="Crossfields")
    with time_machine.travel(NOW - timedelta(days=60), tick=False):
        soon, later = _event("Soon", 2), _event("Later", 40)

    def living_on(estate):
        return ResidentFactory(tenancy=TenancyFactory(home=HomeFactory(block__estate=estate)))

    return {
        "soon, lee manor": BookingFactory(event=soon, resident=living_on(lee_manor)),
        "soon, crossfields": BookingFactory(event=soon, resident=living_on(crossfields)),
        "later, lee manor": BookingFactory(event=later, resident=living_on(lee_manor)),
        "later, walk-in from crossfields": BookingFactory(
            event=later,
            resident=None,
            walk_in_name="Pat Walker",
            walk_in_estate=crossfields,
            source=Booking.Source.WALK_IN,
        ),
        "estates": (lee_manor, crossfields),
        "events": (soon, later),
    }


def _codes(page):
    return {booking.code for booking in page.context["cl"].result_list}


@time_machine.travel(NOW, tick=False)
def test_bookings_can_be_found_by_event_estate_and_event_date(officer_client, bookings_on_two_estates):
    b = bookings_on_two_estates
    lee_manor, crossfields = b["estates"]
    soon, later = b["events"]
    url = reverse("admin:events_booking_changelist")

    by_event = _listed(officer_client, url, event=soon.pk)
    assert _codes(by_event) == {b["soon, lee manor"].code, b["soon, crossfields"].code}
    assert "Soon (12 March 2026)" in by_event.text

    by_estate = _listed(officer_client, url, estate=crossfields.pk)
    assert _codes(by_estate) == {b["soon, crossfields"].code, b["later, walk-in from crossfields"].code}

    by_date = _listed(officer_client, url, event_from="2026-04-01", event_to="2026-04-30")
    assert _codes(by_date) == {b["later, lee manor"].code, b["later, walk-in from crossfields"].code}

    all_three = _listed(officer_client, url, event=later.pk, estate=lee_manor.pk, event_from="2026-04-19")
    assert _codes(all_three) == {b["later, lee manor"].code}


@time_machine.travel(NOW, tick=False)
def test_an_older_events_bookings_open_from_its_places_link(officer_client, bookings_on_two_estates):
    with time_machine.travel(NOW - timedelta(days=400), tick=False):
        old = _event("Long ago", -300)
    old_booking = BookingFactory(event=old)

    page = _listed(officer_client, reverse("admin:events_booking_changelist"), event=old.pk)

    assert _codes(page) == {old_booking.code}


@time_machine.travel(NOW, tick=False)
def test_the_bookings_list_reads_in_a_fixed_number_of_queries(
    officer_client, bookings_on_two_estates, django_assert_max_num_queries
):
    BookingFactory.create_batch(10, event=bookings_on_two_estates["events"][0])
    with django_assert_max_num_queries(12):
        _listed(officer_client, reverse("admin:events_booking_changelist"))
