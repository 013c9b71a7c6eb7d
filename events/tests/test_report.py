"""The attendance report: what community relations download, and that cells cannot become formulas."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from engagement.models import TenureType
from engagement.tests.factories import EstateFactory, ResidentFactory, TenancyFactory
from events.models import Booking, Event
from events.services.attendance import walk_in_add
from events.services.reports import HEADER, ReportFilters, attendance_rows
from events.tests import bulk
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


def rows_of(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "a CSV for Excel starts with a byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def surgery():
    event = EventFactory(title="Surgery at Crossfields", kind=Event.Kind.SURGERY)
    leaseholder = ResidentFactory(tenancy=TenancyFactory(tenure_type=TenureType.RESIDENT_LEASEHOLDER))
    BookingFactory(event=event, resident=leaseholder, attendance="attended")
    BookingFactory(event=event, attendance="no_show")
    BookingFactory(event=event, status=Booking.Status.CANCELLED)
    walk_in_add(event=event, name="Sam Person", estate=EstateFactory(name="Honor Oak"))
    return event


def test_one_row_per_attendance_with_the_columns_community_relations_need(community_relations, client, surgery):
    client.force_login(community_relations)
    rows = rows_of(client.get("/whats-on/reports/attendance.csv"))

    assert tuple(rows[0]) == HEADER
    assert len(rows) == 4  # header, two booked, one walk-in; cancelled bookings are not attendances
    booked = [r for r in rows[1:] if r[8] == "Booked"]
    assert {r[7] for r in booked} == {"Resident leaseholder", "Council tenant"}
    assert {r[9] for r in booked} == {"Attended", "Did not come"}
    [walk_in] = [r for r in rows[1:] if r[8] == "Walk-in"]
    assert (walk_in[5], walk_in[6]) == ("", "Honor Oak")
    assert all(r[0] == "Surgery at Crossfields" and r[2] == "Housing officer surgery" for r in rows[1:])


def test_filters_narrow_the_rows(surgery):
    EventFactory(title="Open day")
    BookingFactory(event=Event.objects.get(title="Open day"))
    assert len(list(attendance_rows(ReportFilters(kind=Event.Kind.SURGERY)))) == 4
    assert len(list(attendance_rows(ReportFilters(estate_id=surgery.estate_id)))) == 4
    assert len(list(attendance_rows(ReportFilters(ward_id=surgery.estate.ward_id)))) == 4
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert len(list(attendance_rows(ReportFilters(date_to=tomorrow)))) == 1


def test_cells_that_look_like_formulas_are_neutralised(community_relations, client):
    for title in ('=HYPERLINK("http://evil")', "+SUM(A1)", "-2+3", "@cmd"):
        BookingFactory(event=EventFactory(title=title))
    client.force_login(community_relations)

    rows = rows_of(client.get("/whats-on/reports/attendance.csv"))
    assert sorted(r[0] for r in rows[1:]) == sorted(['\'=HYPERLINK("http://evil")', "'+SUM(A1)", "'-2+3", "'@cmd"])

    workbook = load_workbook(io.BytesIO(b"".join(client.get("/whats-on/reports/attendance.xlsx").streaming_content)))
    titles = [row[0] for row in workbook["Attendance"].iter_rows(min_row=2, values_only=True)]
    assert all(title.startswith("'") for title in titles)


def test_the_excel_file_has_the_rows_and_a_totals_sheet_per_event(community_relations, client, surgery):
    client.force_login(community_relations)
    workbook = load_workbook(io.BytesIO(b"".join(client.get("/whats-on/reports/attendance.xlsx").streaming_content)))

    assert workbook["Attendance"].max_row == 4
    totals = list(workbook["Totals per event"].iter_rows(values_only=True))
    assert totals[0][5:] == ("Booked", "Places booked", "Attended", "No-shows", "Not recorded", "Walk-ins")
    assert totals[1][5:] == (2, 2, 2, 1, 0, 1)


def test_surgery_attendance_is_visible_per_surgery_on_the_report_page(community_relations, client, surgery):
    client.force_login(community_relations)
    page = client.get("/whats-on/reports/attendance/?kind=surgery").content.decode()
    assert "Surgery at Crossfields" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page


def test_only_community_relations_and_administrators_see_the_report(client, officer, resident):
    client.force_login(officer)
    assert client.get("/whats-on/reports/attendance/").status_code == 403
    assert client.get("/whats-on/reports/attendance.csv").status_code == 403
    client.force_login(resident.user)
    assert client.get("/whats-on/reports/attendance.csv").status_code == 403


@pytest.mark.parametrize(
    "url", ["/whats-on/reports/attendance/", "/whats-on/reports/attendance.csv", "/whats-on/reports/attendance.xlsx"]
)
def test_the_report_and_its_downloads_use_the_same_number_of_queries_with_50_events_as_with_500(
    community_relations, client, django_assert_max_num_queries, url
):
    client.force_login(community_relations)
    places = bulk.estates(3)
    people = bulk.residents(places)

    def add(count):
        held = bulk.events(count, estates=places, starts_at=timezone.now() - timedelta(days=7))
        bulk.bookings(events=held, residents=people, attendance="attended")
        bulk.walk_ins(1, event=held[0], estate=places[1])

    def visit():
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if url.endswith(".csv"):
            assert body.decode().count("\n") == 1 + Booking.objects.count()
        elif url.endswith(".xlsx"):
            assert load_workbook(io.BytesIO(body))["Attendance"].max_row == 1 + Booking.objects.count()
        else:
            assert body.decode().count("Bulk event") >= min(Event.objects.count(), 50)

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=20)


def test_the_admin_action_exports_the_selected_events_attendance(community_relations, client, surgery):
    other = BookingFactory().event
    client.force_login(community_relations)
    response = client.post("/admin/events/event/", {"action": "export_attendance", "_selected_action": [surgery.pk]})
    rows = rows_of(response)
    assert len(rows) == 4 and other.title not in {r[0] for r in rows}


def test_the_pages_figures_for_each_event_are_those_of_the_totals_download(community_relations, client, surgery):
    quiet = EventFactory(title="Nobody came", kind=Event.Kind.SURGERY, starts_at=surgery.starts_at + timedelta(days=1))
    BookingFactory(event=surgery, places=3)  # booked, attendance not recorded yet
    client.force_login(community_relations)

    page = client.get("/whats-on/reports/attendance/?kind=surgery").context["page"]
    download = rows_of(client.get("/whats-on/reports/attendance.totals.csv?kind=surgery"))

    columns = download[0]
    shown = [
        [
            event.title,
            event.booked,
            event.places_booked,
            event.attended,
            event.no_shows,
            event.not_recorded,
            event.walk_ins,
        ]
        for event in page.object_list
    ]
    wanted = ["Event", "Booked", "Places booked", "Attended", "No-shows", "Not recorded", "Walk-ins"]
    downloaded = [[row[0], *(int(row[columns.index(name)]) for name in wanted[1:])] for row in download[1:]]
    assert shown == downloaded
    assert shown == [["Surgery at Crossfields", 3, 5, 2, 1, 1, 1], [quiet.title, 0, 0, 0, 0, 0, 0]]
