"""In a real browser: an officer links a walkabout issue and a survey to one decision in admin, publishes it
and changes its status; each contributor hears once each time; the resident finds it under Your account,
and anyone finds it on the public register."""

import pytest
from playwright.sync_api import expect

from engagement.messaging.models import Message
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import EstateFactory, ResidentFactory
from events.models import IssueCategory
from events.services.issues import issue_raise
from surveys.models import Invitation, Question
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(admin, field_id: str, text: str) -> None:
    """Choose in one of admin's search-as-you-type pickers."""
    admin.locator(f'[aria-labelledby~="select2-{field_id}-container"]').click()
    admin.locator(f'.select2-search__field[aria-controls="select2-{field_id}-results"]').fill(text)
    admin.locator(".select2-results__option", has_text=text).first.click()


def test_one_decision_from_a_walkabout_issue_and_a_survey_reaches_everyone_once_per_change(
    live_server, client, browser, resident_phone, officer, axe
):
    survey = SurveyFactory(title="Caretaking on your estate", slug="caretaking")
    question = add_question(survey, Question.Kind.YES_NO, "Are the stairs cleaned every week?")
    respondent = opted_in_resident()
    survey_invite(survey=survey)
    answer_everything(client, Invitation.objects.get(resident=respondent).token, {question: "No"})
    raiser = ResidentFactory()
    issue = issue_raise(
        category=IssueCategory.objects.get(code="repairs"),
        location="Stairwell B",
        description="Filthy stairs",
        estate=EstateFactory(name="Pepys"),
        raised_by=raiser,
    )
    contributors = {respondent.pk, raiser.pk}

    context = browser.new_context()
    admin = context.new_page()
    sign_in_as(admin, live_server, officer)
    admin.goto(live_server.url + "/admin/decisions/decision/add/")
    axe(admin)
    admin.get_by_label("Title:").fill("Stairwells cleaned every week")
    admin.get_by_label("Topic:").select_option("estate")
    admin.get_by_label("What residents said:").fill("Stairwells are not cleaned often enough.")
    admin.get_by_label("What the council decided:").fill("Caretakers will clean every stairwell every Tuesday.")
    admin.get_by_role("button", name="Add another Survey").click()
    _pick(admin, "id_sources-0-survey", "Caretaking on your estate")
    admin.get_by_role("button", name="Add another Walkabout issue").click()
    _pick(admin, "id_sources-2-0-issue", "Stairwell B")
    axe(admin)
    admin.get_by_role("button", name="Save and continue editing").click()
    expect(admin.get_by_text("was added successfully")).to_be_visible()
    axe(admin)  # the change page, with its sources and history

    admin.get_by_role("link", name="Publish and tell everyone behind it").click()
    admin.get_by_role("button", name="Publish and tell everyone behind it").click()
    expect(admin.get_by_role("link", name="Take off the public register")).to_be_visible()
    told = Message.objects.filter(template="decisions.update")
    assert sorted(told.values_list("resident_id", flat=True)) == sorted(contributors)

    admin.get_by_label("Status:").select_option("in_progress")
    admin.get_by_label("What changed (for the history):").fill("Rota agreed with the caretakers.")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.get_by_text("was changed successfully")).to_be_visible()
    axe(admin)  # the list of decisions
    admin.goto(live_server.url + "/admin/decisions/closingreport/add/")
    axe(admin)
    context.close()

    for resident_id in contributors:
        assert told.filter(resident_id=resident_id).count() == 2  # once when published, once for the change
    assert told.filter(personalisation__status="In progress").count() == 2

    phone = resident_phone
    sign_in_as(phone, live_server, raiser.user)
    phone.goto(live_server.url + "/your-account/")
    phone.get_by_role("link", name="What happened to what you said").click()
    expect(phone.get_by_role("link", name="Stairwells cleaned every week")).to_be_visible()
    expect(phone.get_by_text(f"The issue you raised: {issue.reference}, Stairwell B")).to_be_visible()
    expect(phone.get_by_text("In progress")).to_be_visible()
    axe(phone)

    phone.goto(live_server.url + "/you-said-we-did/")
    phone.get_by_role("link", name="Stairwells cleaned every week").click()
    expect(phone.get_by_text("Rota agreed with the caretakers.")).to_be_visible()
    expect(phone.get_by_role("link", name="Caretaking on your estate")).to_be_visible()
    axe(phone)
