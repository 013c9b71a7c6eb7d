"""Downloads that open well in a spreadsheet: Excel reads the CSV's accents, the workbook is ready to
filter, the file says which dates it covers, and the report forms keep the address bar clean."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from engagement.exports import csv_response, xlsx_response
from engagement.models import TenureType
from events.models import Booking
from events.services.attendance import walk_in_add
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _filename(response) -> str:
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


@pytest.fixture
def spring_surgery(db):
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=LONDON)):
        event = EventFactory(title="Surgery at Crossfields", starts_at=datetime(2026, 2, 10, 18, tzinfo=LONDON))
    BookingFactory(event=event, resident__first_name="Zoë", resident__last_name="Ōkafor", attendance="attended")
    walk_in_add(event=event, name="Siân Brontë", estate=event.estate)
    return event


def test_a_csv_starts_with_a_byte_order_mark_so_excel_reads_accents(community_relations, client, spring_surgery):
    client.force_login(community_relations)

    body = _body(client.get("/whats-on/reports/attendance.csv"))

    assert body.startswith(b"\xef\xbb\xbf")
    assert body.count(b"\xef\xbb\xbf") == 1  # once, at the start: not before each chunk of rows
    assert "Surgery at Crossfields" in body.decode("utf-8-sig")


def test_every_csv_download_has_the_mark_once_however_long_it_is():
    rows = [("Name",)] + [(f"Zoë {number}",) for number in range(2500)]

    body = b"".join(csv_response(rows, "names.csv").streaming_content).decode("utf-8")

    assert body.startswith("\ufeffName\r\nZoë 0\r\n")
    assert body.count("\ufeff") == 1 and body.count("\r\n") == 2501


def test_the_excel_file_has_readable_columns_a_frozen_bold_header_and_filters():
    header = ("Event", "Date", "Attendance")
    rows = [header] + [("Repairs open day at Crossfields and Honor Oak", date(2026, 2, 10), "Attended")] * 30

    workbook = load_workbook(io.BytesIO(b"".join(xlsx_response({"Attendance": rows}, "a.xlsx").streaming_content)))
    sheet = workbook["Attendance"]

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C31"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    # Wide enough for the longest title, "Date" for an ISO date, and "Attendance" for its header.
    assert sheet.column_dimensions["A"].width >= len("Repairs open day at Crossfields and Honor Oak")
    assert sheet.column_dimensions["B"].width >= len("2026-02-10")
    assert sheet.column_dimensions["C"].width >= len("Attendance")
    assert [cell.value for cell in sheet[2]][0] == "Repairs open day at Crossfields and Honor Oak"


def test_a_very_long_cell_does_not_make_its_column_wider_than_the_screen():
    rows = [("Notes",), ("x" * 500,)]

    workbook = load_workbook(io.BytesIO(b"".join(xlsx_response({"Notes": rows}, "n.xlsx").streaming_content)))

    assert 20 < workbook["Notes"].column_dimensions["A"].width <= 62


def test_choice_labels_marked_for_translation_are_written_as_their_words_in_csv_and_excel():
    # Labels are lazy translations (gettext_lazy): openpyxl refuses them and csv would write the object.
    rows = [("Tenure", "Attendance"), (TenureType.COUNCIL_TENANT.label, Booking.Attendance.ATTENDED.label)]

    body = b"".join(csv_response(rows, "labels.csv").streaming_content).decode("utf-8")
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_response({"Labels": rows}, "l.xlsx").streaming_content)))

    assert body == "\ufeffTenure,Attendance\r\nCouncil tenant,Attended\r\n"
    assert [cell.value for cell in workbook["Labels"][2]] == ["Council tenant", "Attended"]


def test_the_attendance_report_download_reads_back_with_filters_and_widths(community_relations, client, spring_surgery):
    client.force_login(community_relations)

    workbook = load_workbook(io.BytesIO(_body(client.get("/whats-on/reports/attendance.xlsx"))))

    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
    assert workbook["Attendance"].auto_filter.ref == f"A1:J{workbook['Attendance'].max_row}"


@time_machine.travel(datetime(2026, 4, 2, 9, tzinfo=LONDON))
@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("?date_from=2026-01-01&date_to=2026-03-31", "attendance-2026-01-01-to-2026-03-31"),
        ("?date_from=2026-01-01", "attendance-from-2026-01-01"),
        ("?date_to=2026-03-31", "attendance-up-to-2026-03-31"),
        ("", "attendance-all-dates"),
    ],
)
def test_an_attendance_download_is_named_by_the_dates_it_covers(community_relations, client, query, name):
    client.force_login(community_relations)

    assert _filename(client.get("/whats-on/reports/attendance.csv" + query)) == f"{name}.csv"
    assert _filename(client.get("/whats-on/reports/attendance.xlsx" + query)) == f"{name}.xlsx"
    assert _filename(client.get("/whats-on/reports/attendance.totals.csv" + query)) == (
        name.replace("attendance-", "attendance-totals-") + ".csv"
    )


@time_machine.travel(datetime(2026, 4, 2, 9, tzinfo=LONDON))
def test_a_reach_download_is_named_by_the_dates_it_covers(community_relations, client):
    client.force_login(community_relations)

    assert _filename(client.get(reverse("reach_export", args=["csv"]), {"months": "3"})) == (
        "reach-by-estate-2026-01-02-to-2026-04-02.csv"
    )
    assert _filename(client.get(reverse("reach_export", args=["xlsx"]))) == "reach-2025-04-02-to-2026-04-02.xlsx"


def _get_forms(html: str) -> list[str]:
    return re.findall(r'<form method="get".*?</form>', html, flags=re.DOTALL)


@pytest.mark.parametrize("url", ["/whats-on/reports/attendance/", "/reports/reach/"])
def test_report_forms_send_no_csrf_token_into_the_address_bar(community_relations, client, url):
    client.force_login(community_relations)

    html = client.get(url).content.decode()

    forms = _get_forms(html)
    assert forms, "the report's filter form is a GET form"
    assert not any("csrfmiddlewaretoken" in form for form in forms)


def _csv_rows(response) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))


def test_community_relations_download_a_named_register_for_the_reports_filters(
    community_relations, client, spring_surgery
):
    client.force_login(community_relations)
    assert "Named attendance register" in client.get("/whats-on/reports/attendance/").content.decode()

    response = client.get("/whats-on/reports/attendance.register.csv?date_from=2026-02-01&date_to=2026-02-28")
    rows = _csv_rows(response)

    assert _filename(response) == "attendance-register-2026-02-01-to-2026-02-28.csv"
    assert rows[0][:3] == ["Event", "Date", "Name"]
    assert sorted((row[2], row[7], row[9]) for row in rows[1:]) == [
        ("Siân Brontë", "Walk-in", "Attended"),
        ("Zoë Ōkafor", "Booked", "Attended"),
    ]
    [zoe] = [row for row in rows[1:] if row[2] == "Zoë Ōkafor"]
    booking = spring_surgery.bookings.get(resident__first_name="Zoë")
    assert zoe[6] == booking.resident.tenancy.reference
    assert zoe[4] == booking.resident.tenancy.home.address_line_1

    workbook = load_workbook(io.BytesIO(_body(client.get("/whats-on/reports/attendance.register.xlsx"))))
    assert workbook["Register"].max_row == 3


def test_staff_who_may_not_see_residents_names_get_no_named_register(client, spring_surgery):
    from django.contrib.auth.models import Permission

    from engagement.tests.factories import StaffFactory

    counter = StaffFactory()
    counter.user_permissions.add(Permission.objects.get(codename="view_attendance_report"))
    client.force_login(counter)

    assert "Named attendance register" not in client.get("/whats-on/reports/attendance/").content.decode()
    assert client.get("/whats-on/reports/attendance.register.csv").status_code == 403
    assert client.get("/whats-on/reports/attendance.csv").status_code == 200


def test_an_officer_downloads_an_events_register_with_names_from_admin(officer_client, spring_surgery):
    page = officer_client.get(reverse("admin:events_event_attendance", args=[spring_surgery.pk]))
    assert "Register with names (CSV)" in page.content.decode()

    response = officer_client.get(reverse("admin:events_event_register", args=[spring_surgery.pk, "csv"]))

    assert _filename(response) == "register-surgery-at-crossfields-2026-02-10.csv"
    assert {row[2] for row in _csv_rows(response)[1:]} == {"Zoë Ōkafor", "Siân Brontë"}
    xlsx = officer_client.get(reverse("admin:events_event_register", args=[spring_surgery.pk, "xlsx"]))
    assert load_workbook(io.BytesIO(_body(xlsx)))["Register"].freeze_panes == "A2"


def test_the_printable_sign_in_sheet_lists_everyone_booked_with_room_for_walk_ins(
    officer_client, spring_surgery, django_assert_max_num_queries
):
    BookingFactory.create_batch(5, event=spring_surgery)
    BookingFactory(event=spring_surgery, resident__last_name="Cancelled", status="cancelled")
    url = reverse("admin:events_event_sign_in_sheet", args=[spring_surgery.pk])

    with django_assert_max_num_queries(12):
        page = officer_client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    assert "Zoë Ōkafor" in html and "Siân Brontë" in html and "Cancelled" not in html
    assert html.count('<td class="signature"></td>') == 25  # 7 booked, and blank lines to 25
    assert "Tuesday 10 February 2026, 6pm to 8pm" in html
    # Print styles and the print button come from static files: nothing inline for the CSP to block.
    assert "events/sign_in_sheet.css" in html and "events/print.js" in html
    assert "<style" not in html and "<script>" not in html
    assert (
        "Sign-in sheet"
        in officer_client.get(reverse("admin:events_event_change", args=[spring_surgery.pk])).content.decode()
    )
