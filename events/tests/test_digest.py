"""Councillors' weekly ward digest: events held on the ward's estates, with who came, and events coming up."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from engagement.messaging.models import Councillor
from engagement.messaging.services.digests import ward_digests_send
from engagement.tests.factories import EstateFactory, WardFactory
from events.models import Event
from events.services.bookings import booking_create
from events.services.events import event_cancel
from events.tests.factories import BookingFactory, EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_a_councillor_hears_of_events_held_and_coming_up_in_their_ward_only(resident, run_on_commit):
    evelyn, brockley = WardFactory(name="Evelyn"), WardFactory(name="Brockley")
    Councillor.objects.create(name="Ada Ward", email="ada@councillors.example.gov.uk", ward=evelyn)
    pepys = VenueFactory(name="Pepys community room", estate=EstateFactory(name="Pepys", ward=evelyn))
    now = timezone.now().replace(second=0, microsecond=0)
    surgery = EventFactory(
        title="Housing surgery", kind=Event.Kind.SURGERY, venue=pepys, starts_at=now - timedelta(days=3)
    )
    BookingFactory.create_batch(2, event=surgery, attendance="attended")
    open_day = EventFactory(title="Repairs open day", venue=pepys, capacity=20, starts_at=now + timedelta(days=5))
    booking_create(event=open_day, resident=resident, places=2)
    called_off = EventFactory(title="Walkabout", venue=pepys, starts_at=now + timedelta(days=9))
    event_cancel(event=called_off, reason="Storm warning")
    EventFactory(title="Private panel meeting", venue=pepys, listed=False, starts_at=now + timedelta(days=6))
    EventFactory(title="Elsewhere", venue=VenueFactory(estate=EstateFactory(ward=brockley)), starts_at=now)
    mail.outbox.clear()

    assert run_on_commit(ward_digests_send, week_ending=timezone.localdate() + timedelta(days=1)) == 1

    [digest] = mail.outbox
    assert digest.to == ["ada@councillors.example.gov.uk"]
    held, coming = digest.body.split("Events coming up")
    assert "Events held" in held and "Housing surgery" in held and "Pepys community room" in held
    assert "2 came" in held
    assert "Repairs open day" in coming and "2 of 20 places booked" in coming
    assert "Walkabout" in coming and "cancelled" in coming
    for not_shown in ("Private panel meeting", "Elsewhere"):
        assert not_shown not in digest.body
