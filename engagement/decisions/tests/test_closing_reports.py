"""After an event: officers record what came of it and its action plan; residents read it on the event's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.decisions.models import Action, ClosingReport, DecisionSource
from engagement.decisions.services import contributor_ids
from engagement.decisions.tests.factories import DecisionFactory
from engagement.tests.admin_forms import read_form
from engagement.tests.factories import ResidentFactory
from events.models import Event
from events.tests.factories import BookingFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_workshop():
    starts = timezone.now().replace(second=0, microsecond=0) - timedelta(days=3)
    return EventFactory(
        title="Workshop: bin stores",
        kind=Event.Kind.WORKSHOP,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=Event.Status.COMPLETED,
    )


def test_an_officer_records_a_closing_report_with_an_action_plan_in_admin(client, officer, past_workshop):
    client.force_login(officer)
    page = read_form(client.get("/admin/decisions/closingreport/add/").content.decode(), "closingreport_form")
    data = page.post_data(submit="_save")
    data.update(
        {
            "event": [str(past_workshop.pk)],
            "what_was_raised": ["Dark bin stores."],
            "what_happens_next": ["Lights fitted by spring."],
            "actions-0-action": ["Survey every bin store's lighting"],
            "actions-0-owner": [str(officer.pk)],
            "actions-0-due_date": [(timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y")],
            "actions-0-status": ["to_do"],
        }
    )

    response = client.post("/admin/decisions/closingreport/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    report = ClosingReport.objects.get()
    assert report.created_by == officer and report.actions.get().owner == officer


def test_the_past_events_page_shows_what_came_of_it_and_the_decisions_its_actions_led_to(client, past_workshop):
    BookingFactory.create_batch(3, event=past_workshop, attendance="attended")
    report = ClosingReport.objects.create(
        event=past_workshop, what_was_raised="Dark bin stores.", what_happens_next="Lights by spring."
    )
    action = Action.objects.create(report=report, action="Survey every bin store's lighting")
    decision = DecisionFactory(title="Brighter bin stores", published_at=timezone.now())
    DecisionSource.objects.create(decision=decision, action=action)
    DecisionSource.objects.create(decision=DecisionFactory(title="A draft"), action=action)

    page = client.get(f"/whats-on/{past_workshop.pk}/").content.decode()

    assert "What came of it" in page and "Dark bin stores." in page and "Survey every bin store" in page
    assert "Brighter bin stores" in page and "A draft" not in page
    assert '<dd class="govuk-summary-list__value">3</dd>' in page


def test_those_who_came_are_behind_a_decision_linked_to_one_of_its_actions(past_workshop):
    came, booked_only = ResidentFactory(), ResidentFactory()
    BookingFactory(event=past_workshop, resident=came, attendance="attended")
    BookingFactory(event=past_workshop, resident=booked_only)
    report = ClosingReport.objects.create(event=past_workshop, what_was_raised="x", what_happens_next="y")
    decision = DecisionFactory()
    DecisionSource.objects.create(decision=decision, action=Action.objects.create(report=report, action="Do it"))

    assert contributor_ids(decision) == {came.pk}


def test_an_events_admin_page_leads_to_writing_its_closing_report_for_that_event(client, officer, past_workshop):
    client.force_login(officer)

    page = client.get(f"/admin/events/event/{past_workshop.pk}/change/").content.decode()
    assert f"/admin/decisions/closingreport/add/?event={past_workshop.pk}" in page
    form = client.get(f"/admin/decisions/closingreport/add/?event={past_workshop.pk}").content.decode()
    assert f'<option value="{past_workshop.pk}" selected>' in form

    report = ClosingReport.objects.create(event=past_workshop, what_was_raised="Dark.", what_happens_next="Lights.")
    page = client.get(f"/admin/events/event/{past_workshop.pk}/change/").content.decode()
    assert f"/admin/decisions/closingreport/{report.pk}/change/" in page
