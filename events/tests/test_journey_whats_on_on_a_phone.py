"""What's on on a 375 px phone, JavaScript on and off, checked with axe: a resident's own estate first,
GOV.UK date inputs, a finished event that says so, and a workshop topic that waits for a moderator."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from engagement.decisions.models import ClosingReport
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory, ResidentFactory
from events.models import Event, WorkshopSuggestion
from events.tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_finds_their_estates_events_first_and_reads_what_happened(live_server, resident_phone, axe):
    resident = ResidentFactory(first_name="Rita")
    home = resident.tenancy.home.block.estate
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(days=2)
    for number in range(6):
        EventFactory(title=f"Other estate TRA meeting {number}", estate=EstateFactory(), venue=None, starts_at=soon)
    EventFactory(title="Repairs open day on your estate", estate=home, venue=None, starts_at=soon + timedelta(days=30))
    held = EventFactory(
        title="Housing roadshow in the spring",
        estate=None,
        venue=None,
        format=Event.Format.ONLINE,
        kind=Event.Kind.ROADSHOW,
        senior_leader="Jo Adebayo",
        starts_at=soon - timedelta(days=60),
        status=Event.Status.COMPLETED,
    )
    ClosingReport.objects.create(
        event=held,
        people_came=60,
        what_was_raised="Repairs waiting times.",
        what_happens_next="We will publish repairs waiting times by estate.",
    )
    page = resident_phone
    sign_in_as(page, live_server, resident.user)

    page.goto(live_server.url + "/whats-on/")
    axe(page)
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings.index("On your estate and across the borough") < headings.index("On other estates")
    assert headings.index("Repairs open day on your estate") < headings.index("On other estates")

    # The date filter is three boxes (day, month, year); a date that cannot be is explained, kept as typed.
    from_date = page.get_by_role("group", name="From")
    from_date.get_by_label("Day").fill("31")
    from_date.get_by_label("Month").fill("2")
    from_date.get_by_label("Year").fill(str(soon.year + 1))
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Enter the from date as a real date").first).to_be_visible()
    assert page.get_by_role("group", name="From").get_by_label("Day").input_value() == "31"
    axe(page)

    page.goto(f"{live_server.url}/whats-on/{held.pk}/")
    expect(page.get_by_text("This event has finished.")).to_be_visible()
    expect(page.get_by_role("heading", name="What came of it")).to_be_visible()
    expect(page.get_by_text("We will publish repairs waiting times by estate.")).to_be_visible()
    assert page.get_by_role("heading", name="Add to your calendar").count() == 0
    axe(page)

    page.goto(live_server.url + "/whats-on/workshops/suggest/")
    page.get_by_label("What should the workshop be about?").fill("<script>alert(1)</script> 🔥")
    page.get_by_role("button", name="Suggest this topic").click()
    expect(page.get_by_text("A moderator will read it before others can see and support it.")).to_be_visible()
    expect(page.get_by_text("No topics yet")).to_be_visible()
    axe(page)
    assert WorkshopSuggestion.objects.get().published is False
