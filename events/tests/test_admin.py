"""Officers' pages in admin: changelists stay cheap, and the actions that tell residents do so."""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from engagement.messaging.models import Message
from events.models import (
    Booking,
    Event,
    Invitation,
    Issue,
    IssueCategory,
    StaffInvitation,
    WalkaboutRequest,
    WorkshopSuggestion,
)
from events.services.bookings import booking_create
from events.services.issues import issue_raise
from events.services.workshops import suggestion_submit
from events.tests import bulk
from events.tests.factories import EventFactory, VenueFactory
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


def _events_with_bookings(count):
    places = bulk.estates(3)
    held = bulk.events(count, venues=bulk.venues(3, places[0]), eligible=places[:2])
    bulk.bookings(events=held, residents=bulk.residents(places), attendance="attended")


def _bookings(count):
    places = bulk.estates(2)
    bulk.bookings(events=bulk.events(count, estates=places), residents=bulk.residents(places))


def _issues(count, **fields):
    category = IssueCategory.objects.order_by("pk").first()
    bulk.issues(
        count, category=category, raised_by=bulk.residents(bulk.estates(1))[0], estate=bulk.estates(1)[0], **fields
    )


def _categories(count):
    IssueCategory.objects.bulk_create(
        [
            IssueCategory(code=f"bulk-{uuid.uuid4().hex[:12]}", name="Bulk category", timescale_days=10)
            for _ in range(count)
        ]
    )


@pytest.mark.parametrize(
    "url, add",
    [
        ("/admin/events/event/", _events_with_bookings),
        ("/admin/events/booking/", _bookings),
        ("/admin/events/issue/", _issues),
        ("/admin/events/issue/?overdue=yes", lambda count: _issues(count, target_date=date(2024, 1, 31))),
        ("/admin/events/walkaboutrequest/", bulk.walkabout_requests),
        ("/admin/events/workshopsuggestion/", bulk.suggestions),
        ("/admin/events/venue/", lambda count: bulk.venues(count, bulk.estates(1)[0])),
        ("/admin/events/issuecategory/", _categories),
    ],
)
def test_admin_lists_use_the_same_number_of_queries_with_50_rows_as_with_500(
    officer_client, django_assert_max_num_queries, reference_data, url, add
):
    def visit():
        page = officer_client.get(url)
        assert page.status_code == 200
        assert page.context["cl"].result_count >= bulk.SMALL

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=40)


def test_officers_set_each_categorys_timescale_and_owner_on_the_category_list(officer_client, officer, reference_data):
    categories = list(IssueCategory.objects.order_by("position", "pk"))
    data = {"form-TOTAL_FORMS": len(categories), "form-INITIAL_FORMS": len(categories), "_save": "Save"}
    for index, category in enumerate(categories):
        data |= {
            f"form-{index}-id": category.pk,
            f"form-{index}-timescale_days": category.timescale_days,
            f"form-{index}-designated_contact": "",
        }
    data |= {"form-0-timescale_days": 5, "form-0-designated_contact": officer.pk}

    assert officer_client.post("/admin/events/issuecategory/", data).status_code == 302

    categories[0].refresh_from_db()
    assert (categories[0].timescale_days, categories[0].designated_contact) == (5, officer)


def test_officers_add_residents_to_the_invitation_list_and_taking_one_off_cancels_their_place(
    officer_client, officer, resident, other_resident
):
    meeting = EventFactory(kind=Event.Kind.PANEL_MEETING, invitation_only=True, listed=False)
    url = f"/admin/events/event/{meeting.pk}/change/"
    added = {
        "invitations-2-TOTAL_FORMS": 2,
        "invitations-2-0-resident": resident.pk,
        "invitations-2-1-resident": other_resident.pk,
    }

    assert officer_client.post(url, event_form(meeting, **added)).status_code == 302

    assert {(i.resident, i.invited_by) for i in meeting.invitations.all()} == {
        (resident, officer),
        (other_resident, officer),
    }
    assert Message.objects.filter(template="events.invitation").count() == 2
    booking = booking_create(event=meeting, resident=resident)
    listed = meeting.invitations.get(resident=resident)
    taken_off = {
        "invitations-TOTAL_FORMS": 1,
        "invitations-INITIAL_FORMS": 1,
        "invitations-0-id": listed.pk,
        "invitations-0-event": meeting.pk,
        "invitations-0-DELETE": "on",
    }

    assert officer_client.post(url, event_form(meeting, **taken_off)).status_code == 302

    assert [i.resident for i in meeting.invitations.all()] == [other_resident]
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_the_event_page_uses_the_same_number_of_queries_with_50_invited_as_with_500(
    officer_client, officer, django_assert_max_num_queries
):
    meeting = EventFactory(kind=Event.Kind.PANEL_MEETING, invitation_only=True, listed=False)
    places = bulk.estates(2)

    def add(count):
        invited = bulk.residents(places * (count // 2))
        Invitation.objects.bulk_create(
            [Invitation(event=meeting, resident=person, invited_by=officer) for person in invited]
        )
        StaffInvitation.objects.bulk_create(
            [StaffInvitation(event=meeting, name=person.full_name, email=person.email) for person in invited[:10]]
        )

    def visit():
        page = officer_client.get(f"/admin/events/event/{meeting.pk}/change/").content.decode()
        assert page.count("Bulk") >= meeting.invitations.count()

    bulk.queries_stay_the_same(django_assert_max_num_queries, add, visit, ceiling=30)
