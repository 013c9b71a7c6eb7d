"""Personal links: unique, unguessable, no sign-in, one response per resident, editable until the close date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Answer, Invitation, Question, Response
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything, answer_page

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.fixture
def invited(db):
    survey = SurveyFactory(title="Estate lighting")
    question = add_question(survey, Kind.SINGLE, "Is your estate well lit at night?", choices=["Yes", "Partly", "No"])
    residents = [opted_in_resident() for _ in range(3)]
    survey_invite(survey=survey)
    return survey, question, residents


def test_every_invitation_has_its_own_unguessable_link(invited):
    survey, _, residents = invited
    invitations = list(Invitation.objects.filter(survey=survey))

    assert len(invitations) == 3
    assert len({invitation.token for invitation in invitations}) == 3
    # 16 random bytes (128 bits), URL-safe: far beyond guessing, and short enough for one text message.
    assert all(len(invitation.token) >= 22 for invitation in invitations)
    assert all(
        invitation.token.isascii() and invitation.token.replace("-", "").replace("_", "").isalnum()
        for invitation in invitations
    )


def test_the_link_works_without_signing_in_and_records_one_response(client, invited):
    survey, question, residents = invited
    invitation = Invitation.objects.get(survey=survey, resident=residents[0])

    page = client.get(f"/sounding-board/s/{invitation.token}/")
    answer_everything(client, invitation.token, {question: "Partly"})
    client.get(f"/sounding-board/s/{invitation.token}/")  # opening it again makes no second response

    assert page.status_code == 200 and "Estate lighting" in page.content.decode()
    response = Response.objects.get(survey=survey)
    assert response.resident == residents[0]
    assert response.channel == "email"
    invitation.refresh_from_db()
    assert invitation.response == response


def test_the_answers_can_be_changed_until_the_close_date_and_replace_the_first_ones(client, invited):
    survey, question, residents = invited
    token = Invitation.objects.get(survey=survey, resident=residents[0]).token
    answer_everything(client, token, {question: "Partly"})

    start = client.get(f"/sounding-board/s/{token}/").content.decode()
    answer_page(client, token, 1, {question: "No"})
    client.post(f"/sounding-board/s/{token}/check-your-answers/")

    assert "Check or change your answers" in start
    assert list(Answer.objects.filter(question=question).values_list("choice__label", flat=True)) == ["No"]
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_changed_answer_is_not_counted_until_it_is_sent_again(client, invited):
    survey, question, residents = invited
    token = Invitation.objects.get(survey=survey, resident=residents[0]).token
    answer_everything(client, token, {question: "Partly"})

    client.post(f"/sounding-board/s/{token}/page/1/?change=1", {f"q{question.pk}": question.choices.get(label="No").pk})

    check = client.get(f"/sounding-board/s/{token}/check-your-answers/").content.decode()
    assert "You have changed your answers" in check and "Send changed answers" in check
    assert list(Answer.objects.filter(question=question).values_list("choice__label", flat=True)) == ["Partly"]


def test_a_closed_survey_says_so_and_takes_no_changes(client, invited):
    survey, question, residents = invited
    token = Invitation.objects.get(survey=survey, resident=residents[0]).token
    answer_everything(client, token, {question: "Yes"})
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()

    page = client.get(f"/sounding-board/s/{token}/")
    attempt = answer_page(client, token, 1, {question: "No"})

    assert "This survey has closed" in page.content.decode()
    assert "we received your answers" in page.content.decode()
    assert "This survey has closed" in attempt.content.decode()
    assert list(Answer.objects.values_list("choice__label", flat=True)) == ["Yes"]


def test_a_survey_not_open_yet_says_when_it_opens(client):
    survey = SurveyFactory(opens_at=timezone.now() + timedelta(days=2))
    add_question(survey, Kind.YES_NO, "Do you use the community hall?")
    resident = opted_in_resident()
    survey_invite(survey=survey)
    token = Invitation.objects.get(resident=resident).token

    page = client.get(f"/sounding-board/s/{token}/").content.decode()

    assert "This survey is not open yet" in page and "It opens at" in page


def test_a_wrong_link_explains_what_to_do(client, invited):
    page = client.get("/sounding-board/s/not-a-real-token/")

    assert page.status_code == 404
    assert "enter the code from your letter" in page.content.decode()


def test_the_sounding_boards_code_address_leads_to_the_one_code_page(client):
    result = client.get("/sounding-board/code/", follow=True)

    assert result.redirect_chain == [("/code/", 302)]
    assert "Enter the code from your letter" in result.content.decode()
