"""TRAs booking community rooms for meetings: the rules, called through the services."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from events.models import Event
from tenants_associations.models import CommitteeRole, RoomBooking, TRAMeeting
from tenants_associations.services.meetings import tra_meeting_cancel
from tenants_associations.services.rooms import RoomBookingRefused, RoomRequest, room_book, room_booking_cancel
from tenants_associations.tests.factories import CommitteeRoleFactory, centre_with_room, tra_for

pytestmark = pytest.mark.django_db


def _next(weekday: int):
    """The first such weekday (Monday 0) at least a week from today."""
    day = timezone.localdate() + timedelta(days=7)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _request(room, day, start=18, end=20, kind=TRAMeeting.Kind.GENERAL):
    return RoomRequest(room=room, kind=kind, starts_at=_at(day, start), ends_at=_at(day, end))


@pytest.fixture
def room():
    # Open Monday to Friday, 9am to 9pm.
    return centre_with_room(weekdays=range(5))


@pytest.fixture
def other_tra():
    from engagement.tests.factories import EstateFactory

    return tra_for(EstateFactory(name="Brandon"), name="Brandon TRA", slug="brandon-tra")


@pytest.fixture
def other_secretary(other_tra):
    return CommitteeRoleFactory(tra=other_tra, role=CommitteeRole.Role.SECRETARY).resident


def test_a_committee_member_books_a_room_and_the_centre_becomes_the_meetings_venue(tra, secretary, room):
    day = _next(1)
    booking = room_book(tra=tra, request=_request(room, day), booked_by=secretary)

    meeting = booking.meeting
    assert meeting.tra == tra and meeting.kind == TRAMeeting.Kind.GENERAL
    assert meeting.event.venue == room.centre.venue
    assert (meeting.event.starts_at, meeting.event.ends_at) == (_at(day, 18), _at(day, 20))
    assert "Meeting room 1 at Taplow Resource Centre" in meeting.event.description
    assert meeting.event.status == Event.Status.PUBLISHED
    assert booking.status == RoomBooking.Status.BOOKED and booking.booked_by == secretary


def test_an_ordinary_committee_member_may_book_too(tra, room):
    member = CommitteeRoleFactory(tra=tra, role=CommitteeRole.Role.COMMITTEE_MEMBER).resident
    assert room_book(tra=tra, request=_request(room, _next(1)), booked_by=member).pk


def test_a_resident_not_on_the_committee_cannot_book(tra, neighbour, room):
    with pytest.raises(RoomBookingRefused) as refused:
        room_book(tra=tra, request=_request(room, _next(1)), booked_by=neighbour)
    assert refused.value.code == "not_committee"
    assert not RoomBooking.objects.exists() and not TRAMeeting.objects.exists()


def test_another_tras_committee_cannot_book_for_this_tra(tra, other_secretary, room):
    with pytest.raises(RoomBookingRefused):
        room_book(tra=tra, request=_request(room, _next(1)), booked_by=other_secretary)


@pytest.mark.parametrize(
    ("start", "end"),
    [(18, 20), (17, 19), (19, 21), (18, 19), (17, 21)],
    ids=["same", "starts-before", "ends-after", "inside", "around"],
)
def test_a_room_cannot_be_booked_twice_at_overlapping_times(
    tra, secretary, other_tra, other_secretary, room, start, end
):
    day = _next(2)
    room_book(tra=tra, request=_request(room, day, 18, 20), booked_by=secretary)
    with pytest.raises(RoomBookingRefused) as refused:
        room_book(tra=other_tra, request=_request(room, day, start, end), booked_by=other_secretary)
    assert refused.value.field == "time" and refused.value.code == "taken"
    assert "already booked" in refused.value.message
    assert RoomBooking.objects.count() == 1 and TRAMeeting.objects.count() == 1


def test_back_to_back_bookings_are_fine(tra, secretary, other_tra, other_secretary, room):
    day = _next(2)
    room_book(tra=tra, request=_request(room, day, 18, 19), booked_by=secretary)
    assert room_book(tra=other_tra, request=_request(room, day, 19, 21), booked_by=other_secretary).pk


def test_a_cancelled_booking_frees_the_room(tra, secretary, other_tra, other_secretary, room):
    day = _next(2)
    first = room_book(tra=tra, request=_request(room, day), booked_by=secretary)
    room_booking_cancel(booking=first, reason="Heating broken", tell_tra=False)
    assert room_book(tra=other_tra, request=_request(room, day), booked_by=other_secretary).pk


def test_the_tra_cancelling_its_meeting_frees_the_room(tra, secretary, room):
    booking = room_book(tra=tra, request=_request(room, _next(2)), booked_by=secretary)
    tra_meeting_cancel(meeting=booking.meeting, reason="Not enough people")
    booking.refresh_from_db()
    assert booking.status == RoomBooking.Status.CANCELLED


def test_a_room_cannot_be_booked_on_a_day_the_centre_is_closed(tra, secretary, room):
    with pytest.raises(RoomBookingRefused) as refused:
        room_book(tra=tra, request=_request(room, _next(6)), booked_by=secretary)
    assert refused.value.field == "date"
    assert refused.value.message == "Taplow Resource Centre is closed on Sunday. Choose another day."


@pytest.mark.parametrize(("start", "end"), [(8, 10), (20, 22)], ids=["before-it-opens", "after-it-closes"])
def test_a_room_is_booked_only_while_the_centre_is_open(tra, secretary, room, start, end):
    with pytest.raises(RoomBookingRefused) as refused:
        room_book(tra=tra, request=_request(room, _next(3), start, end), booked_by=secretary)
    assert refused.value.field == "time"
    assert refused.value.message == (
        "Taplow Resource Centre is open 9am to 9pm that day. Choose times when it is open."
    )


def test_a_room_kept_for_the_council_cannot_be_booked(tra, secretary, room):
    room.bookable_by_tras = False
    room.save()
    with pytest.raises(RoomBookingRefused) as refused:
        room_book(tra=tra, request=_request(room, _next(1)), booked_by=secretary)
    assert refused.value.field == "room"


def test_an_officer_cancelling_a_booking_tells_the_committee_and_keeps_the_meeting(
    tra, secretary, room, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    booking = room_book(tra=tra, request=_request(room, _next(1)), booked_by=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        told = room_booking_cancel(booking=booking, reason="The hall is flooded.", by=admin_user)
    booking.refresh_from_db()
    assert told == 1
    assert booking.status == RoomBooking.Status.CANCELLED
    assert booking.cancellation_reason == "The hall is flooded." and booking.cancelled_by == admin_user
    assert booking.meeting.event.status == Event.Status.PUBLISHED
    with pytest.raises(RoomBookingRefused):
        room_booking_cancel(booking=booking, reason="again")


def test_a_tra_sees_only_its_own_bookings(tra, secretary, other_tra, other_secretary, room, client):
    day = _next(1)
    room_book(tra=tra, request=_request(room, day, 10, 12), booked_by=secretary)
    room_book(tra=other_tra, request=_request(room, day, 14, 16), booked_by=other_secretary)
    client.force_login(secretary.user)
    page = client.get("/tenants-associations/riverside-tra/committee/rooms/").content.decode()
    assert "10am to midday" in page and "2pm to 4pm" not in page
    # Another TRA's committee pages are closed to them.
    assert client.get("/tenants-associations/brandon-tra/committee/rooms/").status_code == 403
    assert client.get("/tenants-associations/brandon-tra/committee/rooms/book/").status_code == 403


def test_a_meeting_cancelled_or_moved_in_events_takes_its_booking_with_it(tra, secretary, room):
    from events.services.events import event_cancel, event_change

    day = _next(2)
    booking = room_book(tra=tra, request=_request(room, day), booked_by=secretary)
    event_change(event=booking.meeting.event, starts_at=_at(day, 10), ends_at=_at(day, 11))
    booking.refresh_from_db()
    assert (booking.starts_at, booking.ends_at, booking.status) == (_at(day, 10), _at(day, 11), "booked")

    event_cancel(event=booking.meeting.event, reason="Called off")
    booking.refresh_from_db()
    assert booking.status == RoomBooking.Status.CANCELLED
