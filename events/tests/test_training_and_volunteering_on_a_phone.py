"""Training and volunteering on a 375 px phone, JavaScript on and off, checked with axe: a resident books a course
from the training programme, signs up to volunteer, and sees both on their account, then the course they completed
and the hours they gave once an officer has recorded them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from events.models import Booking, Event
from events.services.training import volunteer_hours_record
from events.tests.factories import BookingFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_books_a_course_signs_up_to_volunteer_and_sees_both_on_their_account(
    live_server, resident_phone, axe, resident, reference_data
):
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(days=9)
    course = EventFactory(
        title="Chairing a meeting well",
        kind=Event.Kind.TRAINING,
        training_topic=Event.TrainingTopic.CHAIRING,
        starts_at=soon,
        capacity=12,
    )
    litter_pick = EventFactory(
        title="Litter pick on Crossfields",
        kind=Event.Kind.VOLUNTEERING,
        volunteering_activity=Event.VolunteeringActivity.LITTER_PICK,
        starts_at=soon + timedelta(days=3),
    )
    EventFactory(title="Repairs open day", starts_at=soon)
    page = resident_phone
    sign_in_as(page, live_server, resident.user)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Training programme").click()
    expect(page.get_by_role("heading", level=1, name="Training programme")).to_be_visible()
    assert page.get_by_role("link", name="Repairs open day").count() == 0
    axe(page)
    page.get_by_role("link", name="Chairing a meeting well").click()
    expect(page.get_by_text("Chairing meetings").first).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Book a place").click()
    page.get_by_role("button", name="Book your place").click()
    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()
    axe(page)

    page.goto(live_server.url + "/whats-on/type/training/")
    page.get_by_role("link", name="See volunteering opportunities").click()
    expect(page.get_by_role("heading", level=1, name="Volunteering")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Litter pick on Crossfields").click()
    page.get_by_role("button", name="Sign up to volunteer").click()
    axe(page)
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", name="You're booked")).to_be_visible()

    page.goto(live_server.url + "/your-account/")
    page.get_by_role("link", name="Your training").click()
    expect(page.get_by_role("link", name="Chairing a meeting well")).to_be_visible()
    expect(page.get_by_text("None yet. A course shows here once you have been to it.")).to_be_visible()
    axe(page)

    # The course is held and the litter pick done: the officer marks attendance and records the hours.
    Event.objects.filter(pk__in=[course.pk, litter_pick.pk]).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2, hours=-2)
    )
    Booking.objects.filter(event=course).update(attendance=Booking.Attendance.ATTENDED)
    booking = Booking.objects.get(event=litter_pick, resident=resident)
    volunteer_hours_record(event=litter_pick, hours={booking.pk: Decimal("2.5")})

    page.goto(live_server.url + "/whats-on/your-training/")
    completed = page.get_by_role("table", name="Courses you have completed")
    expect(completed.get_by_role("cell", name="Chairing a meeting well")).to_be_visible()
    axe(page)
    page.goto(live_server.url + "/your-account/")
    page.get_by_role("link", name="Your volunteering").click()
    expect(page.get_by_text("Hours you have given in all: 2.5")).to_be_visible()
    expect(page.get_by_role("cell", name="2.5", exact=True)).to_be_visible()
    axe(page)


def test_an_officer_records_volunteers_hours_on_the_register_and_nothing_else_changes(live_server, page, axe, officer):
    now = timezone.now().replace(second=0, microsecond=0)
    garden = EventFactory(
        title="Community garden: planting day",
        kind=Event.Kind.VOLUNTEERING,
        volunteering_activity=Event.VolunteeringActivity.COMMUNITY_GARDENING,
        starts_at=now - timedelta(hours=4),
        ends_at=now - timedelta(hours=1),
    )
    first, second = BookingFactory(event=garden), BookingFactory(event=garden)
    elsewhere = BookingFactory(event=EventFactory(title="Another event"), attendance="")
    sign_in_as(page, live_server, officer)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/admin/events/event/{garden.pk}/change/")
    page.get_by_role("link", name="Attendance register").click()
    axe(page)
    page.get_by_label(f"Hours given by {first.person_name}").fill("three")
    page.get_by_role("button", name="Save attendance and hours").click()
    expect(page.get_by_text("Enter hours as a number")).to_be_visible()
    expect(page.get_by_label(f"Hours given by {first.person_name}")).to_have_value("three")
    axe(page)
    page.get_by_label(f"Hours given by {first.person_name}").fill("3")
    page.get_by_label(f"Hours given by {second.person_name}").fill("1.5")
    page.get_by_role("button", name="Save attendance and hours").click()
    expect(page.locator(".messagelist")).to_contain_text("Hours saved (2 changed).")

    first.refresh_from_db()
    second.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (first.volunteer_hours, second.volunteer_hours) == (Decimal("3"), Decimal("1.5"))
    assert (first.attendance, second.attendance) == ("attended", "attended")
    assert (elsewhere.attendance, elsewhere.volunteer_hours) == ("", None)
