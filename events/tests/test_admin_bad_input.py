"""Officers' typing mistakes and odd addresses in admin get a message, never a 500."""

from datetime import datetime, timedelta

import pytest
from django.contrib import admin
from django.utils import timezone

from engagement.tests.factories import ResidentFactory
from events.models import Booking, Event
from events.services.bookings import booking_create
from events.tests.factories import EventFactory
from events.tests.helpers import event_form

pytestmark = pytest.mark.django_db

RANGE_ERROR = "Enter a date between 2000 and 2100"


@pytest.mark.parametrize("year", [1999, 2101, 9999])
def test_an_event_date_outside_2000_to_2100_is_refused_at_the_field_keeping_what_was_typed(officer_client, event, year):
    page = officer_client.post(
        f"/admin/events/event/{event.pk}/change/",
        event_form(event, starts_at=f"{year}-06-01T18:00", ends_at=f"{year}-06-01T20:00"),
    )

    assert page.status_code == 200
    form = page.context["adminform"].form
    assert RANGE_ERROR in str(form.errors["starts_at"]) and RANGE_ERROR in str(form.errors["ends_at"])
    assert f'value="{year}-06-01T18:00"' in page.content.decode()
    event.refresh_from_db()
    assert event.starts_at.year != year


def test_an_event_already_saved_in_year_9999_does_not_break_the_events_list_or_its_year_link(officer_client):
    far = timezone.make_aware(datetime(9999, 12, 1, 18, 0))
    Event.objects.filter(pk=EventFactory().pk).update(starts_at=far, ends_at=far + timedelta(hours=2))

    listed = officer_client.get("/admin/events/event/")
    year = officer_client.get("/admin/events/event/?starts_at__year=9999")
    month = officer_client.get("/admin/events/event/?starts_at__year=9999&starts_at__month=12")

    assert listed.status_code == 200
    assert year.status_code in (200, 302) and month.status_code in (200, 302)


def _date_hierarchy_admins():
    return sorted(
        (model_admin.opts.label_lower.replace(".", "/"), model_admin.date_hierarchy)
        for model_admin in admin.site._registry.values()
        if model_admin.date_hierarchy
    )


@pytest.mark.parametrize("query", ["__year=9999", "__year=99999999999999999999", "__year=2026&{field}__month=13"])
@pytest.mark.parametrize("path, field", _date_hierarchy_admins())
def test_a_list_filtered_by_an_impossible_year_says_so_rather_than_failing(client, administrator, path, field, query):
    client.force_login(administrator)

    response = client.get(f"/admin/{path}/?{field}{query.format(field=field)}")

    assert response.status_code in (200, 302)


@pytest.mark.parametrize("mark", ["attendance-abc", "attendance-99999999999999999999", "attendance-", "attendance-²"])
def test_a_garbled_attendance_mark_is_ignored_and_the_good_ones_are_saved(officer_client, event, mark):
    booking = booking_create(event=event, resident=ResidentFactory())
    started = timezone.now() - timedelta(hours=2)  # attendance is recorded once an event has started
    Event.objects.filter(pk=event.pk).update(starts_at=started, ends_at=started + timedelta(hours=1))

    response = officer_client.post(
        f"/admin/events/event/{event.pk}/attendance/",
        {"action": "save", mark: "attended", f"attendance-{booking.pk}": "attended"},
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
