from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.models import Channel, ConsentSource, Purpose
from engagement.services.consent import consent_record
from engagement.services.data_download import resident_data
from engagement.tests.factories import ResidentFactory
from surveys.models import Question, Response
from surveys.services.answering import response_start
from surveys.services.discussions import post_reply
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, TopicFactory, add_question
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db

Kind = Question.Kind


def test_the_sounding_board_lists_open_surveys_discussions_and_the_letter_code_page(client):
    SurveyFactory(title="Open to all", access="open")
    SurveyFactory(title="Invitation only", access="invitation")
    SurveyFactory(title="Closed one", access="open", closes_at=timezone.now() - timedelta(days=1))
    TopicFactory(title="Playground equipment")

    page = client.get("/sounding-board/").content.decode()

    assert "Open to all" in page and "Invitation only" not in page and "Closed one" not in page
    assert "Playground equipment" in page
    assert 'href="/code/"' in page
    assert "Tell us you would like them" in page


def test_a_signed_in_resident_sees_the_surveys_they_were_invited_to(resident_client, resident):
    consent_record(
        resident, channel=Channel.EMAIL, purpose=Purpose.ENGAGEMENT, given=True, source=ConsentSource.ACCOUNT
    )
    survey = SurveyFactory(title="Just for you")
    add_question(survey, Kind.YES_NO, "Yes?")
    survey_invite(survey=survey)

    page = resident_client.get("/sounding-board/").content.decode()

    assert "Your surveys" in page and "Just for you" in page and "Not answered yet" in page


def test_an_open_survey_that_checks_tenancies_can_be_started_from_its_public_page_without_an_account(client):
    survey = SurveyFactory(
        title="Community hall", slug="community-hall", access="open", is_anonymous=True, ask_tenancy=True
    )
    question = add_question(survey, Kind.YES_NO, "Do you use the hall?")
    tenancy = ResidentFactory(user=None).tenancy

    page = client.get("/sounding-board/surveys/community-hall/").content.decode()
    started = client.post("/sounding-board/surveys/community-hall/start/")
    proved = client.post(started["Location"], {"reference": tenancy.reference, "postcode": tenancy.home.postcode})

    assert "Start now" in page and "Your answers are anonymous" in page
    response = Response.objects.get()
    assert proved["Location"] == f"/sounding-board/s/{response.token}/page/1/"
    answer_everything(client, response, {question: "Yes"})
    response.refresh_from_db()
    assert response.channel == "public_link" and response.resident is None


def test_a_signed_in_resident_keeps_one_response_on_a_named_open_survey(resident_client, resident):
    survey = SurveyFactory(slug="one-each", access="open")
    add_question(survey, Kind.YES_NO, "Yes?")

    resident_client.post("/sounding-board/surveys/one-each/start/")
    resident_client.post("/sounding-board/surveys/one-each/start/")

    response = Response.objects.get()
    assert response.resident == resident and response.estate_id == resident.tenancy.home.block.estate_id
    assert "Continue where you left off" in resident_client.get("/sounding-board/surveys/one-each/").content.decode()


def test_a_signed_in_resident_keeps_one_response_on_an_anonymous_open_survey_without_being_named(
    resident_client, resident
):
    survey = SurveyFactory(slug="anonymous-one-each", access="open", is_anonymous=True)
    add_question(survey, Kind.YES_NO, "Yes?")

    resident_client.post("/sounding-board/surveys/anonymous-one-each/start/")
    resident_client.post("/sounding-board/surveys/anonymous-one-each/start/")

    response = Response.objects.get()
    assert response.resident is None and len(response.respondent_key) == 64
    assert (
        "Continue where you left off"
        in resident_client.get("/sounding-board/surveys/anonymous-one-each/").content.decode()
    )


def test_an_invitation_only_survey_explains_how_to_answer(client):
    SurveyFactory(slug="private", access="invitation")

    page = client.get("/sounding-board/surveys/private/").content.decode()

    assert "for the residents we have invited" in page and "Start now" not in page
    assert client.post("/sounding-board/surveys/private/start/").status_code == 404


@pytest.mark.parametrize(
    "opens, closes, message",
    [(1, 5, "This survey is not open yet"), (-5, -1, "This survey has closed")],
)
def test_a_survey_page_says_clearly_when_it_is_not_open(client, opens, closes, message):
    now = timezone.now()
    SurveyFactory(
        slug="timed", access="open", opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes)
    )

    page = client.get("/sounding-board/surveys/timed/").content.decode()
    start = client.post("/sounding-board/surveys/timed/start/").content.decode()

    assert message in page and "Start now" not in page
    assert message in start
    assert not Response.objects.exists()


def test_a_survey_can_ask_for_tenancy_reference_and_postcode_first(client):
    survey = SurveyFactory(slug="residents-only", access="open", ask_tenancy=True)
    question = add_question(survey, Kind.YES_NO, "Yes?")
    resident = ResidentFactory(user=None)
    tenancy = resident.tenancy
    started = client.post("/sounding-board/surveys/residents-only/start/")
    token = Response.objects.get().token

    assert started["Location"].endswith("/your-tenancy/")
    assert client.get(f"/sounding-board/s/{token}/page/1/")["Location"].endswith("/your-tenancy/")
    wrong = client.post(started["Location"], {"reference": tenancy.reference, "postcode": "SW1A 1AA"})
    assert "do not match our records" in wrong.content.decode()
    right = client.post(
        started["Location"],
        {"reference": tenancy.reference.lower(), "postcode": tenancy.home.postcode.replace(" ", "").lower()},
    )
    assert right["Location"].endswith("/page/1/")
    answer_everything(client, token, {question: "No"})
    response = Response.objects.get()
    assert response.tenancy == tenancy and response.estate_id == tenancy.home.block.estate_id


def test_the_residents_named_answers_and_posts_are_in_their_data_download(client, resident):
    named = SurveyFactory(title="Named survey", access="open")
    anonymous = SurveyFactory(title="Anonymous survey", access="open", is_anonymous=True)
    q1 = add_question(named, Kind.TEXT, "What would you change?")
    q2 = add_question(anonymous, Kind.TEXT, "Secret?")
    answer_everything(client, response_start(survey=named, resident=resident), {q1: "More benches"})
    answer_everything(client, response_start(survey=anonymous, resident=resident), {q2: "Not in the download"})
    post_reply(topic=TopicFactory(title="Benches"), body="I agree", resident=resident)

    data = resident_data(resident)

    assert data["Survey answers"] == [
        {
            "survey": "Named survey",
            "question": "What would you change?",
            "answer": "More benches",
            "sent_at": Response.objects.get(survey=named).submitted_at,
        }
    ]
    assert "Not in the download" not in str(data)
    assert [(row["discussion"], row["text"]) for row in data["Discussion posts"]] == [("Benches", "I agree")]


def test_every_link_the_home_page_gives_to_the_sounding_board_works(client):
    page = client.get("/").content.decode()

    for url in ("/sounding-board/", "/you-said-we-did/", "/community-projects/"):
        assert f'href="{url}"' in page
        assert client.get(url).status_code == 200


def test_a_resident_sees_the_sounding_board_in_the_navigation(client):
    page = client.get("/sounding-board/").content.decode()

    assert 'aria-current="page"' in page and "Sounding board" in page


def test_posts_the_resident_reported_are_in_their_data_download(resident, other_resident):
    from surveys.services.discussions import post_report

    post = post_reply(topic=TopicFactory(title="Parking"), body="Park anywhere you like", resident=other_resident)
    post_report(post=post, resident=resident, reason="This is not the council's rule")
    post_report(post=post, resident=other_resident, reason="Owen's own report")

    data = resident_data(resident)

    [reported] = data["Discussion posts you reported"]
    assert reported["discussion"] == "Parking"
    assert reported["post"] == "Park anywhere you like"
    assert reported["your_reason"] == "This is not the council's rule"
    assert "Owen's own report" not in str(data)


def test_the_old_community_projects_page_sends_residents_to_the_yearly_consultation(client):
    response = client.get("/sounding-board/community-projects/")
    assert (response.status_code, response.url) == (301, "/community-projects/")
