"""The services that record taking part keep each resident's summary up to date as they do it: the
reach report counts it at once, without anything worked out afresh."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import ResidentInvolvement
from engagement.services.reach_report import involved_since
from engagement.tests.factories import ResidentFactory, StaffFactory
from events.models import Booking, Event
from events.services.attendance import attendance_mark
from events.services.bookings import booking_create
from events.services.events import event_cancel
from events.tests.factories import EventFactory
from tenants_associations.models import Membership
from tenants_associations.services.membership import membership_accept, membership_leave
from tenants_associations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SINCE = timezone.localdate() - timedelta(days=90)


def involved(resident, way: str | None = None) -> bool:
    from engagement.models import Resident

    return Resident.objects.filter(involved_since(SINCE, way), pk=resident.pk).exists()


def test_a_no_show_marked_at_the_event_is_no_longer_involved_and_an_attendance_mark_puts_them_back():
    resident = ResidentFactory()
    event = EventFactory(venue=None, starts_at=timezone.now() + timedelta(days=3), status=Event.Status.PUBLISHED)
    booking = booking_create(event=event, resident=resident)
    assert involved(resident, "events")

    attendance_mark(event=event, marks={booking.pk: Booking.Attendance.NO_SHOW})
    assert not involved(resident)

    attendance_mark(event=event, marks={booking.pk: Booking.Attendance.ATTENDED})
    assert involved(resident, "events")


def test_cancelling_an_event_takes_its_bookings_off_the_report():
    resident = ResidentFactory()
    event = EventFactory(venue=None, starts_at=timezone.now() + timedelta(days=3), status=Event.Status.PUBLISHED)
    booking_create(event=event, resident=resident)

    event_cancel(event=event, reason="The hall is flooded.")

    assert not involved(resident)
    assert not ResidentInvolvement.objects.filter(resident=resident).exists()


def test_a_tra_member_counts_from_acceptance_and_still_after_leaving_for_the_period_they_were_in():
    membership = MembershipFactory(status=Membership.Status.REQUESTED)
    resident = membership.resident
    assert not involved(resident)

    membership_accept(membership=membership, decided_by=StaffFactory())
    assert involved(resident, "tra")
    assert ResidentInvolvement.objects.get(resident=resident).ways["tra"] == "9999-12-31"  # still a member

    membership_leave(membership=membership)
    summary = ResidentInvolvement.objects.get(resident=resident)
    assert summary.ways["tra"] == timezone.localdate().isoformat()
    assert involved(resident, "tra")  # they were a member within the period
