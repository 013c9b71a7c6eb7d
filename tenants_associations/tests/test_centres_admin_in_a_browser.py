"""Officers' journeys for resource centres, room bookings and TMOs through the real admin pages, in a
browser at 1280 px, checked with axe: what the officer sees, what residents then see, who was told, what
was audited, and that nothing else changed."""

from datetime import datetime, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.forms.models import model_to_dict
from django.utils import timezone
from playwright.sync_api import expect

from engagement.messaging.models import Message
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory, WardFactory
from events.models import Event
from tenants_associations.models import (
    CommitteeRole,
    OpeningHours,
    ResourceCentre,
    RoomBooking,
    TenantManagementOrganisation,
)
from tenants_associations.services.rooms import RoomRequest, room_book, room_booking_check
from tenants_associations.tests.factories import CommitteeRoleFactory, centre_with_room, resident_on, tra_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
CENTRES = "/tenants-associations/resource-centres/"


@pytest.fixture
def taplow():
    room = centre_with_room(
        "Taplow Resource Centre",
        computers=True,
        free_internet=True,
        printing=True,
        weekdays=range(5),
        opens=time(9),
        closes=time(17),
        about="Computers and printing for residents.",
        phone="020 7525 0000",
        hours_note="Closed on bank holidays",
    )
    OpeningHours.objects.create(centre=room.centre, weekday=5, opens=time(10), closes=time(13))
    return room.centre


def _centre_snapshot(centre: ResourceCentre) -> dict:
    """Everything an officer can change on a centre's admin page, its inline rows included."""
    centre = ResourceCentre.objects.get(pk=centre.pk)
    return {
        "centre": model_to_dict(centre),
        "opening hours": list(centre.opening_hours.order_by("weekday", "opens").values()),
        "rooms": list(centre.rooms.order_by("pk").values()),
    }


def _open_centre_in_admin(page, live_server, officer, centre, axe):
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/admin/tenants_associations/resourcecentre/")
    axe(page)
    page.locator("#result_list").get_by_role("link", name=centre.name).click()
    expect(page.get_by_role("heading", name="Change resource centre")).to_be_visible()
    axe(page)


def test_an_officer_changes_a_centres_hours_and_a_facility_and_nothing_else_changes(
    live_server, page, axe, officer, taplow
):
    before = _centre_snapshot(taplow)
    monday = taplow.opening_hours.get(weekday=0)
    _open_centre_in_admin(page, live_server, officer, taplow, axe)

    # Monday (the first row) now closes at 7pm, and the centre now has step-free access.
    expect(page.locator("select[name='opening_hours-0-weekday']")).to_have_value("0")
    page.locator("input[name='opening_hours-0-closes']").fill("19:00")
    page.get_by_label("Step free access").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    axe(page)

    after = _centre_snapshot(taplow)
    assert after["centre"] == {**before["centre"], "step_free_access": True}
    expected_hours = [{**row, "closes": time(19)} if row["id"] == monday.pk else row for row in before["opening hours"]]
    assert after["opening hours"] == expected_hours
    assert after["rooms"] == before["rooms"]

    # Audited with old and new values, as the officer.
    hours_entry = LogEntry.objects.get_for_object(monday).latest("timestamp")
    assert hours_entry.actor == officer
    assert hours_entry.changes_dict == {"closes": ["17:00:00", "19:00:00"]}
    centre_entry = LogEntry.objects.get_for_object(taplow).latest("timestamp")
    assert centre_entry.actor == officer
    assert centre_entry.changes_dict == {"step_free_access": ["False", "True"]}

    # Residents see the new hours and the new facility on the centre's page.
    page.goto(f"{live_server.url}{CENTRES}taplow-resource-centre/")
    hours = page.get_by_role("heading", name="Opening hours").locator("xpath=following-sibling::dl[1]")
    expect(hours.locator(".govuk-summary-list__row").nth(0)).to_contain_text("Monday")
    expect(hours.locator(".govuk-summary-list__row").nth(0)).to_contain_text("9am to 7pm")
    expect(hours.locator(".govuk-summary-list__row").nth(1)).to_contain_text("9am to 5pm")
    expect(page.get_by_text("Step-free access").first).to_be_visible()
    axe(page)


def test_closing_before_opening_is_said_at_the_field_and_what_was_typed_is_kept(
    live_server, page, axe, officer, taplow
):
    before = _centre_snapshot(taplow)
    entries = LogEntry.objects.count()
    _open_centre_in_admin(page, live_server, officer, taplow, axe)

    # Tuesday (the second row) typed to close at 8am, before it opens at 9am; the note changed too.
    page.locator("input[name='opening_hours-1-closes']").fill("08:00")
    page.get_by_label("Hours note").fill("Closed on bank holidays and in August")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".errornote")).to_be_visible()
    row = page.locator("#opening_hours-1")
    expect(row.locator(".errorlist")).to_contain_text("The closing time must be after the opening time (09:00)")
    expect(row.locator("td.field-closes .errorlist")).to_have_count(1)
    expect(page.locator("input[name='opening_hours-1-closes']")).to_have_value("08:00")
    expect(page.get_by_label("Hours note")).to_have_value("Closed on bank holidays and in August")
    axe(page)
    assert _centre_snapshot(taplow) == before
    assert LogEntry.objects.count() == entries

    # Saturday's row moved to Friday afternoon would overlap Friday's hours: said at its opening time.
    page.locator("input[name='opening_hours-1-closes']").fill("18:00")
    page.locator("select[name='opening_hours-5-weekday']").select_option("4")
    page.locator("input[name='opening_hours-5-opens']").fill("16:00")
    page.locator("input[name='opening_hours-5-closes']").fill("19:00")
    page.get_by_role("button", name="Save", exact=True).click()
    saturday = page.locator("#opening_hours-5")
    expect(saturday.locator("td.field-opens .errorlist")).to_contain_text(
        "These hours overlap Friday's other hours (09:00 to 17:00)"
    )
    expect(page.locator("input[name='opening_hours-5-opens']")).to_have_value("16:00")
    expect(page.locator("input[name='opening_hours-1-closes']")).to_have_value("18:00")
    axe(page)
    assert _centre_snapshot(taplow) == before

    # Put right, it saves.
    page.locator("input[name='opening_hours-5-opens']").fill("17:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert taplow.opening_hours.get(weekday=1).closes == time(18)
    assert list(taplow.opening_hours.filter(weekday=4).values_list("opens", "closes")) == [
        (time(9), time(17)),
        (time(17), time(19)),
    ]


def _booking(tra, room, secretary, day, hour):
    return room_book(
        tra=tra,
        request=RoomRequest(
            room=room,
            kind="general",
            starts_at=timezone.make_aware(datetime.combine(day, time(hour))),
            ends_at=timezone.make_aware(datetime.combine(day, time(hour + 1))),
        ),
        booked_by=secretary,
    )


def _bookings_snapshot():
    return {
        "bookings": {booking["id"]: booking for booking in RoomBooking.objects.values()},
        "events": {event["id"]: event for event in Event.objects.values()},
        "messages": list(Message.objects.order_by("pk").values_list("pk", flat=True)),
    }


def test_an_officer_cancels_a_room_booking_with_a_reason_and_the_committee_is_told(
    live_server, page, axe, officer, taplow, tra, secretary
):
    treasurer = CommitteeRoleFactory(
        tra=tra, role=CommitteeRole.Role.TREASURER, resident=resident_on(tra.estates.get(), first_name="Tess")
    ).resident
    room = taplow.rooms.get()
    day = timezone.localdate() + timedelta(days=7)
    day += timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday: the centre is open.
    flooded = _booking(tra, room, secretary, day, 10)
    kept = _booking(tra, room, secretary, day, 14)
    before = _bookings_snapshot()
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/tenants_associations/roombooking/")
    axe(page)
    page.goto(f"{live_server.url}/admin/tenants_associations/roombooking/{flooded.pk}/change/")
    axe(page)
    page.get_by_role("link", name="Cancel this booking").click()
    expect(page.get_by_label("Why is the booking cancelled?")).to_be_visible()
    axe(page)

    # No reason (only spaces, which the browser's own check lets through): said at the field, nothing cancelled.
    page.get_by_label("Why is the booking cancelled?").fill("   ")
    page.get_by_role("button", name="Cancel and tell the TRAs").click()
    expect(page.get_by_text("Enter why the booking is cancelled")).to_be_visible()
    axe(page)
    assert _bookings_snapshot() == before

    page.get_by_label("Why is the booking cancelled?").fill("The room is flooded")
    page.get_by_role("button", name="Cancel and tell the TRAs").click()
    expect(page.locator(".messagelist")).to_contain_text("1 booking(s) cancelled; the TRAs' committees have been told.")
    axe(page)

    # The booking is cancelled, by this officer, with the reason; the room is free again at that time.
    flooded.refresh_from_db()
    assert (flooded.status, flooded.cancellation_reason, flooded.cancelled_by) == (
        RoomBooking.Status.CANCELLED,
        "The room is flooded",
        officer,
    )
    assert flooded.cancelled_at is not None
    room_booking_check(room=room, starts_at=flooded.starts_at, ends_at=flooded.ends_at)
    page.goto(f"{live_server.url}/admin/tenants_associations/roombooking/{flooded.pk}/change/")
    expect(page.get_by_role("link", name="Cancel this booking")).to_have_count(0)
    entry = LogEntry.objects.get_for_object(flooded).latest("timestamp")
    assert entry.actor == officer and entry.changes_dict["status"] == ["booked", "cancelled"]

    # The committee (and only the committee) is told, once each.
    told = Message.objects.exclude(pk__in=before["messages"])
    assert sorted(told.values_list("template", "resident")) == sorted(
        [
            ("tenants_associations.room_booking_cancelled", secretary.pk),
            ("tenants_associations.room_booking_cancelled", treasurer.pk),
        ]
    )
    assert "The room is flooded" in str(told.first().personalisation)

    # The committee sees it on their room bookings page, with the reason; the other booking stands.
    committee_page = page.context.browser.new_context(viewport=DESKTOP).new_page()
    sign_in_as(committee_page, live_server, secretary.user)
    committee_page.goto(f"{live_server.url}/tenants-associations/{tra.slug}/committee/rooms/")
    rows = committee_page.locator("tbody .govuk-table__row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Booking cancelled")
    expect(rows.nth(0)).to_contain_text("The room is flooded")
    expect(rows.nth(1)).not_to_contain_text("Booking cancelled")
    axe(committee_page)
    committee_page.context.close()

    # The meeting stays in the TRA's calendar; its page says the room was cancelled, not that it is in it.
    meeting_page = page.context.browser.new_context(viewport=DESKTOP).new_page()
    meeting_page.goto(f"{live_server.url}/whats-on/{flooded.meeting.event_id}/")
    expect(meeting_page.get_by_text("The room booked for this meeting, the")).to_contain_text("has been cancelled")
    in_room = f"In the {room.name} at {taplow.name}."
    assert in_room in before["events"][flooded.meeting.event_id]["description"]
    expect(meeting_page.get_by_text(in_room)).to_have_count(0)
    meeting_page.context.close()

    # Nothing else changed: the other booking and its meeting, and the cancelled one's meeting but its words.
    after = _bookings_snapshot()
    changed = {"status", "cancellation_reason", "cancelled_by_id", "cancelled_at"}
    assert {key: value for key, value in after["bookings"][flooded.pk].items() if key not in changed} == {
        key: value for key, value in before["bookings"][flooded.pk].items() if key not in changed
    }
    assert after["bookings"][kept.pk] == before["bookings"][kept.pk]
    event_changed = {"description", "updated_at"}
    assert {
        pk: {key: value for key, value in event.items() if key not in event_changed}
        for pk, event in after["events"].items()
    } == {
        pk: {key: value for key, value in event.items() if key not in event_changed}
        for pk, event in before["events"].items()
    }
    assert after["events"][kept.meeting.event_id] == before["events"][kept.meeting.event_id]


def test_an_officer_adds_a_tmo_for_two_estates_and_residents_see_it_on_those_estates_only(
    live_server, page, axe, officer
):
    ward = WardFactory(name="North Bermondsey")
    tabard, decima, other = (
        EstateFactory(name=name, ward=ward) for name in ("Tabard Gardens", "Decima Street", "Bricklayers")
    )
    tra_for(tabard, name="Tabard Gardens TRA", slug="tabard-gardens-tra")
    tra_for(decima, name="Decima Street TRA", slug="decima-street-tra")
    tra_for(other, name="Bricklayers TRA", slug="bricklayers-tra")
    # Seen once before the TMO is added: the directory must not keep showing what it showed then.
    residents_page = page.context.browser.new_context().new_page()
    residents_page.goto(live_server.url + "/tenants-associations/")
    expect(residents_page.get_by_text("Tabard Gardens TRA")).to_be_visible()
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/tenants_associations/tenantmanagementorganisation/")
    axe(page)
    page.get_by_role("link", name="Add Tenant Management Organisation (TMO)").click()
    axe(page)
    page.get_by_label("Name").fill("Tabard and Decima TMO")
    page.locator("#id_estates_from").select_option(["Tabard Gardens", "Decima Street"])
    page.locator("#id_estates_add").click()
    expect(page.locator("#id_estates_to option")).to_have_count(2)
    page.get_by_label("Website").fill("example.org/tabard-tmo")  # typed without https://, as officers do
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    axe(page)

    tmo = TenantManagementOrganisation.objects.get()
    assert (tmo.name, tmo.website, set(tmo.estates.all())) == (
        "Tabard and Decima TMO",
        "https://example.org/tabard-tmo",
        {tabard, decima},
    )
    # Audited as this officer: the TMO added, then its estates.
    entries = LogEntry.objects.get_for_object(tmo).order_by("timestamp")
    assert {entry.actor for entry in entries} == {officer}
    assert entries.first().action == LogEntry.Action.CREATE
    assert any("estates" in entry.changes_dict for entry in entries)

    # The directory: said on those two estates' rows, not on the third.
    residents_page.goto(live_server.url + "/tenants-associations/")
    managed = residents_page.get_by_text("Managed by Tabard and Decima TMO, a Tenant Management Organisation")
    expect(managed).to_have_count(2)
    for estate in (tabard, decima):
        row = residents_page.locator(".govuk-summary-list__row").filter(
            has=residents_page.locator("dt", has_text=estate.name)
        )
        expect(row).to_contain_text("Managed by Tabard and Decima TMO")
    bricklayers = residents_page.locator(".govuk-summary-list__row").filter(
        has=residents_page.locator("dt", has_text="Bricklayers")
    )
    expect(bricklayers).not_to_contain_text("Managed by")
    axe(residents_page)

    # Each TRA's page for those estates names it, with its website; the other TRA's page does not.
    for slug in ("tabard-gardens-tra", "decima-street-tra"):
        residents_page.goto(f"{live_server.url}/tenants-associations/{slug}/")
        expect(residents_page.get_by_role("link", name="Tabard and Decima TMO")).to_have_attribute(
            "href", "https://example.org/tabard-tmo"
        )
        axe(residents_page)
    residents_page.goto(f"{live_server.url}/tenants-associations/bricklayers-tra/")
    expect(residents_page.get_by_role("heading", level=1, name="Bricklayers TRA")).to_be_visible()
    expect(residents_page.get_by_text("Tabard and Decima TMO")).to_have_count(0)
    residents_page.context.close()
