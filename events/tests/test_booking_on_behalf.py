"""Officers book residents onto events from admin (they phoned, sent a paper form, asked in person),
and link a walk-in to the resident's record afterwards."""

import pytest
from django.urls import reverse

from engagement.messaging.models import Message
from engagement.tests.factories import EstateFactory, HomeFactory, ResidentFactory, StaffFactory, TenancyFactory
from events.models import Booking
from events.services.attendance import walk_in_add
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def _book(client, event, resident, how="phone", **extra):
    data = {"resident": resident.pk, "how_asked": how, "places": "1", **extra}
    return client.post(reverse("admin:events_event_book", args=[event.pk]), data)


def test_an_officer_books_a_resident_who_phoned_and_the_booking_says_who_and_how(
    officer, officer_client, event, resident
):
    page = officer_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert "Book a resident" in page.content.decode()
    form_page = officer_client.get(reverse("admin:events_event_book", args=[event.pk]))
    assert form_page.status_code == 200
    assert "10 places left" in form_page.content.decode()

    response = _book(officer_client, event, resident, how="phone", places="2", interpreter_language="Turkish")

    assert response.status_code == 302
    booking = Booking.objects.get(event=event, resident=resident)
    assert (booking.status, booking.places, booking.how_asked, booking.booked_by) == (
        Booking.Status.CONFIRMED,
        2,
        Booking.HowAsked.PHONE,
        officer,
    )
    assert booking.interpreter_language == "Turkish"
    assert Message.objects.filter(template="events.booking_confirmed", resident=resident).count() == 1
    shown = officer_client.get(response.url).content.decode()
    assert f"Rita Resident booked (booking {booking.code}). They have been told." in shown
    detail = officer_client.get(reverse("admin:events_booking_change", args=[booking.pk])).content.decode()
    assert "By phone" in detail and officer.email in detail


def test_a_resident_without_an_account_can_be_booked_from_a_paper_form(officer_client, event):
    no_account = ResidentFactory(user=None, email="", tenancy_verified_at=None, first_name="Win", last_name="Paper")

    _book(officer_client, event, no_account, how="paper_form")

    booking = Booking.objects.get(event=event, resident=no_account)
    assert booking.how_asked == Booking.HowAsked.PAPER_FORM
    assert booking.status == Booking.Status.CONFIRMED


def test_the_events_own_limits_still_apply_and_nothing_is_booked(officer_client, event, resident):
    event.eligible_estates.set([EstateFactory(name="Somewhere else")])

    response = _book(officer_client, event, resident)

    assert response.status_code == 200
    assert "Not booked: This event is only for residents of the estates it names." in response.content.decode()
    assert not Booking.objects.filter(event=event).exists()
    assert not Message.objects.exists()


def test_someone_already_booked_is_not_booked_twice(officer_client, event, resident):
    existing = BookingFactory(event=event, resident=resident)

    response = _book(officer_client, event, resident)

    assert f"Rita Resident already has a booking for this event ({existing.code})." in response.content.decode()
    assert Booking.objects.filter(event=event).count() == 1


def test_a_full_event_takes_them_onto_the_waiting_list_only_when_the_officer_says_so(officer_client, resident):
    full = EventFactory(capacity=1)
    BookingFactory(event=full)

    refused = _book(officer_client, full, resident)
    assert "Not booked: Sorry, there are not enough places left." in refused.content.decode()
    assert not Booking.objects.filter(event=full, resident=resident).exists()

    _book(officer_client, full, resident, waiting_list="on")
    assert Booking.objects.get(event=full, resident=resident).status == Booking.Status.WAITING


def test_staff_without_the_booking_permission_cannot_book_for_anyone(client, event, resident):
    client.force_login(StaffFactory())

    response = _book(client, event, resident)

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_the_booking_page_reads_in_a_fixed_number_of_queries(officer_client, event, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert officer_client.get(reverse("admin:events_event_book", args=[event.pk])).status_code == 200


@pytest.fixture
def walk_in(event, officer):
    return walk_in_add(event=event, name="Pat Walker", estate=EstateFactory(name="Honor Oak"), by=officer)


def test_a_walk_in_is_linked_to_the_residents_record_afterwards(officer_client, event, walk_in):
    pat = ResidentFactory(
        first_name="Pat",
        last_name="Walker",
        tenancy=TenancyFactory(reference="HO-0042", home=HomeFactory(address_line_1="42 Oak Court")),
    )
    register = officer_client.get(reverse("admin:events_event_attendance", args=[event.pk])).content.decode()
    assert reverse("admin:events_booking_link_resident", args=[walk_in.pk]) in register
    change = officer_client.get(reverse("admin:events_booking_change", args=[walk_in.pk])).content.decode()
    assert "Link to a resident record" in change

    response = officer_client.post(
        reverse("admin:events_booking_link_resident", args=[walk_in.pk]), {"resident": pat.pk}
    )

    assert response.status_code == 302
    walk_in.refresh_from_db()
    assert walk_in.resident == pat
    assert (walk_in.source, walk_in.attendance, walk_in.walk_in_name) == ("walk_in", "attended", "Pat Walker")
    assert walk_in.how_asked == Booking.HowAsked.IN_PERSON
    assert "Pat Walker is now linked to Pat Walker&#x27;s record." in officer_client.get(response.url).content.decode()
    # Linked once: the link is offered no more.
    again = officer_client.get(reverse("admin:events_booking_change", args=[walk_in.pk])).content.decode()
    assert "Link to a resident record" not in again


def test_a_walk_in_is_not_linked_to_someone_already_booked_on_the_event(officer_client, event, walk_in, resident):
    booked = BookingFactory(event=event, resident=resident)

    response = officer_client.post(
        reverse("admin:events_booking_link_resident", args=[walk_in.pk]), {"resident": resident.pk}
    )

    assert f"already has a booking for this event ({booked.code}): mark that one instead." in response.content.decode()
    walk_in.refresh_from_db()
    assert walk_in.resident is None


def test_a_booking_made_online_cannot_be_relinked(officer_client, event, resident, other_resident):
    booking = BookingFactory(event=event, resident=resident)

    response = officer_client.post(
        reverse("admin:events_booking_link_resident", args=[booking.pk]), {"resident": other_resident.pk}
    )

    assert "Only a walk-in not yet linked to a resident can be linked." in response.content.decode()
    booking.refresh_from_db()
    assert booking.resident == resident
