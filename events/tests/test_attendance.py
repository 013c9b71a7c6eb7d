"""The attendance register: marking, walk-ins, check-in by booking code at the door."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import AccessNeed
from engagement.tests.factories import EstateFactory
from events.models import Booking
from events.services.attendance import (
    CheckInError,
    attendance_check_in,
    attendance_mark,
    walk_in_add,
)
from events.tests import bulk
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_under_way():
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=30)
    return EventFactory(title="Repairs open day", starts_at=starts, ends_at=starts + timedelta(hours=2))


def test_officers_mark_attended_and_no_shows(event):
    came, stayed_away = BookingFactory(event=event), BookingFactory(event=event)
    changed = attendance_mark(event=event, marks={came.pk: "attended", stayed_away.pk: "no_show"})
    assert changed == 2
    assert dict(Booking.objects.values_list("pk", "attendance")) == {came.pk: "attended", stayed_away.pk: "no_show"}


def test_marking_ignores_bookings_on_other_events(event):
    elsewhere = BookingFactory()
    assert attendance_mark(event=event, marks={elsewhere.pk: "attended"}) == 0


def test_check_in_by_booking_code_however_it_is_typed(event):
    booking = BookingFactory(event=event)
    attendance_check_in(event=event, code=f" {booking.code[:3].lower()} {booking.code[3:]} ")
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED and booking.checked_in_at


def test_check_in_with_a_wrong_or_cancelled_code_says_what_to_do(event):
    with pytest.raises(CheckInError, match="add them as a walk-in"):
        attendance_check_in(event=event, code="ZZZZZZ")
    cancelled = BookingFactory(event=event, status=Booking.Status.CANCELLED)
    with pytest.raises(CheckInError, match="cancelled"):
        attendance_check_in(event=event, code=cancelled.code)


def test_walk_ins_are_an_existing_resident_or_a_name_and_estate(event, resident):
    estate = EstateFactory()
    known = walk_in_add(event=event, resident=resident)
    stranger = walk_in_add(event=event, name="Sam Person", estate=estate)
    assert (known.source, known.attendance, known.resident) == ("walk_in", "attended", resident)
    assert (stranger.resident, stranger.walk_in_name, stranger.walk_in_estate) == (None, "Sam Person", estate)


def test_a_booked_resident_added_as_a_walk_in_is_just_checked_in(event, resident):
    booking = BookingFactory(event=event, resident=resident)
    assert walk_in_add(event=event, resident=resident) == booking
    assert Booking.objects.count() == 1


def test_the_register_page_marks_everyone_checks_in_and_adds_walk_ins(officer_client, event_under_way, resident):
    event = event_under_way
    bookings = [BookingFactory(event=event) for _ in range(3)]
    url = f"/admin/events/event/{event.pk}/attendance/"

    page = officer_client.get(url).content.decode()
    assert all(b.code in page for b in bookings)

    officer_client.post(url, {"action": "check_in", "check_in-code": bookings[0].code})
    officer_client.post(
        url, {"action": "save", f"attendance-{bookings[1].pk}": "no_show", f"attendance-{bookings[2].pk}": ""}
    )
    officer_client.post(url, {"action": "walk_in", "walk_in-resident": resident.email})
    officer_client.post(
        url,
        {
            "action": "all_attended",
            f"attendance-{bookings[0].pk}": "attended",
            f"attendance-{bookings[1].pk}": "no_show",
            f"attendance-{bookings[2].pk}": "",
        },
    )

    attendance = dict(Booking.objects.filter(source="booked").values_list("pk", "attendance"))
    assert attendance == {bookings[0].pk: "attended", bookings[1].pk: "no_show", bookings[2].pk: "attended"}
    assert Booking.objects.get(source="walk_in").resident == resident


def test_the_register_uses_the_same_number_of_queries_with_50_people_as_with_500(
    officer_client, event, django_assert_max_num_queries, reference_data
):
    url = f"/admin/events/event/{event.pk}/attendance/"
    places = bulk.estates(3)
    needs = list(AccessNeed.objects.all()[:2])

    def add(count):
        bulk.bookings(events=[event], residents=bulk.residents(places * (count // 3)), access_needs=needs)
        bulk.walk_ins(count - 3 * (count // 3), event=event, estate=places[0])

    def visit():
        page = officer_client.get(url).content.decode()
        assert page.count(needs[0].label) >= Booking.objects.filter(source="booked").count()

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=30)


def test_marking_attendance_before_an_event_has_started_warns_and_records_nothing_until_confirmed(
    officer_client, event, resident
):
    booking = BookingFactory(event=event)
    url = f"/admin/events/event/{event.pk}/attendance/"

    page = officer_client.get(url).content.decode()
    refused = [
        officer_client.post(url, {"action": "save", f"attendance-{booking.pk}": "attended"}),
        officer_client.post(url, {"action": "check_in", "check_in-code": booking.code}),
        officer_client.post(url, {"action": "walk_in", "walk_in-name": "Sam Person"}),
    ]

    assert "This event has not started yet" in page
    for response in refused:
        assert response.status_code == 200
        assert "Nothing was recorded" in response.content.decode()
    assert booking.code in refused[1].content.decode()  # what was typed is kept
    assert "Sam Person" in refused[2].content.decode()
    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.NOT_RECORDED
    assert Booking.objects.count() == 1

    officer_client.post(url, {"action": "save", f"attendance-{booking.pk}": "attended", "record_early": "1"})

    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED


def test_the_door_opens_an_hour_before_the_start(officer_client):
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=45)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    booking = BookingFactory(event=event)

    officer_client.post(
        f"/admin/events/event/{event.pk}/attendance/", {"action": "check_in", "check_in-code": booking.code}
    )

    booking.refresh_from_db()
    assert booking.attendance == Booking.Attendance.ATTENDED
