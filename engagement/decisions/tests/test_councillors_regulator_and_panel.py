"""Councillors' digest, the regulator's evidence, and overdue decisions for owners and the panel."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from engagement.decisions.models import DecisionSource, DecisionStatusChange, Status
from engagement.decisions.services import decision_publish, overdue_owners_tell
from engagement.decisions.tests.factories import DecisionFactory
from engagement.messaging.models import Councillor, Message
from engagement.messaging.services.digests import ward_digests_send
from engagement.tests.factories import EstateFactory, ResidentFactory, WardFactory
from events.models import IssueCategory
from events.services.issues import issue_raise
from panels.models import Panel
from surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def _run(capture, function, **kwargs):
    with capture(execute=True):
        return function(**kwargs)


def test_a_councillor_hears_of_consultations_open_in_the_ward_and_borough_wide_and_decisions_for_the_ward(
    django_capture_on_commit_callbacks,
):
    evelyn, brockley = WardFactory(name="Evelyn"), WardFactory(name="Brockley")
    pepys = EstateFactory(name="Pepys", ward=evelyn)
    Councillor.objects.create(name="Ada Ward", email="ada@councillors.example.gov.uk", ward=evelyn)
    now = timezone.now()
    open_for = {"opens_at": now - timedelta(days=2), "closes_at": now + timedelta(days=20)}
    SurveyFactory(title="Pepys lifts survey", audience={"estates": [pepys.pk]}, **open_for)
    SurveyFactory(title="Evelyn parking survey", audience={"wards": [evelyn.pk]}, **open_for)
    SurveyFactory(title="Rent letters survey", audience={}, **open_for)
    SurveyFactory(title="Brockley survey", audience={"wards": [brockley.pk]}, **open_for)
    SurveyFactory(title="Closed survey", audience={}, opens_at=now - timedelta(days=30), closes_at=now)
    for_ward = DecisionFactory(title="Pepys lifts serviced monthly", published_at=now - timedelta(days=1))
    for_ward.estates.add(pepys)
    DecisionFactory(title="Brockley bins", published_at=now - timedelta(days=1)).wards.add(brockley)
    DecisionFactory(title="Old news", published_at=now - timedelta(days=40)).wards.add(evelyn)
    mail.outbox.clear()

    _run(django_capture_on_commit_callbacks, ward_digests_send, week_ending=timezone.localdate() + timedelta(days=1))

    [digest] = mail.outbox
    consultations, decisions = digest.body.split("Decisions published or changed")
    assert consultations.index("Pepys lifts survey") < consultations.index("Rent letters survey")
    assert "Evelyn parking survey" in consultations and "Borough-wide" in consultations
    assert "Pepys lifts serviced monthly" in decisions and "(published this week)" in decisions
    for not_shown in ("Brockley survey", "Closed survey", "Brockley bins", "Old news"):
        assert not_shown not in digest.body


def test_an_overdue_decisions_owner_is_told_once_per_missed_date_and_the_panel_sees_it(
    client, officer, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    DecisionFactory(
        title="Lifts serviced monthly",
        owner=officer,
        target_date=today - timedelta(days=1),
        published_at=timezone.now(),
    )
    DecisionFactory(title="On time", owner=officer, target_date=today + timedelta(days=5), published_at=timezone.now())
    DecisionFactory(title="Done late", owner=officer, target_date=today - timedelta(days=9), status=Status.DONE)
    mail.outbox.clear()

    assert _run(django_capture_on_commit_callbacks, overdue_owners_tell) == 1
    _run(django_capture_on_commit_callbacks, overdue_owners_tell)

    assert [(m.to, m.subject) for m in mail.outbox] == [([officer.email], "Overdue: Lifts serviced monthly")]
    panel = Panel.objects.create(
        name="Service and Performance Panel",
        slug="spp",
        kind=Panel.Kind.SERVICE_AND_PERFORMANCE,
        service_area="All",
        purpose="Scrutiny",
        how_often="Every 2 months",
        how_long="2 hours",
    )
    page = client.get(f"/panels/{panel.slug}/").content.decode()
    assert "Decisions past their target date" in page and "Lifts serviced monthly" in page
    assert "On time" not in page and "Done late" not in page


def test_the_regulators_export_follows_each_input_to_the_decision_and_who_was_told_without_naming_anyone(
    client, community_relations, django_capture_on_commit_callbacks
):
    ward = WardFactory(name="Evelyn")
    raiser = ResidentFactory(first_name="Agatha", last_name="Quill")
    issue = issue_raise(
        category=IssueCategory.objects.first(),
        location="Stairwell B",
        description="Filthy",
        estate=EstateFactory(ward=ward),
        raised_by=raiser,
    )
    decision = DecisionFactory(title="Stairs cleaned weekly", how_many=3)
    decision.wards.add(ward)
    DecisionSource.objects.create(decision=decision, issue=issue)
    DecisionSource.objects.create(decision=decision, note="Evelyn TRA meeting")
    _run(django_capture_on_commit_callbacks, decision_publish, decision=decision)
    DecisionStatusChange.objects.create(decision=decision, status=Status.DONE, note="Rota in place")
    DecisionFactory(title="Elsewhere", published_at=timezone.now()).wards.add(WardFactory())
    client.force_login(community_relations)
    year = timezone.localdate().year

    response = client.get(f"/you-said-we-did/evidence/decisions.csv?year={year}&ward={ward.pk}")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    workbook = load_workbook(
        io.BytesIO(b"".join(client.get(f"/you-said-we-did/evidence/decisions.xlsx?ward={ward.pk}").streaming_content))
    )

    header, *data = rows
    assert len(data) == 2 and all(row[1] == "Stairs cleaned weekly" for row in data)
    row = dict(zip(header, data[0], strict=True))
    assert row["Input"] == "Walkabout issue" and issue.reference in row["What residents told us"]
    assert row["Told by email"] == "1" and row["First told on"] == timezone.localdate().isoformat()
    assert row["Done or closed on"] == timezone.localdate().isoformat()
    assert "Agatha" not in str(rows) and "Quill" not in str(rows)
    assert workbook.sheetnames == ["Inputs and decisions", "Status history"]
    history = list(workbook["Status history"].iter_rows(values_only=True))
    assert [(row[2], row[4]) for row in history[1:]] == [("Being considered", None), ("Done", "Rota in place")]
    assert Message.objects.filter(template="decisions.update").count() == 1


def test_the_evidence_is_for_staff_only(client, resident):
    client.force_login(resident.user)

    assert client.get("/you-said-we-did/evidence/decisions.csv").status_code in (302, 403)


def test_staff_choose_the_year_and_ward_before_downloading(client, community_relations):
    ward = WardFactory(name="Evelyn")
    client.force_login(community_relations)

    page = client.get(f"/you-said-we-did/evidence/?year=2026&ward={ward.pk}").content.decode()

    assert f"/you-said-we-did/evidence/decisions.csv?year=2026&amp;ward={ward.pk}" in page
    assert f"/you-said-we-did/evidence/decisions.xlsx?year=2026&amp;ward={ward.pk}" in page
    assert "/you-said-we-did/evidence/" in client.get("/admin/decisions/decision/").content.decode()
