""" "Download my data": one zip holding everything we hold, as JSON, as a spreadsheet, and the files."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.messaging.models import Message
from engagement.messaging.services import message_queue
from engagement.models import AccessNeed, Channel, ConsentSource, EqualityMonitoring, Interest, Purpose, Resident
from engagement.services.consent import consent_record
from engagement.tests.downloads import download_my_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_resident(resident):
    resident.mobile = "+447700900123"
    resident.interpreter_language = "Somali"
    resident.save()
    resident.interests.add(Interest.objects.get(code="surveys"))
    resident.access_needs.add(AccessNeed.objects.get(code="hearing_loop"))
    consent_record(resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT)
    consent_record(
        resident, channel=Channel.TEXT, purpose=Purpose.ENGAGEMENT, given=False, source=ConsentSource.ACCOUNT
    )
    EqualityMonitoring.objects.create(resident=resident, religion="prefer_not_to_say")
    return resident


def test_the_account_offers_one_zip_of_everything(client, known_resident):
    client.force_login(known_resident.user)

    page = client.get(reverse("download_my_data")).content.decode()
    download = download_my_data(client)

    assert reverse("download_my_data_file") in page
    assert download.response["Content-Type"] == "application/zip"
    assert re.fullmatch(
        r'attachment; filename="my-data-\d{4}-\d\d-\d\d\.zip"', download.response["Content-Disposition"]
    )
    assert {"private", "no-store"} <= set(download.response["Cache-Control"].split(", "))


def test_the_json_holds_everything_we_hold(client, known_resident):
    client.force_login(known_resident.user)

    data = download_my_data(client).data

    about = data["About you"][0]
    assert about["mobile"] == "+447700900123"
    assert about["tenancy_reference"] == known_resident.tenancy.reference
    assert {"interest": "Surveys"} in data["Interests"]
    assert {"access_need": "Hearing loop"} in data["Access needs"]
    assert {"access_need": "Interpreter: Somali"} in data["Access needs"]
    assert [change["given"] for change in data["Contact consent history"]] == [False, True]
    assert data["Equality monitoring"][0]["religion or belief"] == "Prefer not to say"


def test_the_spreadsheet_shows_accents_and_local_times_as_excel_reads_them(client, resident):
    Resident.objects.filter(pk=resident.pk).update(
        first_name="Zoë", created_at=datetime(2026, 7, 1, 13, 5, 9, 123456, tzinfo=ZoneInfo("UTC"))
    )
    client.force_login(resident.user)

    download = download_my_data(client)

    assert download.csv_bytes.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for UTF-8
    assert {"section": "About you", "item": "1", "field": "first_name", "value": "Zoë"} in download.rows
    created = next(row["value"] for row in download.rows if row["field"] == "account_created_at")
    assert created == "2026-07-01 14:05:09"  # London summer time, to the second
    assert download.data["About you"][0]["account_created_at"] == "2026-07-01T14:05:09+01:00"


def test_text_a_resident_typed_cannot_become_a_spreadsheet_formula(client, resident):
    resident.access_needs_other = '=HYPERLINK("http://evil.example")'
    resident.save()
    client.force_login(resident.user)

    download = download_my_data(client)

    assert any(row["value"] == '\'=HYPERLINK("http://evil.example")' for row in download.rows)


def test_messages_we_sent_the_resident_are_in_it_with_channel_subject_status_and_dates(
    client, resident, other_resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message_queue(
            template="engagement.enquiry_acknowledgement",
            resident=resident,
            key="test-ack",
            channel=Channel.EMAIL,
            personalisation={"message": "When is the next roadshow?"},
        )
        message_queue(
            template="engagement.enquiry_acknowledgement", resident=other_resident, key="other", channel=Channel.EMAIL
        )
    client.force_login(resident.user)

    [sent] = download_my_data(client).data["Messages we sent you"]

    message = Message.objects.get(resident=resident)
    assert sent["channel"] == "Email"
    assert sent["subject"] == "We have your message"
    assert sent["status"] == message.get_status_display()
    assert sent["recorded_at"] and "sent_at" in sent and "delivered_at" in sent


def test_photos_and_uploads_are_in_the_files_folder_and_named_in_the_data(client, resident, settings, tmp_path):
    from events.models import IssueCategory
    from events.services.issues import issue_raise
    from events.tests.test_issues import jpeg

    settings.MEDIA_ROOT = tmp_path
    issue_raise(
        category=IssueCategory.objects.get(code="repairs"),
        location="Bin store",
        description="Door hanging off",
        raised_by=resident,
        photo=SimpleUploadedFile("door.jpg", jpeg(), content_type="image/jpeg"),
    )
    client.force_login(resident.user)

    download = download_my_data(client)

    [issue] = download.data["Issues you raised"]
    assert issue["photo"] in download.files
    assert download.files[issue["photo"]].startswith(b"\xff\xd8")
    assert any(row["field"] == "photo" and row["value"] == issue["photo"] for row in download.rows)


def test_other_apps_can_add_their_own_section(client, resident, monkeypatch):
    from engagement.services import data_download

    monkeypatch.setitem(data_download._sections, "Bookings", lambda r: [{"event": "Roadshow", "resident": r.pk}])
    client.force_login(resident.user)

    data = download_my_data(client).data

    assert data["Bookings"] == [{"event": "Roadshow", "resident": resident.pk}]


def test_requests_for_another_format_are_in_the_download(client, resident):
    from engagement.services.format_requests import format_request_submit

    format_request_submit(
        about="The bin store letter",
        format="large_print",
        name="Rita",
        reply_by="phone",
        phone="+442079460018",
        resident=resident,
    )
    client.force_login(resident.user)

    [asked] = download_my_data(client).data["Requests for another language or format"]

    assert (asked["about"], asked["format"], asked["status"]) == ("The bin store letter", "Large print", "New")
