"""Getting a page in another format, in a browser: a resident on a 375 px phone (JavaScript on and
off) from a page's footer to the confirmation, and an officer taking the request on in admin and
seeing an event's interpreter needs. Every page checked with axe."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.models import AccessNeed, FormatRequest
from engagement.reference_data import ensure_reference_data
from engagement.tests.browser import sign_in_as
from events.tests.factories import BookingFactory, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_a_resident_asks_for_a_bsl_interpreter_from_an_events_page(live_server, resident_phone, axe):
    ensure_reference_data()
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(days=20)
    event = EventFactory(title="Repairs open day at Crossfields", starts_at=starts, ends_at=starts + timedelta(hours=2))
    page = resident_phone
    page.goto(f"{live_server.url}/whats-on/{event.pk}/")

    page.get_by_role("link", name="Get this in another language or format").click()
    expect(page.get_by_role("heading", level=1, name="Get this in another language or format")).to_be_visible()
    assert (
        page.get_by_label("Which page or letter do you need in another format?")
        .input_value()
        .endswith(f"/whats-on/{event.pk}/")
    )
    axe(page)

    # A translation without its language: said at the field, the rest kept.
    page.get_by_label("A translation into another language").check()
    page.get_by_label("Your name").fill("Dorothy Brown")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("dorothy@example.com")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Enter which language you would like it in").first).to_be_visible()
    assert page.get_by_label("Your name").input_value() == "Dorothy Brown"
    axe(page)

    page.get_by_label("A British Sign Language (BSL) interpreter or video").check()
    page.get_by_role("button", name="Send request").click()

    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    axe(page)
    made = FormatRequest.objects.get()
    assert (made.format, made.page, made.email) == ("bsl", f"/whats-on/{event.pk}/", "dorothy@example.com")
    assert made.due_by < timezone.localdate(starts)
    page.get_by_role("link", name="Back to the page you were on").click()
    expect(page.get_by_role("heading", level=1, name="Repairs open day at Crossfields")).to_be_visible()


def test_an_officer_takes_a_request_on_and_sees_what_an_event_needs(live_server, page, axe, officer):
    ensure_reference_data()
    today = timezone.localdate()
    made = FormatRequest.objects.create(
        about="Letter about the bin stores",
        format="translation",
        language="Somali",
        name="Hodan Ali",
        email="hodan@example.com",
        due_by=today - timedelta(days=1),
    )
    later = FormatRequest.objects.create(
        about="The what's on page", format="audio", name="Ben Green", email="ben@example.com", due_by=today
    )
    event = EventFactory(title="Damp and mould workshop")
    booking = BookingFactory(event=event, interpreter_language="Somali")
    booking.access_needs.set(AccessNeed.objects.filter(code__in=["bsl_interpreter", "language_interpreter"]))
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/admin/engagement/formatrequest/?due=overdue")
    expect(page.get_by_role("link", name="A translation into Somali")).to_be_visible()
    expect(page.get_by_text("Ben Green")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="A translation into Somali").click()
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_label("Assigned officer").select_option(label=str(officer))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    axe(page)

    made.refresh_from_db()
    later.refresh_from_db()
    assert (made.status, made.assigned_to, made.language, made.due_by) == (
        "in_progress",
        officer,
        "Somali",
        today - timedelta(days=1),
    )
    assert (later.status, later.assigned_to) == ("new", None)

    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    support = page.locator("#support-needed")
    expect(support).to_contain_text("British Sign Language (BSL) interpreter: 1")
    expect(support).to_contain_text("Language interpreter — Somali: 1")
    axe(page)
