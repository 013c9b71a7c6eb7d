"""A NUL byte (which PostgreSQL cannot store) anywhere a request carries text is refused, never a 500."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from engagement.models import ContactEnquiry, Tenancy, TenancyImport
from engagement.tests.test_tenancy_import import csv_file, three_tenancies, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    "url",
    [
        "/sounding-board/s/%00/",
        "/sounding-board/s/%00/check-your-answers/",
        "/whats-on/offers/%00/",
        "/whats-on/your-events/%00/calendar.ics",
        "/whats-on/bookings/%00/",
        "/whats-on/bookings/%00/cancel/",
        "/messages/unsubscribe/%00/",
        "/sounding-board/?page=%00",
        "/whats-on/?date_from=%00",
        "/tenants-associations/?q=%00",
        "/%00",
    ],
)
def test_a_nul_in_a_public_address_is_a_bad_request(resident_client, url):
    assert resident_client.get(url).status_code in (400, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/booking/?status__exact=%00",
        "/admin/messaging/message/?status__exact=%00",
        "/admin/engagement/resident/?q=%00",
        "/admin/events/event/%00/change/",
        "/admin/engagement/resident/?%00=1",
    ],
)
def test_a_nul_in_an_admin_address_or_list_filter_is_a_bad_request(client, administrator, url):
    client.force_login(administrator)

    assert client.get(url).status_code in (400, 404)


def test_a_nul_in_a_form_value_is_a_bad_request_and_nothing_is_saved(client):
    response = client.post(
        reverse("contact_us"), {"name": "Pat\x00Smith", "email": "pat@example.com", "message": "Hello"}
    )

    assert response.status_code == 400
    assert not ContactEnquiry.objects.exists()


def test_a_notify_receipt_with_a_nul_in_its_reference_is_a_bad_request(client, settings):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-token"
    receipt = {"id": "a1b2", "reference": "message-1\x00", "status": "delivered", "to": "pat@example.com"}

    response = client.post(
        "/messages/notify/delivery-receipts/",
        json.dumps(receipt),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer callback-token",
    )

    assert response.status_code == 400


def _with_a_nul_on_line_3():
    rows = three_tenancies()
    rows[1]["household_members"] = "Sam\x00Example"
    return rows


def test_a_nul_in_a_tenancy_list_cell_is_reported_by_line_and_nothing_is_imported(officer_client):
    officer_client.post(reverse("admin:engagement_tenancyimport_add"), {"file": csv_file(_with_a_nul_on_line_3())})

    record = TenancyImport.objects.get()
    page = officer_client.get(reverse("admin:engagement_tenancyimport_preview", args=[record.pk])).content.decode()

    assert record.status == TenancyImport.Status.REJECTED
    assert "Line 3: has a NUL character" in page
    assert not Tenancy.objects.exists()


def test_the_import_command_reports_a_nul_by_line_without_a_traceback(tmp_path, capsys):
    with pytest.raises(CommandError, match="Nothing was imported: the file has 1 error"):
        call_command("import_tenancies", write_csv(tmp_path, _with_a_nul_on_line_3()))

    assert "Line 3: has a NUL character" in capsys.readouterr().err
    assert not Tenancy.objects.exists()
