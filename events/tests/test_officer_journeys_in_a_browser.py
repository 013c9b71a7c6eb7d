"""Officer journeys through the real admin pages, in a browser at 1280 px, checked with axe.

Each journey checks what the officer would notice on the page, what was recorded, who was told,
and that nothing else changed. (Deciding panel applications from their own page is in
panels/tests/test_journey_decide_on_the_applications_page.py.)
"""

import csv
import io
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from engagement import roles
from engagement.messaging.models import BulkSend, Message
from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    ResidentFactory,
    StaffFactory,
    TenancyFactory,
)
from events.models import Booking, Event, Issue, IssueCategory, WalkaboutRequest
from events.services.walkabouts import walkabout_request_submit
from events.tests.factories import BookingFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _patient_expectations():
    """Long journeys on a shared machine: give each expectation longer than Playwright's 5 s."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=15_000)


def _living_on(block, first_name, last_name, number, *, hears=True):
    resident = ResidentFactory(
        first_name=first_name,
        last_name=last_name,
        tenancy=TenancyFactory(
            reference=f"{block.estate.name[:2].upper()}-{number:04d}",
            home=HomeFactory(block=block, address_line_1=f"{number} {block.name}"),
        ),
    )
    if hears:
        consent_record(
            resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
        )
    return resident


def _pick_in_search_box(page, field_id: str, search: str, expected_label: str) -> None:
    """Choose in an admin search box (select2), checking the one answer is the resident meant."""
    page.locator(f"#{field_id} + .select2-container .select2-selection").click()
    page.locator(".select2-search__field").fill(search)
    expect(page.locator(".select2-results__option")).to_have_text([expected_label])
    page.locator(".select2-results__option").first.click()


def _counts():
    return {
        "events": Event.objects.count(),
        "bookings": Booking.objects.count(),
        "issues": Issue.objects.count(),
        "messages": Message.objects.count(),
        "bulk sends": BulkSend.objects.count(),
    }


def test_walkabout_request_to_scheduled_walkabout_with_staff_invited_promoted_and_issues_resolved(
    live_server, page, axe, officer, reference_data
):
    lee_manor = EstateFactory(name="Lee Manor")
    ash_house = BlockFactory(estate=lee_manor, name="Ash House")
    requester = _living_on(ash_house, "Rita", "Walker", 1)
    neighbours = [_living_on(ash_house, "Nia", "Okoro", 2), _living_on(ash_house, "Tom", "Price", 3)]
    not_hearing = _living_on(ash_house, "Quiet", "Neighbour", 4, hears=False)
    # Same name, another estate: the search box must tell them apart.
    namesake = _living_on(BlockFactory(estate=EstateFactory(name="Crossfields"), name="Oak Court"), "Rita", "Walker", 9)
    contact = StaffFactory(email="grounds.lead@example.gov.uk", role=roles.ENGAGEMENT_OFFICER)
    environment = IssueCategory.objects.get(code="environment")
    environment.designated_contact = contact
    environment.save()
    walkabout_request_submit(
        resident=requester, estate=lee_manor, what_to_look_at="Fly-tipping by the bins", suggested_dates="Any morning"
    )
    before = _counts()
    starts = timezone.localtime() + timedelta(days=14)
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    # The request: scheduled with a designated contact; the resident who asked is told.
    page.goto(live_server.url + "/admin/events/walkaboutrequest/")
    axe(page)
    page.locator("#result_list").get_by_role("link", name="Lee Manor").click()
    page.get_by_role("link", name="Schedule the walkabout").click()
    axe(page)
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Ends").fill(starts.strftime("%Y-%m-%dT11:30"))
    page.get_by_label("Designated contact (matched to the issues raised)").select_option(label=contact.email)
    page.get_by_role("button", name="Schedule and tell the resident").click()
    expect(page.locator(".messagelist")).to_contain_text("Walkabout scheduled and the resident told")
    axe(page)
    walkabout = Event.objects.get(kind=Event.Kind.WALKABOUT)
    assert (walkabout.estate, walkabout.designated_contact, walkabout.status) == (lee_manor, contact, "published")
    assert WalkaboutRequest.objects.get().status == WalkaboutRequest.Status.SCHEDULED
    assert list(Message.objects.filter(template="events.walkabout_scheduled").values_list("resident", flat=True)) == [
        requester.pk
    ]

    # Staff and stakeholders invited from the walkabout's own page.
    page.get_by_role("button", name=re.compile(r"^Add another staff", re.IGNORECASE)).click()
    page.locator("input[name='staff_invitations-0-name']").fill("Pat Green")
    page.locator("input[name='staff_invitations-0-organisation']").fill("Grounds maintenance")
    page.locator("input[name='staff_invitations-0-email']").fill("pat.green@example.gov.uk")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="Send invitations to staff and stakeholders").click()
    axe(page)
    page.get_by_role("button", name="Send invitations to staff and stakeholders").click()
    expect(page.locator(".messagelist")).to_contain_text("1 invitation(s) sent.")
    expect(page.get_by_role("link", name="Send invitations to staff and stakeholders")).to_have_count(0)
    assert walkabout.staff_invitations.get().sent_at is not None

    # Promoted to the estate's residents who agreed to hear: nobody else.
    page.get_by_role("link", name="Promote to the estate's residents").click()
    page.get_by_role("button", name="Promote to the estate's residents").click()
    expect(page.locator(".messagelist")).to_be_visible()
    promoted = set(Message.objects.filter(template="events.walkabout_promotion").values_list("resident", flat=True))
    assert promoted == {requester.pk, *(neighbour.pk for neighbour in neighbours)}
    assert not promoted & {not_hearing.pk, namesake.pk}

    # On the day: two issues logged from the walkabout's page, one raised by the resident who asked.
    page.get_by_role("link", name="Log an issue from this walkabout").click()
    axe(page)
    page.get_by_label("Category").select_option(label=environment.name)
    page.get_by_label("Where").fill("Bin store behind Ash House")
    page.get_by_label("What").fill("Two mattresses and a sofa dumped by the bins.")
    _pick_in_search_box(
        page,
        "id_raised_by",
        "Walker Lee Manor",
        f"Rita Walker · Lee Manor · 1 Ash House, {requester.tenancy.home.postcode} · tenancy LE-0001",
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.goto(f"{live_server.url}/admin/events/event/{walkabout.pk}/change/")
    page.get_by_role("link", name="Log an issue from this walkabout").click()
    page.get_by_label("Category").select_option(label=environment.name)
    page.get_by_label("Where").fill("Path to Ash House")
    page.get_by_label("What").fill("Broken paving slab by the entrance.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    dumped, paving = Issue.objects.order_by("pk")
    for issue in (dumped, paving):
        assert (issue.event, issue.estate, issue.owner, issue.status) == (walkabout, lee_manor, contact, "open")
        assert issue.target_date == timezone.localdate() + timedelta(days=environment.timescale_days)
    assert dumped.raised_by == requester and paving.raised_by is None

    # Resolved: the update tells the resident who raised it.
    page.goto(f"{live_server.url}/admin/events/issue/{dumped.pk}/change/")
    axe(page)
    page.locator("textarea[name='updates-0-text']").fill("Cleared by the grounds team on Tuesday.")
    page.locator("select[name='updates-0-status']").select_option("resolved")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    dumped.refresh_from_db()
    assert dumped.status == Issue.Status.RESOLVED and dumped.resolved_at is not None
    told = Message.objects.filter(template="events.issue_update")
    assert list(told.values_list("resident", flat=True)) == [requester.pk]

    # Nothing else changed: one walkabout, two issues, only the requester's place, and only these messages.
    after = _counts()
    assert after["events"] == before["events"] + 1
    assert after["issues"] == before["issues"] + 2
    assert after["bookings"] == before["bookings"] + 1
    assert list(Booking.objects.values_list("event", "resident")) == [(walkabout.pk, requester.pk)]
    sent = sorted(Message.objects.values_list("template", flat=True))
    assert sent == sorted(
        ["events.walkabout_scheduled", "events.staff_invitation", "events.issue_update"]
        + ["events.walkabout_promotion"] * len(promoted)
    )
    assert not Message.objects.filter(resident__in=[namesake, not_hearing]).exists()
    assert paving.status == Issue.Status.OPEN


def test_marking_attendance_for_twenty_booked_people_and_adding_a_walk_in(live_server, page, axe, officer):
    estate = EstateFactory(name="Honor Oak")
    block = BlockFactory(estate=estate, name="Elm House")
    now = timezone.now().replace(second=0, microsecond=0)
    open_day = EventFactory(
        title="Repairs open day at Honor Oak",
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(hours=2),
        capacity=30,
    )
    booked = [
        BookingFactory(event=open_day, resident=_living_on(block, f"Person{number:02d}", "Booked", number, hears=False))
        for number in range(1, 21)
    ]
    pat = _living_on(block, "Pat", "Walker", 42, hears=False)
    other_event = EventFactory(title="Another open day")
    untouched = BookingFactory(event=other_event)
    before = _counts()
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/events/event/{open_day.pk}/change/")
    page.get_by_role("link", name="Attendance register").click()
    expect(page.get_by_text("Everyone booked or walked in (20)")).to_be_visible()
    axe(page)

    # Three did not come; everyone else is marked as attended in one go.
    for booking in booked[:3]:
        page.get_by_role("group", name=f"Attendance for {booking.person_name}").get_by_label("Did not come").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".messagelist")).to_contain_text("Attendance saved (3 changed).")
    page.get_by_role("button", name="Mark everyone not yet recorded as attended").click()
    expect(page.locator(".messagelist")).to_contain_text("Attendance saved (17 changed).")
    axe(page)

    # A walk-in known only by name, linked to their record afterwards.
    page.get_by_label("Or, someone without an account: name").fill("Pat Walker")
    page.get_by_label("and their estate").select_option(label="Honor Oak")
    page.get_by_role("button", name="Add walk-in").click()
    expect(page.locator(".messagelist")).to_contain_text("Pat Walker added as attended.")
    expect(page.get_by_text("Everyone booked or walked in (21)")).to_be_visible()
    page.get_by_role("link", name="link to a resident record for Pat Walker").click()
    axe(page)
    _pick_in_search_box(
        page,
        "id_resident",
        "Walker Elm",
        f"Pat Walker · Honor Oak · 42 Elm House, {pat.tenancy.home.postcode} · tenancy HO-0042",
    )
    page.get_by_role("button", name="Link to this resident").click()
    expect(page.locator(".messagelist")).to_contain_text("Pat Walker is now linked to Pat Walker's record.")

    marks = dict(Booking.objects.filter(event=open_day).values_list("pk", "attendance"))
    assert sorted(marks[booking.pk] for booking in booked) == ["attended"] * 17 + ["no_show"] * 3
    walk_in = Booking.objects.get(event=open_day, source=Booking.Source.WALK_IN)
    assert (walk_in.resident, walk_in.attendance, walk_in.attendance_recorded_by) == (pat, "attended", officer)
    # Nothing else changed: one more booking (the walk-in), nobody messaged, the other event untouched.
    after = _counts()
    assert after == {**before, "bookings": before["bookings"] + 1}
    untouched.refresh_from_db()
    assert untouched.attendance == "" and untouched.attendance_recorded_by is None


def _last_quarter(today: date) -> tuple[date, date]:
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = quarter_start - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end


def test_exporting_a_quarter_as_csv_and_excel(live_server, page, axe, community_relations):
    first, last = _last_quarter(timezone.localdate())

    def held_on(day, title):
        starts = timezone.make_aware(datetime.combine(day, time(18)))
        with_bookings = EventFactory(title=title, starts_at=starts, ends_at=starts + timedelta(hours=2))
        BookingFactory(event=with_bookings, attendance="attended", resident__first_name="Zoë")
        BookingFactory(event=with_bookings, attendance="no_show")
        return with_bookings

    held_on(first, "First day of the quarter")
    held_on(last, "Last day of the quarter")
    held_on(first - timedelta(days=1), "The day before")
    held_on(last + timedelta(days=1), "The day after")
    before = _counts()
    sign_in_as(page, live_server, community_relations)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/events/event/")
    page.get_by_role("link", name="Attendance report").click()
    axe(page)
    page.get_by_label("From", exact=True).fill(first.isoformat())
    page.get_by_label("To", exact=True).fill(last.isoformat())
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("cell", name="First day of the quarter")).to_be_visible()
    expect(page.get_by_role("cell", name="The day before")).to_have_count(0)
    assert "csrfmiddlewaretoken" not in page.url
    axe(page)
    stamp = f"{first.isoformat()}-to-{last.isoformat()}"

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV", exact=True).first.click()
    assert csv_download.value.suggested_filename == f"attendance-{stamp}.csv"
    raw = Path(csv_download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Event", "Date"]
    assert sorted({row[0] for row in rows[1:]}) == ["First day of the quarter", "Last day of the quarter"]
    assert sorted(row[9] for row in rows[1:]) == ["Attended", "Attended", "Did not come", "Did not come"]

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel (with totals)").click()
    assert xlsx_download.value.suggested_filename == f"attendance-{stamp}.xlsx"
    workbook = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    attendance, totals = workbook["Attendance"], workbook["Totals per event"]
    assert attendance.max_row == 5 and attendance.freeze_panes == "A2" and attendance.auto_filter.ref == "A1:J5"
    assert [row[0] for row in totals.iter_rows(min_row=2, values_only=True)] == [
        "First day of the quarter",
        "Last day of the quarter",
    ]
    assert all(attendance.column_dimensions[column].width >= 8 for column in "ABCDEFGHIJ")

    # Downloading changes nothing.
    assert _counts() == before


def test_the_events_list_shows_format_status_places_and_attended_at_1280_px(live_server, page, axe, officer):
    estate = EstateFactory(name="Lewisham Park and Riverside Gardens")
    for number in range(6):
        EventFactory(
            title=f"Repairs open day with the housing, repairs and grounds teams, session {number}",
            estate=estate,
            kind=Event.Kind.REPAIRS_OPEN_DAY,
            format=Event.Format.HYBRID,
        )
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/events/event/")
    axe(page)

    for column in ("format", "status", "places", "attended"):
        header = page.locator(f"#result_list th.column-{column}")
        expect(header).to_be_visible()
        box = header.bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"], f"the {column} column is cut off at 1280 px"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert re.search(r"\d+ of 20", page.locator("#result_list td.field-places").first.inner_text())
