"""Officers cancel and close; only administrators delete, and they are told what goes with a record."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from engagement.messaging.models import Message
from events.models import Booking, Event, Issue, IssueCategory
from events.services.issues import issue_raise
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db

# Where taking a row off is the whole point and nothing that happened is lost: these officers may delete.
WORKING_LISTS = {
    "panels.PanelMeeting",  # a draft meeting only, that nobody has been told of
    "panels.EligibilityRule",
    "surveys.Question",  # a survey's questions, until someone answers (answered ones cannot go)
    "tenants_associations.TRADocument",
    "messaging.Councillor",
}


def _may_delete(user, model_admin) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return model_admin.has_delete_permission(request) or "delete_selected" in model_admin.get_actions(request)


@pytest.mark.parametrize("role", ["officer", "community_relations"])
def test_officer_roles_delete_nothing_in_admin_but_working_lists(request, role):
    user = request.getfixturevalue(role)

    deletable = {
        model._meta.label for model, model_admin in admin.site._registry.items() if _may_delete(user, model_admin)
    }

    assert deletable <= WORKING_LISTS


def test_administrators_may_delete(administrator):
    booking_admin = admin.site._registry[Booking]

    assert _may_delete(administrator, booking_admin)


@pytest.fixture
def held_event():
    event = EventFactory(title="Repairs open day", capacity=30)
    BookingFactory.create_batch(3, event=event, attendance=Booking.Attendance.ATTENDED)
    return event


def test_community_relations_cannot_delete_an_event_its_bookings_or_a_residents_issue(
    client, community_relations, held_event, resident
):
    booking = held_event.bookings.first()
    issue = issue_raise(
        category=IssueCategory.objects.first(), location="Stairwell B", description="Damp", raised_by=resident
    )
    client.force_login(community_relations)

    pages = [
        client.get(reverse("admin:events_event_delete", args=[held_event.pk])),
        client.get(reverse("admin:events_booking_delete", args=[booking.pk])),
        client.get(reverse("admin:events_issue_delete", args=[issue.pk])),
    ]
    by_the_list = client.post(
        reverse("admin:events_booking_changelist"),
        {"action": "delete_selected", "_selected_action": [booking.pk], "post": "yes"},
    )
    booking_list = client.get(reverse("admin:events_booking_changelist")).content.decode()

    assert [page.status_code for page in pages] == [403, 403, 403]
    assert by_the_list.status_code == 302  # "No action selected": the list has no delete action for them
    assert 'value="delete_selected"' not in booking_list
    assert Event.objects.filter(pk=held_event.pk).exists()
    assert held_event.bookings.count() == 3 and Issue.objects.filter(pk=issue.pk).exists()


def test_officers_cancel_bookings_from_the_list_and_the_resident_is_told(client, officer, held_event):
    booking = held_event.bookings.order_by("pk").first()
    client.force_login(officer)

    client.post(
        reverse("admin:events_booking_changelist"),
        {"action": "cancel_bookings", "_selected_action": [booking.pk]},
    )

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    told = Message.objects.get(resident=booking.resident, template="events.booking_cancelled")
    assert told.personalisation["cancelled_for_you"] is True


def test_an_administrator_is_told_what_goes_with_an_event_and_what_loses_its_link(
    client, administrator, held_event, resident
):
    issue_raise(
        category=IssueCategory.objects.first(),
        location="Bin store",
        description="Overflowing",
        event=held_event,
        raised_by=resident,
    )
    client.force_login(administrator)

    page = client.get(reverse("admin:events_event_delete", args=[held_event.pk])).content.decode()

    assert "Bookings: 3" in page
    assert "Kept, but no longer linked to it" in page
    assert "Issue (their event): 1" in page
