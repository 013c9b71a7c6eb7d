import csv
import io
import json

import pytest
from django.urls import reverse

from engagement.models import AccessNeed, Channel, ConsentSource, EqualityMonitoring, Interest, Purpose
from engagement.services.consent import consent_record

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


def test_the_json_download_holds_everything_we_hold(client, known_resident):
    client.force_login(known_resident.user)

    response = client.get(reverse("download_my_data_file", kwargs={"fmt": "json"}))

    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    about = data["About you"][0]
    assert about["mobile"] == "+447700900123"
    assert about["tenancy_reference"] == known_resident.tenancy.reference
    assert {"interest": "Surveys"} in data["Interests"]
    assert {"access_need": "Hearing loop"} in data["Access needs"]
    assert {"access_need": "Interpreter: Somali"} in data["Access needs"]
    assert [change["given"] for change in data["Contact consent history"]] == [False, True]
    assert data["Equality monitoring"][0]["religion or belief"] == "Prefer not to say"


def test_the_csv_download_opens_as_a_spreadsheet_of_section_field_value(client, known_resident):
    client.force_login(known_resident.user)

    response = client.get(reverse("download_my_data_file", kwargs={"fmt": "csv"}))

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {"section": "About you", "item": "1", "field": "first_name", "value": known_resident.first_name} in rows
    assert any(row["section"] == "Contact consent history" for row in rows)


def test_text_a_resident_typed_cannot_become_a_spreadsheet_formula(client, resident):
    resident.access_needs_other = '=HYPERLINK("http://evil.example")'
    resident.save()
    client.force_login(resident.user)

    body = client.get(reverse("download_my_data_file", kwargs={"fmt": "csv"})).content.decode()

    assert "'=HYPERLINK" in body


def test_other_apps_can_add_their_own_section(client, resident, monkeypatch):
    from engagement.services import data_download

    monkeypatch.setitem(data_download._sections, "Bookings", lambda r: [{"event": "Roadshow", "resident": r.pk}])
    client.force_login(resident.user)

    data = json.loads(client.get(reverse("download_my_data_file", kwargs={"fmt": "json"})).content)

    assert data["Bookings"] == [{"event": "Roadshow", "resident": resident.pk}]
