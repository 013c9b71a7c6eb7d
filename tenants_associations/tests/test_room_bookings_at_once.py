"""Two committees booking the same room for the same time at the same moment: one gets it, the other is told."""

import threading
from datetime import datetime, time, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from engagement.tests.factories import EstateFactory
from tenants_associations.models import RoomBooking, TRAMeeting
from tenants_associations.services.rooms import RoomBookingRefused, RoomRequest, room_book
from tenants_associations.tests.factories import CommitteeRoleFactory, centre_with_room, tra_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite allows one writer at a time anyway")
def test_two_committees_booking_at_once_cannot_both_have_the_room():
    room = centre_with_room()
    committees = []
    for name in ("Brandon TRA", "Pullens TRA"):
        tra = tra_for(EstateFactory(name=name.removesuffix(" TRA")), name=name)
        committees.append((tra, CommitteeRoleFactory(tra=tra).resident))
    day = timezone.localdate() + timedelta(days=8)
    request = RoomRequest(
        room=room,
        kind=TRAMeeting.Kind.GENERAL,
        starts_at=timezone.make_aware(datetime.combine(day, time(18))),
        ends_at=timezone.make_aware(datetime.combine(day, time(20))),
    )
    start = threading.Barrier(len(committees))
    outcomes = []

    def book(tra, secretary):
        try:
            start.wait()
            room_book(tra=tra, request=request, booked_by=secretary)
            outcomes.append("booked")
        except RoomBookingRefused as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=committee) for committee in committees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["booked", "taken"]
    assert RoomBooking.objects.count() == 1 and TRAMeeting.objects.count() == 1
