"""A resident's history in admin: one timeline of everything, filterable by kind, at a fixed cost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.models import ConsentSource, FormatRequest, OfficerNote, Purpose
from engagement.services.consent import consent_record
from engagement.tests.factories import StaffFactory
from events.models import Event, IssueCategory, Visit
from events.reference_data import ensure_issue_categories
from events.services.issues import issue_raise
from events.tests.factories import BookingFactory, EventFactory
from panels.tests.factories import MembershipFactory as PanelMembershipFactory
from panels.tests.factories import PanelApplicationFactory, PanelFactory
from surveys.models import Response
from surveys.tests.factories import SurveyFactory
from tenants_associations.tests.factories import MembershipFactory as TRAMembershipFactory
from tenants_associations.tests.factories import TenantsAssociationFactory

pytestmark = pytest.mark.django_db


def history_of(resident, *, officer, number=0):
    """One of each kind of entry (`number` tells them apart when called again for the same resident)."""
    ensure_issue_categories()
    event = EventFactory(title=f"Crossfields fun day {number}")
    BookingFactory(event=event, resident=resident, attendance="attended")
    Message.objects.create(
        resident=resident,
        channel="email",
        purpose=Purpose.SERVICE,
        template="events.booking_confirmed",
        idempotency_key=f"history-test:{resident.pk}:{number}",
        personalisation={"title": event.title},
        status=Message.Status.DELIVERED,
    )
    issue_raise(
        category=IssueCategory.objects.get(code="repairs"),
        location=f"Stairwell {number}",
        description="Light out",
        raised_by=resident,
    )
    panel = PanelFactory(name=f"Repairs panel {number}")
    PanelApplicationFactory(panel=panel, resident=resident)
    PanelMembershipFactory(panel=panel, resident=resident)
    survey = SurveyFactory(title=f"Lifts survey {number}")
    Response.objects.create(
        survey=survey,
        token=f"t-{resident.pk}-{number}",
        resident=resident,
        channel="email",
        submitted_at=timezone.now(),
    )
    consent_record(
        resident, channel="text", purpose=Purpose.ENGAGEMENT, given=number % 2 == 0, source=ConsentSource.PHONE
    )
    round_event = EventFactory(title=f"Winter door-knocking {number}", kind=Event.Kind.DOOR_KNOCKING)
    Visit.objects.create(
        round=round_event, estate=round_event.estate, resident=resident, outcome=Visit.Outcome.SPOKE, notes="Keen"
    )
    OfficerNote.objects.create(resident=resident, text=f"Prefers calls after 5pm ({number})", author=officer)
    FormatRequest.objects.create(
        resident=resident,
        about=f"Bin store letter {number}",
        format=FormatRequest.Format.LARGE_PRINT,
        name=resident.full_name,
        due_by=timezone.localdate(),
    )
    TRAMembershipFactory(tra=TenantsAssociationFactory(name=f"Crossfields TRA {number}"), resident=resident)


def history_page(resident):
    return reverse("admin:engagement_resident_timeline", args=[resident.pk])


def test_one_timeline_shows_every_kind_newest_first(officer_client, officer, resident):
    history_of(resident, officer=officer)
    html = officer_client.get(history_page(resident)).content.decode()
    for expected in (
        "Crossfields fun day 0",
        "Attended",
        "You&#x27;re booked: Crossfields fun day 0",
        "Email · Delivered",
        "Stairwell 0",
        "Applied to join Repairs panel 0",
        "Member of Repairs panel 0",
        "Answered “Lifts survey 0”",
        "Gave consent: ",
        "Door-knocking: Winter door-knocking 0",
        "Prefers calls after 5pm (0)",
        "Asked to join Crossfields TRA 0",
        "Asked for Bin store letter 0 in another format: Large print",
    ):
        assert expected in html, expected
    assert "Everything (11)" in html


def test_the_timeline_filters_by_kind(officer_client, officer, resident):
    history_of(resident, officer=officer)
    html = officer_client.get(history_page(resident), {"kind": "messages"}).content.decode()
    assert "You&#x27;re booked: Crossfields fun day 0" in html
    assert "Stairwell 0" not in html and "Prefers calls" not in html
    assert "Messages, newest first" in html


def test_the_timeline_is_in_date_order(officer_client, officer, resident):
    OfficerNote.objects.create(resident=resident, text="Older note", author=officer)
    OfficerNote.objects.filter(text="Older note").update(created_at=timezone.now() - timedelta(days=30))
    OfficerNote.objects.create(resident=resident, text="Newer note", author=officer)
    html = officer_client.get(history_page(resident)).content.decode()
    assert html.index("Newer note") < html.index("Older note")


def test_staff_without_a_role_are_turned_away(client, resident):
    client.force_login(StaffFactory())
    assert client.get(history_page(resident)).status_code == 403


def test_the_page_costs_the_same_queries_however_long_the_history(
    officer_client, officer, resident, django_assert_max_num_queries
):
    history_of(resident, officer=officer)
    with django_assert_max_num_queries(40) as first:
        officer_client.get(history_page(resident))
    for number in range(1, 6):
        history_of(resident, officer=officer, number=number)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = officer_client.get(history_page(resident))
    assert "Everything (66)" in response.content.decode()
