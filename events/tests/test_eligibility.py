from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import TenureType
from engagement.tests.factories import EstateFactory, ResidentFactory, TenancyFactory
from events.models import Event, Invitation
from events.rules import booking_eligibility, joining_link_visible
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_a_resident_with_a_verified_tenancy_may_book_an_open_event(event, resident):
    assert booking_eligibility(event=event, resident=resident).allowed


def test_a_resident_without_a_verified_tenancy_is_asked_to_confirm_it(event):
    unverified = ResidentFactory(tenancy_verified_at=None)
    eligibility = booking_eligibility(event=event, resident=unverified)
    assert (eligibility.allowed, eligibility.code) == (False, "verify")


def test_nobody_signed_in_is_asked_to_sign_in(event):
    assert booking_eligibility(event=event, resident=None).code == "sign_in"


@pytest.mark.parametrize(
    "status, code",
    [(Event.Status.DRAFT, "not_open"), (Event.Status.CANCELLED, "cancelled"), (Event.Status.COMPLETED, "not_open")],
)
def test_only_published_events_take_bookings(resident, status, code):
    assert booking_eligibility(event=EventFactory(status=status), resident=resident).code == code


def test_an_event_that_has_started_takes_no_more_bookings(resident):
    started = EventFactory(starts_at=timezone.now() - timedelta(minutes=5))
    assert booking_eligibility(event=started, resident=resident).code == "started"


def test_an_event_for_given_estates_is_open_only_to_their_residents(resident, other_resident):
    event = EventFactory()
    event.eligible_estates.set([resident.tenancy.home.block.estate])

    assert booking_eligibility(event=event, resident=resident).allowed
    assert booking_eligibility(event=event, resident=other_resident).code == "estate"


def test_an_event_for_given_tenure_types_is_open_only_to_them(resident):
    leaseholder = ResidentFactory(tenancy=TenancyFactory(tenure_type=TenureType.RESIDENT_LEASEHOLDER))
    event = EventFactory(eligible_tenure_types=[TenureType.RESIDENT_LEASEHOLDER])

    assert booking_eligibility(event=event, resident=leaseholder).allowed
    assert booking_eligibility(event=event, resident=resident).code == "tenure"


def test_an_invitation_only_meeting_is_open_only_to_invited_residents(resident, other_resident):
    meeting = EventFactory(kind=Event.Kind.PANEL_MEETING, invitation_only=True)
    Invitation.objects.create(event=meeting, resident=resident)

    assert booking_eligibility(event=meeting, resident=resident).allowed
    assert booking_eligibility(event=meeting, resident=other_resident).code == "not_invited"


def test_door_knocking_rounds_are_not_booked(resident):
    assert (
        booking_eligibility(event=EventFactory(kind=Event.Kind.DOOR_KNOCKING), resident=resident).code == "not_bookable"
    )


def test_who_an_event_is_for_is_said_in_plain_words():
    estate = EstateFactory(name="Crossfields")
    event = EventFactory(eligible_tenure_types=[TenureType.RESIDENT_LEASEHOLDER])
    event.eligible_estates.set([estate])
    assert event.who_for() == "Open to resident leaseholders living on Crossfields"
    assert EventFactory().who_for() == "Open to all council housing residents"


def test_the_joining_link_is_only_for_residents_with_a_confirmed_place(resident, other_resident):
    online = EventFactory(format=Event.Format.ONLINE, venue=None, joining_link="https://meet.example.com/abc")
    BookingFactory(event=online, resident=resident)
    BookingFactory(event=online, resident=other_resident, status="waiting")

    assert joining_link_visible(event=online, resident=resident)
    assert not joining_link_visible(event=online, resident=other_resident)
    assert not joining_link_visible(event=online, resident=None)
