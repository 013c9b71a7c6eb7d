"""A resident answers a survey from the link in their text message, on a phone, then changes an answer;
another types in the code from their letter and answers."""

import re

import pytest
from playwright.sync_api import expect

from engagement.messaging.models import DevelopmentText, LetterToPrint
from engagement.models import Channel
from engagement.tests.browser import sign_in_as
from surveys import demo
from surveys.models import Answer, Invitation, Question, Survey, Topic
from surveys.services.discussions import post_reply
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, add_section, bulk_responses, opted_in_resident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Kind = Question.Kind
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def texted_link(live_server, settings):
    settings.SITE_URL = live_server.url
    survey = SurveyFactory(title="Your estate", slug="your-estate", layout=Survey.Layout.QUESTION)
    add_section(survey, "Repairs")
    add_question(survey, Kind.YES_NO, "Have you had a repair this year?")
    add_question(survey, Kind.RATING, "How would you rate the repairs service?")
    add_question(survey, Kind.SINGLE, "How did you report it?", choices=["Phone", "Online"], allow_other=True)
    add_section(survey, "Your estate")
    add_question(survey, Kind.MULTIPLE, "What needs fixing on your estate?", choices=["Lighting", "Bins", "Paths"])
    add_question(
        survey, Kind.RANKING, "Which community project first?", choices=["Gardens", "Tutoring", "Street games"]
    )
    add_question(survey, Kind.TEXT, "Anything else?", required=False, max_length=300)
    resident = opted_in_resident(channels=[Channel.TEXT], mobile="+447700900123", email="", user=None)
    survey_invite(survey=survey)
    text = DevelopmentText.objects.get(to="+447700900123")
    return re.search(r"https?://\S+/s/[\w-]+/?", text.body).group(0), resident


def test_a_resident_answers_from_their_text_message_on_a_phone_and_later_changes_an_answer(phone, axe, texted_link):
    link, resident = texted_link
    page = phone

    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Your estate"
    axe(page)
    page.get_by_role("button", name="Start now").click()

    # Page 1: forgetting to answer shows the error, linked to the question.
    page.get_by_role("button", name="Continue").click()
    # expect() waits for the page the click leads to; is_visible() may still see the one before.
    expect(page.get_by_role("alert").get_by_text("Select an answer")).to_be_visible()
    assert page.title().startswith("Error:")
    axe(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()

    axe(page)
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    axe(page)
    page.get_by_role("radio", name="Other").check()
    page.get_by_label("If other, please say").fill("At the estate office")
    page.get_by_role("button", name="Continue").click()

    axe(page)
    page.get_by_label("Lighting").check()
    page.get_by_label("Paths").check()
    page.get_by_role("button", name="Continue").click()

    axe(page)
    page.get_by_label("Tutoring").select_option("1")
    page.get_by_label("Gardens").select_option("2")
    page.get_by_label("Street games").select_option("3")
    page.get_by_role("button", name="Continue").click()

    axe(page)
    page.get_by_label("Anything else? (optional)").fill("The lift in block B is often broken")
    page.get_by_role("button", name="Continue").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before sending them"
    axe(page)
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "Other: At the estate office" in summary and "1. Tutoring" in summary
    page.get_by_role("button", name="Send answers").click()

    assert "Thank you, your answers have been sent" in page.get_by_role("heading", level=1).inner_text()
    axe(page)
    rating = Question.objects.get(text="How would you rate the repairs service?")
    assert Answer.objects.get(question=rating).choice.label == "4"

    # Later: the same link, change the rating.
    page.goto(link)
    axe(page)
    page.get_by_role("button", name="Check or change your answers").click()
    page.get_by_role("link", name="Change your answer to: How would you rate the repairs service?").click()
    axe(page)
    page.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_text("You have changed your answers")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Send changed answers").click()

    assert "Thank you, your answers have been sent" in page.get_by_role("heading", level=1).inner_text()
    assert Answer.objects.get(question=rating).choice.label == "2"
    assert Answer.objects.filter(question__survey__slug="your-estate", response__resident=resident).count() == 9


def test_a_resident_types_the_code_from_their_letter_on_a_phone_and_answers_the_survey(
    live_server, phone, axe, settings
):
    settings.SITE_URL = live_server.url
    survey = SurveyFactory(title="Bin stores on your estate", audience={"letter_fallback": True})
    add_question(survey, Kind.YES_NO, "Are the bin stores clean?")
    resident = opted_in_resident(channels=[Channel.POST], email="", user=None)
    survey_invite(survey=survey)
    letter = LetterToPrint.objects.get().body
    go_to = re.search(r"^1\. Go to (\S+)$", letter, re.MULTILINE).group(1)
    code = re.search(r"^2\. Type in this code: (\w{4} \w{4})$", letter, re.MULTILINE).group(1)
    page = phone

    page.goto(go_to)
    assert page.get_by_role("heading", level=1).inner_text() == "Enter the code from your letter"
    axe(page)
    page.get_by_label("Code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bin stores on your estate")
    axe(page)
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    axe(page)
    page.get_by_role("button", name="Send answers").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you, your answers have been sent")
    axe(page)
    response = Invitation.objects.get(resident=resident).response
    assert response.is_submitted and response.channel == Channel.POST
    assert Answer.objects.get(response=response).choice.label == "No"


def test_the_sounding_board_pages_have_no_serious_accessibility_problems(live_server, phone, axe, community_relations):
    demo.load()
    survey = Survey.objects.get(slug="repairs-how-are-we-doing")
    pick = {question: question.choices.first() for question in survey.questions.exclude(kind=Kind.TEXT)}
    bulk_responses(
        survey,
        6,
        lambda i: [(q, c, 1 if q.kind in (Kind.MULTIPLE, Kind.RANKING) else None, "") for q, c in pick.items()],
    )
    post_reply(topic=Topic.objects.get(), body="Better lighting, please.", resident=opted_in_resident())
    page = phone
    for path in (
        "/sounding-board/",
        f"/sounding-board/surveys/{survey.slug}/",
        "/code/",
        "/sounding-board/you-said-we-did/",
        "/community-projects/",
        "/sounding-board/discussions/",
        "/sounding-board/discussions/house-rules/",
    ):
        page.goto(live_server.url + path)
        axe(page)
    page.goto(live_server.url + "/sounding-board/discussions/")
    page.get_by_role("link", name="What would make your estate's bin stores better?").click()
    axe(page)

    # Staff results, on a desktop-sized screen.
    sign_in_as(page, live_server, community_relations)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/sounding-board/results/{survey.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == survey.title
    axe(page)

    # The officer's preview, as residents will see it, with an answer missed.
    page.goto(f"{live_server.url}/sounding-board/preview/{survey.pk}/")
    expect(page.get_by_text("Answers you give here are not saved")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
