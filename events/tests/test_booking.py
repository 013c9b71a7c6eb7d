"""Capacity, the waiting list and offers of freed places: the services, called directly."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from engagement.messaging.models import LetterToPrint, Message
from engagement.models import AccessNeed
from engagement.tests.factories import ResidentFactory
from events.models import Booking, Event
from events.services.bookings import (
    AlreadyBooked,
    EventFull,
    NotEligible,
    OfferEnded,
    booking_cancel,
    booking_create,
    offer_accept,
    offers_lapse,
    places_left,
)
from events.tests.factories import EventFactory
from events.tests.helpers import outbox

pytestmark = pytest.mark.django_db


def templates_sent():
    return list(Message.objects.order_by("pk").values_list("template", flat=True))


def test_booking_confirms_the_place_and_sends_a_confirmation_with_the_code(event, resident, run_on_commit):
    step_free = AccessNeed.objects.get(code="step_free_access")

    booking = run_on_commit(booking_create, event=event, resident=resident, places=2, access_needs=[step_free])

    assert booking.status == Booking.Status.CONFIRMED
    assert places_left(event) == 8
    assert templates_sent() == ["events.booking_confirmed"]  # the reminder is written when it is due
    assert outbox()[0].to == [resident.email]
    assert booking.code in outbox()[0].body
    assert "Step-free access" in outbox()[0].body


def test_a_resident_cannot_book_the_same_event_twice(event, resident):
    booking_create(event=event, resident=resident)
    with pytest.raises(AlreadyBooked):
        booking_create(event=event, resident=resident)


def test_an_ineligible_resident_is_turned_away_with_the_reason(event):
    with pytest.raises(NotEligible, match="Confirm your tenancy"):
        booking_create(event=event, resident=ResidentFactory(tenancy_verified_at=None))


def test_when_full_a_resident_is_told_unless_they_ask_for_the_waiting_list(resident, other_resident):
    event = EventFactory(capacity=1)
    booking_create(event=event, resident=resident)

    with pytest.raises(EventFull):
        booking_create(event=event, resident=other_resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)

    assert waiting.status == Booking.Status.WAITING
    assert Message.objects.filter(template="events.waiting_list_joined", resident=other_resident).exists()


def test_a_party_bigger_than_the_places_left_waits(resident, other_resident):
    event = EventFactory(capacity=3)
    booking_create(event=event, resident=resident, places=2)
    assert booking_create(event=event, resident=other_resident, places=2, waiting_list=True).status == "waiting"


def test_a_cancellation_offers_the_place_to_the_next_on_the_waiting_list(resident, other_resident, run_on_commit):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)

    run_on_commit(booking_cancel, booking=first)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    assert waiting.offer_expires_at > timezone.now()
    offer = [m for m in outbox() if m.to == [other_resident.email]][-1]
    assert f"/whats-on/offers/{waiting.offer_token}/" in offer.body
    # The offered place is held: nobody else can take it meanwhile.
    with pytest.raises(EventFull):
        booking_create(event=event, resident=ResidentFactory())


def test_an_offer_by_letter_carries_a_code_to_type_in_that_leads_to_accepting_it(resident, run_on_commit, client):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    no_email_or_mobile = ResidentFactory(email="", user=None)
    waiting = booking_create(event=event, resident=no_email_or_mobile, waiting_list=True)

    run_on_commit(booking_cancel, booking=first)

    letter = LetterToPrint.objects.get(message__template="events.place_offered")
    code = re.search(r"Type in this code: (\w{4} \w{4})", letter.body).group(1)
    waiting.refresh_from_db()
    assert client.post("/code/", {"code": code})["Location"] == f"/whats-on/offers/{waiting.offer_token}/"


def test_the_waiting_list_is_first_come_first_served_among_parties_that_fit(resident):
    event = EventFactory(capacity=2)
    holder = booking_create(event=event, resident=resident, places=2)
    big = booking_create(event=event, resident=ResidentFactory(), places=2, waiting_list=True)
    small = booking_create(event=event, resident=ResidentFactory(), places=1, waiting_list=True)
    later = booking_create(event=event, resident=ResidentFactory(), places=1, waiting_list=True)

    booking_cancel(booking=holder)

    statuses = {b.pk: b.status for b in Booking.objects.all()}
    assert statuses[big.pk] == Booking.Status.OFFERED
    assert statuses[small.pk] == statuses[later.pk] == Booking.Status.WAITING


def test_accepting_an_offer_confirms_the_place(resident, other_resident, run_on_commit):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)
    booking_cancel(booking=first)
    waiting.refresh_from_db()

    accepted = run_on_commit(offer_accept, token=waiting.offer_token)

    assert accepted.status == Booking.Status.CONFIRMED
    assert Message.objects.filter(template="events.booking_confirmed", resident=other_resident).exists()


def test_an_offer_not_accepted_in_time_lapses_and_goes_to_the_next(resident, other_resident):
    event = EventFactory(capacity=1)
    first = booking_create(event=event, resident=resident)
    second = booking_create(event=event, resident=other_resident, waiting_list=True)
    third_resident = ResidentFactory()
    third = booking_create(event=event, resident=third_resident, waiting_list=True)
    booking_cancel(booking=first)
    Booking.objects.filter(pk=second.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))

    second.refresh_from_db()
    with pytest.raises(OfferEnded):
        offer_accept(token=second.offer_token)
    assert offers_lapse() == 1
    assert offers_lapse() == 0

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Booking.Status.LAPSED
    assert third.status == Booking.Status.OFFERED
    assert Message.objects.filter(template="events.offer_lapsed", resident=other_resident).count() == 1


def test_the_lead_officer_is_told_at_80_percent_and_when_full_once_each(officer):
    event = EventFactory(capacity=5, lead_officer=officer)
    for _ in range(5):
        booking_create(event=event, resident=ResidentFactory())
    booking_cancel(booking=Booking.objects.first())
    booking_create(event=event, resident=ResidentFactory())

    alerts = Message.objects.filter(template="events.capacity_alert")
    assert sorted(alerts.values_list("to_address", "personalisation__full")) == [
        (officer.email, False),
        (officer.email, True),
    ]


def test_an_offer_never_runs_past_the_start_of_the_event(resident, other_resident):
    soon = EventFactory(capacity=1, starts_at=timezone.now() + timedelta(hours=2))
    first = booking_create(event=soon, resident=resident)
    waiting = booking_create(event=soon, resident=other_resident, waiting_list=True)
    booking_cancel(booking=first)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == soon.starts_at


def test_taking_the_limit_away_offers_everyone_waiting_a_place(resident):
    from events.services.events import event_capacity_change

    event = EventFactory(capacity=1)
    booking_create(event=event, resident=resident)
    waiting = [booking_create(event=event, resident=ResidentFactory(), waiting_list=True) for _ in range(3)]

    offers = event_capacity_change(event=event, capacity=None)

    assert sorted(b.pk for b in offers) == sorted(b.pk for b in waiting)


def test_a_party_bigger_than_the_whole_event_is_told_to_book_for_fewer(resident):
    from events.services.bookings import BookingError

    with pytest.raises(BookingError, match="3 places in all"):
        booking_create(event=EventFactory(capacity=3), resident=resident, places=4, waiting_list=True)


def test_the_lead_officers_alert_arrives_by_email_and_without_one_community_relations_hears(
    officer, settings, run_on_commit
):
    led = EventFactory(title="Led open day", capacity=1, lead_officer=officer)
    unled = EventFactory(title="Unled open day", capacity=1, lead_officer=None)

    run_on_commit(booking_create, event=led, resident=ResidentFactory())
    run_on_commit(booking_create, event=unled, resident=ResidentFactory())

    alerts = {(email.to[0], email.subject) for email in mail.outbox if email.subject.startswith("Full")}
    assert alerts == {
        (officer.email, "Full: Led open day"),
        (settings.COMMUNITY_RELATIONS_EMAIL, "Full: Unled open day"),
    }


def test_an_offer_by_letter_has_a_short_code_to_type_in(resident, other_resident, run_on_commit):
    from engagement.messaging.models import LetterToPrint
    from engagement.models import ConsentSource, Purpose
    from engagement.services.consent import consent_record

    event = EventFactory(capacity=1)
    booking_create(event=event, resident=resident)
    for channel in ("email", "text"):
        consent_record(
            other_resident, channel=channel, purpose=Purpose.SERVICE, given=False, source=ConsentSource.ACCOUNT
        )
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)

    run_on_commit(booking_cancel, booking=Booking.objects.get(resident=resident))

    waiting.refresh_from_db()
    letter = LetterToPrint.objects.get(message__template="events.place_offered")
    assert f"/whats-on/offers/{waiting.offer_token}/" in letter.body
    assert "/code/" in letter.body and "Type in this code:" in letter.body


def test_an_offer_ends_when_a_moved_event_starts_and_cannot_be_taken_up_after(resident, other_resident):
    from events.services.events import event_reschedule

    event = EventFactory(capacity=1)
    booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)
    booking_cancel(booking=Booking.objects.get(resident=resident))
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=3)

    event_reschedule(event=event, starts_at=soon, ends_at=soon + timedelta(hours=1))

    waiting.refresh_from_db()
    assert waiting.offer_expires_at == soon
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    Booking.objects.filter(pk=waiting.pk).update(offer_expires_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(OfferEnded, match="no longer taking bookings"):
        offer_accept(token=waiting.offer_token)
