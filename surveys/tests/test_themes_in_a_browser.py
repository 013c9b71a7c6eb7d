"""In a real browser, checked with axe: an officer adds a theme to a survey, tags written answers with it
from the written answers list, and sees how many answers carry it."""

import pytest
from playwright.sync_api import expect

from engagement.tests.browser import sign_in_as
from surveys.models import Question, Theme
from surveys.tests.factories import SurveyFactory, add_question, bulk_responses

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def test_an_officer_codes_written_answers_with_a_theme_in_admin(live_server, page, axe, officer):
    survey = SurveyFactory(title="Caretaking on your estate")
    written = add_question(survey, Question.Kind.TEXT, "What would make your stairwell better?")
    for text in ("The stair lights are broken", "Mop it more often", "No lights on floor 3"):
        bulk_responses(survey, 1, lambda i, text=text: [(written, None, None, text)])
    sign_in_as(page, live_server, officer)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/admin/surveys/survey/{survey.pk}/change/")
    page.locator("input[name='themes-0-name']").fill("Broken lights")
    axe(page)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    theme = Theme.objects.get(survey=survey)

    page.goto(f"{live_server.url}/admin/surveys/writtenanswer/?q=lights")
    expect(page.get_by_text("Mop it more often")).to_have_count(0)
    axe(page)
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("tag")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", name="Tag the selected answers with a theme")).to_be_visible()
    axe(page)
    page.get_by_label("Theme").select_option(str(theme.pk))
    page.get_by_role("button", name="Tag them").click()
    expect(page.get_by_text("2 answer(s) tagged.")).to_be_visible()

    page.goto(f"{live_server.url}/admin/surveys/theme/")
    page.get_by_role("link", name="2 answers").click()
    expect(page.get_by_text("The stair lights are broken")).to_be_visible()
    expect(page.get_by_text("Mop it more often")).to_have_count(0)
    axe(page)
    assert set(theme.answers.values_list("text", flat=True)) == {"The stair lights are broken", "No lights on floor 3"}
