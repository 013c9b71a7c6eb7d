"""One-to-one appointments at a surgery: officers offer 15-minute slots, each resident books one, a taken
slot is no longer offered, and the officer sees who is in which slot."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from engagement.tests.factories import ResidentFactory
from events.models import Booking, Event
from events.services.bookings import EventFull, SlotTaken, booking_cancel, booking_create
from events.services.surgeries import slots_free, surgery_slots_add
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def surgery(officer):
    starts = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    return EventFactory(
        title="Housing officer surgery, Pepys",
        kind=Event.Kind.SURGERY,
        housing_officer=officer,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        estate=None,
    )


def test_an_hours_surgery_gets_four_slots_once_and_its_places_are_its_slots(surgery):
    made = surgery_slots_add(surgery=surgery)

    assert [(slot.starts_at - surgery.starts_at).seconds // 60 for slot in made] == [0, 15, 30, 45]
    assert surgery_slots_add(surgery=surgery) == []
    surgery.refresh_from_db()
    assert surgery.capacity == 4 and surgery.slots.count() == 4


def test_a_slot_is_one_residents_and_comes_free_again_when_they_cancel(surgery):
    first, second, *_ = surgery_slots_add(surgery=surgery)
    ada, bea = ResidentFactory.create_batch(2)

    booking = booking_create(event=surgery, resident=ada, slot=first)
    with pytest.raises(SlotTaken):
        booking_create(event=surgery, resident=bea, slot=first)
    assert list(slots_free(surgery)) == list(surgery.slots.exclude(pk=first.pk))

    booking_cancel(booking=booking)
    assert first in slots_free(surgery)


def test_booked_by_phone_or_from_the_waiting_list_a_resident_gets_the_first_free_slot(surgery, officer):
    first, second = surgery_slots_add(surgery=surgery)[:2]
    surgery.slots.exclude(pk__in=[first.pk, second.pk]).delete()
    Event.objects.filter(pk=surgery.pk).update(capacity=2)
    ada, bea, cy = ResidentFactory.create_batch(3)

    assert booking_create(event=surgery, resident=ada, booked_by=officer, how_asked="phone").slot == first
    assert booking_create(event=surgery, resident=bea).slot == second
    with pytest.raises(EventFull):
        booking_create(event=surgery, resident=cy)


def test_a_resident_chooses_a_time_and_sees_it_on_their_booking(resident_client, resident, surgery):
    first, second, *_ = surgery_slots_add(surgery=surgery)
    booking_create(event=surgery, resident=ResidentFactory(), slot=first)

    page = resident_client.get(f"/whats-on/{surgery.pk}/book/").content.decode()
    assert "Choose a time" in page and str(second) in page
    assert f'value="{first.pk}"' not in page  # taken: not offered
    assert "How many people are coming" not in page

    response = resident_client.post(f"/whats-on/{surgery.pk}/book/", {"slot": str(second.pk)})

    booking = Booking.objects.get(resident=resident)
    assert booking.slot == second and booking.places == 1
    page = resident_client.get(response.url).content.decode()
    assert "Your appointment" in page and str(second) in page


def test_a_time_taken_while_the_resident_chose_is_explained_at_the_field(resident_client, resident, surgery):
    first = surgery_slots_add(surgery=surgery)[0]
    booking_create(event=surgery, resident=ResidentFactory(), slot=first)

    page = resident_client.post(f"/whats-on/{surgery.pk}/book/", {"slot": str(first.pk)}).content.decode()
    assert "That time has just been taken. Choose another time." in page
    assert not Booking.objects.filter(resident=resident).exists()

    nothing = resident_client.post(f"/whats-on/{surgery.pk}/book/", {}).content.decode()
    assert "Select a time" in nothing


def test_when_every_slot_is_taken_the_resident_is_offered_the_waiting_list(resident_client, resident, surgery):
    for slot in surgery_slots_add(surgery=surgery):
        booking_create(event=surgery, resident=ResidentFactory(), slot=slot)

    page = resident_client.get(f"/whats-on/{surgery.pk}/book/").content.decode()

    assert "Join the waiting list" in page and "Choose a time" not in page


def test_officers_offer_slots_and_see_who_is_in_which(officer_client, surgery):
    response = officer_client.post(
        "/admin/events/event/", {"action": "offer_surgery_slots", ACTION_CHECKBOX_NAME: [surgery.pk]}
    )
    assert response.status_code == 302 and surgery.slots.count() == 4
    booking = booking_create(event=surgery, resident=ResidentFactory(first_name="Ada", last_name="Okoro"))

    page = officer_client.get(f"/admin/events/event/{surgery.pk}/change/").content.decode()

    assert "One-to-one appointments: who is in which slot" in page
    assert "Ada Okoro" in page and booking.code in page and page.count("<td>Free</td>") == 3


def test_slots_move_with_their_surgery_and_keep_their_residents(surgery):
    from events.services.events import event_reschedule

    first, second, *_ = surgery_slots_add(surgery=surgery)
    booking = booking_create(event=surgery, resident=ResidentFactory(), slot=second)

    event_reschedule(
        event=surgery,
        starts_at=surgery.starts_at + timedelta(minutes=15),
        ends_at=surgery.ends_at + timedelta(minutes=15),
    )

    booking.refresh_from_db()
    assert booking.slot == second
    assert booking.slot.starts_at == surgery.starts_at + timedelta(minutes=30)
    assert surgery.slots.count() == 4


def test_a_surgery_with_slots_repeats_monthly_with_the_same_slots(surgery, officer):
    from events.services.surgeries import surgery_series_create

    surgery_slots_add(surgery=surgery)

    copies = surgery_series_create(surgery=surgery, months=2, by=officer)

    assert [copy.slots.count() for copy in copies] == [4, 4]
    assert all(copy.capacity == 4 for copy in Event.objects.filter(copied_from=surgery))
