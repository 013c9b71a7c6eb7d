"""An officer aims a survey at one estate in admin, edits it later, and sends it: to that estate only."""

import pytest
from playwright.sync_api import expect

from engagement.messaging.models import Message
from engagement.tests.browser import sign_in_as
from engagement.tests.factories import BlockFactory, EstateFactory, HomeFactory, TenancyFactory
from surveys.models import Invitation, Question, Survey
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def living_on(estate, count):
    block = BlockFactory(estate=estate)
    return [opted_in_resident(tenancy=TenancyFactory(home=HomeFactory(block=block))) for _ in range(count)]


def test_a_survey_aimed_at_an_estate_keeps_its_audience_when_edited_and_goes_only_there(
    live_server, page, axe, officer, settings
):
    settings.SITE_URL = live_server.url
    lee_manor = EstateFactory(name="Lee Manor")
    on_lee_manor = living_on(lee_manor, 3)
    elsewhere = living_on(EstateFactory(name="Crossfields"), 4)
    survey = SurveyFactory(title="Lee Manor lifts", slug="lee-manor-lifts", access=Survey.Access.INVITATION)
    add_question(survey, Question.Kind.YES_NO, "Has the lift broken down this month?")
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)
    change_page = f"{live_server.url}/admin/surveys/survey/{survey.pk}/change/"

    # Aim it at Lee Manor with the estate picker, and save.
    page.goto(change_page)
    axe(page)
    page.get_by_label("Estates").select_option(label="Lee Manor")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    axe(page)
    survey.refresh_from_db()
    assert survey.audience["estates"] == [lee_manor.pk]

    # Later: change only the introduction, and save again.
    expect(page.get_by_label("Estates")).to_have_values([str(lee_manor.pk)])
    page.get_by_label("Introduction").fill("Tell us how the lifts on Lee Manor have been.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    survey.refresh_from_db()
    assert survey.introduction == "Tell us how the lifts on Lee Manor have been."
    assert survey.audience["estates"] == [lee_manor.pk]
    expect(page.get_by_label("Estates")).to_have_values([str(lee_manor.pk)])

    # Send: the check page counts Lee Manor's residents, and only they are invited.
    page.get_by_role("link", name="Send invitations").click()
    expect(page.get_by_text("The audience you chose has 3 residents")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.locator(".messagelist")).to_contain_text("The invitations are being sent")
    axe(page)

    invited = set(Invitation.objects.filter(survey=survey).values_list("resident", flat=True))
    assert invited == {resident.pk for resident in on_lee_manor}
    emailed = set(Message.objects.filter(template="surveys.invitation").values_list("resident", flat=True))
    assert emailed == invited and not emailed & {resident.pk for resident in elsewhere}
