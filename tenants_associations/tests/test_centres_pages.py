"""Resource centres and TMOs on the site and in admin: what residents, committees and officers see."""

from datetime import datetime, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.tests.factories import EstateFactory
from engagement.tests.test_audit_trail import admin_form_as_posted
from tenants_associations.models import OpeningHours, ResourceCentre, RoomBooking, TenantManagementOrganisation
from tenants_associations.services.rooms import RoomRequest, room_book
from tenants_associations.tests.factories import centre_with_room

pytestmark = pytest.mark.django_db

CENTRES = "/tenants-associations/resource-centres/"


def _next_tuesday():
    day = timezone.localdate() + timedelta(days=7)
    return day + timedelta(days=(1 - day.weekday()) % 7)


@pytest.fixture
def room():
    room = centre_with_room(
        "Taplow Resource Centre", computers=True, free_internet=True, printing=True, weekdays=range(5), closes=time(17)
    )
    OpeningHours.objects.create(centre=room.centre, weekday=5, opens=time(10), closes=time(13))
    return room


def test_residents_find_centres_with_their_facilities_hours_and_rooms(client, room):
    page = client.get(CENTRES).content.decode()
    assert "Taplow Resource Centre" in page and "Computers, Free internet access, Printing" in page
    assert "Meeting room 1, seats 30" in page

    page = client.get(f"{CENTRES}taplow-resource-centre/").content.decode()
    assert (
        '<dt class="govuk-summary-list__key">Monday</dt><dd class="govuk-summary-list__value">9am to 5pm</dd>' in page
    )
    assert 'Saturday</dt><dd class="govuk-summary-list__value">10am to 1pm' in page
    assert 'Sunday</dt><dd class="govuk-summary-list__value">Closed' in page
    assert "Sign in and go to your TRA" in page


def test_the_directory_links_to_the_centres(client):
    assert CENTRES in client.get("/tenants-associations/").content.decode()


def test_a_committee_member_is_offered_a_booking_link_on_a_centres_page(secretary_client, room):
    page = secretary_client.get(f"{CENTRES}taplow-resource-centre/").content.decode()
    assert "/tenants-associations/riverside-tra/committee/rooms/book/" in page


def test_the_centres_list_takes_the_same_queries_for_2_or_10_centres(client, django_assert_num_queries):
    for number in range(2):
        centre_with_room(f"Centre {number}")
    with django_assert_num_queries(3):
        client.get(CENTRES)
    for number in range(2, 10):
        centre_with_room(f"Centre {number}")
    with django_assert_num_queries(3):
        page = client.get(CENTRES).content.decode()
    assert page.count("Meeting room 1, seats 30") == 10


def test_a_centres_page_takes_the_same_queries_however_many_rooms(client, room, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get(f"{CENTRES}taplow-resource-centre/")
    for number in range(2, 8):
        room.centre.rooms.create(name=f"Meeting room {number}", capacity=10)
    with django_assert_num_queries(3):
        page = client.get(f"{CENTRES}taplow-resource-centre/").content.decode()
    assert "Meeting room 7" in page


def test_tmos_show_in_the_directory_and_on_the_tras_page(client, tra, estate):
    tmo = TenantManagementOrganisation.objects.create(name="Leathermarket JMB", website="https://example.org/jmb")
    tmo.estates.add(estate)

    assert (
        "Managed by Leathermarket JMB, a Tenant Management Organisation"
        in client.get("/tenants-associations/").content.decode()
    )
    page = client.get("/tenants-associations/riverside-tra/").content.decode()
    assert '<a class="govuk-link" href="https://example.org/jmb">Leathermarket JMB</a>' in page
    assert (
        "Leathermarket JMB" not in client.get("/tenants-associations/", {"estate": EstateFactory().pk}).content.decode()
    )


def _booking_form(day, **changes):
    data = {
        "kind": "general",
        "date_0": day.day,
        "date_1": day.month,
        "date_2": day.year,
        "time": "2pm",
        "end_time": "4pm",
        "notes": "",
    }
    return {**data, **changes}


def test_a_committee_member_books_a_room_through_the_form(secretary_client, room):
    day = _next_tuesday()
    url = "/tenants-associations/riverside-tra/committee/rooms/book/"
    assert f'<option value="{room.pk}" selected>' in secretary_client.get(url, {"room": room.pk}).content.decode()

    response = secretary_client.post(url, _booking_form(day, room=room.pk), follow=True)

    booking = RoomBooking.objects.get()
    assert booking.meeting.event.venue == room.centre.venue
    assert "Meeting room 1 at Taplow Resource Centre is booked for your meeting" in response.content.decode()


def test_a_taken_room_or_closed_centre_is_said_at_the_field_and_what_was_typed_is_kept(
    secretary_client, room, tra, secretary
):
    day = _next_tuesday()
    url = "/tenants-associations/riverside-tra/committee/rooms/book/"
    room_book(
        tra=tra,
        request=RoomRequest(
            room=room,
            kind="committee",
            starts_at=timezone.make_aware(datetime.combine(day, time(15))),
            ends_at=timezone.make_aware(datetime.combine(day, time(16))),
        ),
        booked_by=secretary,
    )

    page = secretary_client.post(url, _booking_form(day, room=room.pk, notes="Bring cake")).content.decode()
    assert 'id="id_time_1_error"' in page and "Meeting room 1 is already booked" in page
    assert "Bring cake" in page

    sunday = day + timedelta(days=5)
    page = secretary_client.post(url, _booking_form(sunday, room=room.pk)).content.decode()
    assert 'id="id_date_1_error"' in page and "Taplow Resource Centre is closed on Sunday" in page
    page = secretary_client.post(url, _booking_form(day, room=room.pk, end_time="6pm")).content.decode()
    assert "is open 9am to 5pm that day" in page
    assert RoomBooking.objects.count() == 1


def test_someone_not_on_the_committee_cannot_open_the_booking_page(client, tra, neighbour, room):
    client.force_login(neighbour.user)
    assert client.get("/tenants-associations/riverside-tra/committee/rooms/book/").status_code == 403


def test_officers_list_bookings_by_day_and_cancel_one_with_a_reason(
    client, officer, room, tra, secretary, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    day = _next_tuesday()
    for hour in (10, 12, 14):
        room_book(
            tra=tra,
            request=RoomRequest(
                room=room,
                kind="general",
                starts_at=timezone.make_aware(datetime.combine(day, time(hour))),
                ends_at=timezone.make_aware(datetime.combine(day, time(hour + 1))),
            ),
            booked_by=secretary,
        )
    client.force_login(officer)
    changelist = reverse("admin:tenants_associations_roombooking_changelist")
    with django_assert_max_num_queries(15) as few:
        assert (
            client.get(
                changelist, {"starts_at__day": day.day, "starts_at__month": day.month, "starts_at__year": day.year}
            ).status_code
            == 200
        )
    booking = RoomBooking.objects.order_by("starts_at").first()

    action = reverse("admin:tenants_associations_roombooking_change_action", args=[booking.pk, "cancel_room_booking"])
    assert "Why is the booking cancelled?" in client.get(action).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "cancel_room_booking", "_selected_action": [booking.pk], "apply": "1", "reason": "Flooded"},
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == RoomBooking.Status.CANCELLED and booking.cancelled_by == officer
    assert RoomBooking.objects.booked().count() == 2
    assert Message.objects.filter(template="tenants_associations.room_booking_cancelled").count() == 1
    assert len(few.captured_queries) < 15


def test_officers_change_a_centre_in_admin_and_nothing_else_changes_and_it_is_audited(client, officer, room):
    centre = room.centre
    client.force_login(officer)
    url = reverse("admin:tenants_associations_resourcecentre_change", args=[centre.pk])
    data = admin_form_as_posted(client.get(url))
    data["hours_note"] = "Closed on bank holidays"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    centre.refresh_from_db()
    assert centre.hours_note == "Closed on bank holidays"
    assert (centre.name, centre.kind, centre.computers, centre.printing) == (
        "Taplow Resource Centre",
        ResourceCentre.Kind.RESOURCE_CENTRE,
        True,
        True,
    )
    assert centre.opening_hours.count() == 6 and centre.rooms.get().capacity == 30
    entry = LogEntry.objects.get_for_object(centre).latest("timestamp")
    assert entry.actor == officer and "hours_note" in entry.changes_dict


@pytest.mark.parametrize("model", ["resourcecentre", "roombooking", "tenantmanagementorganisation"])
def test_officers_open_the_lists(client, officer, model):
    client.force_login(officer)
    assert client.get(reverse(f"admin:tenants_associations_{model}_changelist")).status_code == 200


def _admin_rows(count, tra, secretary):
    day = _next_tuesday()
    for number in range(count):
        room = centre_with_room(f"Centre {number} {ResourceCentre.objects.count()}", weekdays=[1])
        TenantManagementOrganisation.objects.create(name=f"TMO {ResourceCentre.objects.count()}").estates.add(
            EstateFactory()
        )
        room_book(
            tra=tra,
            request=RoomRequest(
                room=room,
                kind="general",
                starts_at=timezone.make_aware(datetime.combine(day, time(10))),
                ends_at=timezone.make_aware(datetime.combine(day, time(11))),
            ),
            booked_by=secretary,
        )


def test_admin_lists_take_the_same_queries_for_2_or_12_rows(
    client, officer, tra, secretary, django_assert_max_num_queries
):
    client.force_login(officer)
    urls = [
        reverse(f"admin:tenants_associations_{model}_changelist")
        for model in ("resourcecentre", "roombooking", "tenantmanagementorganisation")
    ]
    _admin_rows(2, tra, secretary)
    counts = []
    for url in urls:
        with django_assert_max_num_queries(30) as few:
            assert client.get(url).status_code == 200
        counts.append(len(few.captured_queries))
    _admin_rows(10, tra, secretary)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            page = client.get(url).content.decode()
        assert page.count('<th class="field-') == 12
