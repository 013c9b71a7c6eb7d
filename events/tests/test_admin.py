"""Officers' pages in admin: changelists stay cheap, and the actions that tell residents do so."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.messaging.models import Message
from engagement.tests.factories import ResidentFactory
from events.models import (
    Booking,
    Event,
    Issue,
    IssueCategory,
    WalkaboutRequest,
    WorkshopSuggestion,
)
from events.services.bookings import booking_create
from events.services.issues import issue_raise
from events.services.workshops import suggestion_submit
from events.tests.factories import BookingFactory, EventFactory, VenueFactory
from events.tests.helpers import event_form

pytestmark = pytest.mark.django_db


def test_changing_the_time_in_admin_tells_registered_residents(officer_client, event, resident):
    booking_create(event=event, resident=resident)
    later = timezone.localtime(event.starts_at + timedelta(days=2))

    response = officer_client.post(
        f"/admin/events/event/{event.pk}/change/",
        event_form(
            event,
            starts_at=later.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.starts_at == later
    assert Message.objects.filter(template="events.event_rescheduled", resident=resident).count() == 1


def test_more_places_in_admin_go_to_the_waiting_list(officer_client, resident, other_resident):
    event = EventFactory(capacity=1)
    booking_create(event=event, resident=resident)
    waiting = booking_create(event=event, resident=other_resident, waiting_list=True)

    officer_client.post(f"/admin/events/event/{event.pk}/change/", event_form(event, capacity=2))

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED


def test_an_event_cannot_be_cancelled_by_changing_its_status(officer_client, event):
    page = officer_client.post(
        f"/admin/events/event/{event.pk}/change/", event_form(event, status="cancelled")
    ).content.decode()
    assert "Use “Cancel this event”" in page


def test_cancelling_from_admin_asks_for_the_reason_and_tells_residents(officer_client, event, resident):
    booking_create(event=event, resident=resident)
    officer_client.post(f"/admin/events/event/{event.pk}/cancel/", {"reason": "Venue closed"})
    assert Message.objects.get(template="events.event_cancelled").personalisation["reason"] == "Venue closed"


def test_admin_warns_when_a_repairs_open_day_repeats_the_last_estate(officer_client, event):
    repeat = EventFactory(venue=event.venue, estate=event.estate, starts_at=event.starts_at + timedelta(days=30))
    response = officer_client.post(f"/admin/events/event/{repeat.pk}/change/", event_form(repeat), follow=True)
    assert "Open days should go to a different estate each time" in response.content.decode()


def test_the_years_roadshows_are_planned_from_admin(officer_client):
    hall = VenueFactory()
    data = {
        "plan-year": 2027,
        "plan-senior_leader": "Jo Smith, Director of Housing",
        "session-TOTAL_FORMS": 4,
        "session-INITIAL_FORMS": 0,
        "session-MIN_NUM_FORMS": 1,
        "session-MAX_NUM_FORMS": 1000,
    }
    for number, (day, fmt) in enumerate(
        [("2027-03-03", "online"), ("2027-06-09", "online"), ("2027-09-08", "in_person"), ("2027-12-01", "in_person")]
    ):
        data.update(
            {
                f"session-{number}-day": day,
                f"session-{number}-starts": "18:00",
                f"session-{number}-ends": "19:30",
                f"session-{number}-format": fmt,
                f"session-{number}-venue": hall.pk if fmt == "in_person" else "",
                f"session-{number}-drop_in": "on",
            }
        )
    assert officer_client.get("/admin/events/event/plan-roadshows/").status_code == 200

    officer_client.post("/admin/events/event/plan-roadshows/", data)

    assert Event.objects.filter(kind=Event.Kind.ROADSHOW).count() == 4
    assert Event.objects.filter(kind=Event.Kind.DROP_IN).count() == 4


def test_copying_from_admin_makes_a_draft(officer_client, event):
    officer_client.post("/admin/events/event/", {"action": "copy_events", "_selected_action": [event.pk]})
    assert Event.objects.filter(copied_from=event, status=Event.Status.DRAFT).count() == 1


def test_scheduling_a_walkabout_request_from_admin(officer_client, officer, resident):
    request = WalkaboutRequest.objects.create(
        resident=resident, estate=resident.tenancy.home.block.estate, what_to_look_at="Lights"
    )
    starts = timezone.localtime() + timedelta(days=7)
    officer_client.post(
        f"/admin/events/walkaboutrequest/{request.pk}/schedule/",
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "designated_contact": officer.pk,
        },
    )
    request.refresh_from_db()
    assert request.status == WalkaboutRequest.Status.SCHEDULED
    assert Message.objects.filter(template="events.walkabout_scheduled").exists()


def test_turning_a_suggestion_into_a_workshop_from_admin(officer_client, resident):
    suggestion = suggestion_submit(topic="Service charges explained", resident=resident)
    starts = timezone.localtime() + timedelta(days=7)
    officer_client.post(
        f"/admin/events/workshopsuggestion/{suggestion.pk}/workshop/",
        {
            "title": "Service charges explained",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "format": "online",
        },
    )
    suggestion.refresh_from_db()
    assert suggestion.status == WorkshopSuggestion.Status.SCHEDULED
    assert Message.objects.filter(template="events.workshop_arranged", resident=resident).exists()


def test_an_update_added_in_admin_is_sent_to_the_resident(officer_client, resident):
    issue = issue_raise(
        category=IssueCategory.objects.first(), location="Lift", description="Broken", raised_by=resident
    )
    officer_client.post(
        f"/admin/events/issue/{issue.pk}/change/",
        {
            "category": issue.category_id,
            "estate": "",
            "location": "Lift",
            "description": "Broken",
            "owner": "",
            "target_date": issue.target_date.isoformat(),
            "status": "open",
            "event": "",
            "raised_by": resident.pk,
            "updates-TOTAL_FORMS": 1,
            "updates-INITIAL_FORMS": 0,
            "updates-0-text": "Engineer visiting Friday",
            "updates-0-status": "in_progress",
            "updates-0-tell_resident": "on",
        },
    )
    issue.refresh_from_db()
    assert issue.status == Issue.Status.IN_PROGRESS
    assert Message.objects.get(template="events.issue_update").personalisation["update"] == "Engineer visiting Friday"


@pytest.mark.parametrize(
    "url, make",
    [
        ("/admin/events/event/", lambda: BookingFactory(attendance="attended")),
        ("/admin/events/booking/", lambda: BookingFactory()),
        (
            "/admin/events/issue/",
            lambda: issue_raise(
                category=IssueCategory.objects.first(),
                location="x",
                description="y",
                raised_by=ResidentFactory(),
                estate=EventFactory().estate,
            ),
        ),
        (
            "/admin/events/walkaboutrequest/",
            lambda: WalkaboutRequest.objects.create(
                resident=(r := ResidentFactory()), estate=r.tenancy.home.block.estate, what_to_look_at="x"
            ),
        ),
        ("/admin/events/workshopsuggestion/", lambda: suggestion_submit(topic="x", resident=ResidentFactory())),
        ("/admin/events/venue/", lambda: VenueFactory()),
    ],
)
def test_admin_lists_use_the_same_number_of_queries_however_many_rows(
    officer_client, django_assert_max_num_queries, url, make
):
    for _ in range(5):
        make()
    with django_assert_max_num_queries(40) as small:
        assert officer_client.get(url).status_code == 200
    for _ in range(50):
        make()
    with django_assert_max_num_queries(len(small.captured_queries)):
        officer_client.get(url)
