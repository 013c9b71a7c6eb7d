"""Surgeries as a series: a surgery repeated on its weekday of the month, as drafts, from the events list."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from events.models import Event
from events.services.surgeries import same_weekday_of_month, surgery_series_create
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_same_weekday_of_the_month_skips_months_without_one():
    first_tuesday = date(2026, 12, 1)
    assert [same_weekday_of_month(first_tuesday, n) for n in (1, 2, 3)] == [
        date(2027, 1, 5),
        date(2027, 2, 2),
        date(2027, 3, 2),
    ]
    assert same_weekday_of_month(date(2026, 12, 29), 2) is None  # no fifth Tuesday in February 2027


def surgery(officer):
    starts = timezone.make_aware(datetime(2026, 12, 1, 10, 0))
    return EventFactory(
        title="Housing officer surgery, Pepys",
        kind=Event.Kind.SURGERY,
        housing_officer=officer,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


def test_a_surgery_becomes_a_monthly_series_of_drafts_once(officer):
    first = surgery(officer)
    made = surgery_series_create(surgery=first, months=3, by=officer)
    assert [timezone.localtime(event.starts_at).date() for event in made] == [
        date(2027, 1, 5),
        date(2027, 2, 2),
        date(2027, 3, 2),
    ]
    assert {(e.status, e.copied_from_id, e.venue_id, e.housing_officer_id) for e in made} == {
        (Event.Status.DRAFT, first.pk, first.venue_id, officer.pk)
    }
    assert all(
        timezone.localtime(e.starts_at).hour == 10 and e.ends_at - e.starts_at == timedelta(hours=2) for e in made
    )
    assert surgery_series_create(surgery=first, months=3, by=officer) == []


def test_officers_repeat_a_surgery_from_the_events_list(officer_client, officer):
    first = surgery(officer)
    response = officer_client.post(
        "/admin/events/event/", {"action": "repeat_surgeries_monthly", ACTION_CHECKBOX_NAME: [first.pk]}
    )
    assert response.status_code == 302
    assert Event.objects.filter(copied_from=first, kind=Event.Kind.SURGERY).count() == 6


def test_the_surgerys_page_shows_the_series_with_bookings_and_attendance(officer_client, officer):
    from events.tests.factories import BookingFactory

    first = surgery(officer)
    BookingFactory(event=first, attendance="attended")
    BookingFactory(event=first)
    later = surgery_series_create(surgery=first, months=2, by=officer)

    html = officer_client.get(f"/admin/events/event/{later[0].pk}/change/").content.decode()

    assert "This surgery series: bookings and attendance over time" in html
    assert "1 Dec 2026, 10:00" in html and "5 Jan 2027, 10:00 (this one)" in html and "2 Feb 2027, 10:00" in html
    assert "<td>2</td><td>1</td>" in html  # the first: two places booked, one came


def test_the_surgerys_page_draws_the_series_attendance_as_a_chart(officer_client, officer):
    from events.tests.factories import BookingFactory

    first = surgery(officer)
    BookingFactory(event=first, attendance="attended")
    BookingFactory(event=first)
    surgery_series_create(surgery=first, months=2, by=officer)

    html = officer_client.get(f"/admin/events/event/{first.pk}/change/").content.decode()

    assert 'role="img"' in html and "Attendance at this surgery series" in html
    # Surgeries still to come have places booked but nobody has come yet: no figure, not a zero.
    assert "Places booked (solid line, round markers): 2 in 1 Dec 26, 0 in 2 Feb 27." in html
    assert "Came (dashed line, square markers): 1 in 1 Dec 26." in html


def test_the_series_chart_leaves_cancelled_surgeries_out(officer):
    from events.services.surgeries import surgery_series, surgery_series_chart

    first = surgery(officer)
    copies = surgery_series_create(surgery=first, months=2, by=officer)
    Event.objects.filter(pk=copies[0].pk).update(status=Event.Status.CANCELLED)

    chart = surgery_series_chart(list(surgery_series(first)), title="Pepys", now=first.starts_at)

    assert chart.periods == ["1 Dec 26", "2 Feb 27"]
