"""Officers enter paper and phone responses on a resident's behalf, recorded as such."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.tests.factories import StaffFactory
from surveys.models import Invitation, Question, Response
from surveys.services.answering import response_enter_for_resident
from surveys.services.invitations import survey_invite
from surveys.tests.factories import SurveyFactory, add_question, opted_in_resident
from surveys.tests.helpers import answer_everything

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.fixture
def lift_survey(db):
    survey = SurveyFactory(title="Lift repairs")
    question = add_question(
        survey, Kind.SINGLE, "How often is your lift broken?", choices=["Never", "Sometimes", "Often"]
    )
    return survey, question


def test_an_officer_enters_a_paper_form_through_admin_and_it_is_recorded_as_theirs(
    client, officer, resident, lift_survey
):
    survey, question = lift_survey
    client.force_login(officer)

    started = client.post(
        f"/admin/surveys/survey/{survey.pk}/enter-response/", {"resident": resident.pk, "channel": "paper"}
    )
    token = started["Location"].split("/")[-2]
    page = client.get(started["Location"]).content.decode()
    answer_everything(client, token, {question: "Often"})

    assert "You are entering a paper form, entered by an officer for Rita Resident" in page
    response = Response.objects.get()
    assert (response.resident, response.entered_by, response.channel) == (resident, officer, "paper")
    assert response.is_submitted


def test_an_invited_residents_phone_answers_count_as_their_invitation_answered(officer, lift_survey):
    survey, question = lift_survey
    resident = opted_in_resident()
    survey_invite(survey=survey)

    response = response_enter_for_resident(survey=survey, resident=resident, channel="phone", officer=officer)

    assert Invitation.objects.get(resident=resident).response == response
    assert response.channel == "phone"


def test_an_officer_cannot_overwrite_answers_a_resident_sent_online(client, officer, lift_survey):
    survey, question = lift_survey
    resident = opted_in_resident()
    survey_invite(survey=survey)
    answer_everything(client, Invitation.objects.get(resident=resident).token, {question: "Never"})
    client.force_login(officer)

    refused = client.post(
        f"/admin/surveys/survey/{survey.pk}/enter-response/", {"resident": resident.pk, "channel": "paper"}
    )

    assert refused.status_code == 200
    assert "has already answered online" in refused.content.decode()
    assert Response.objects.get().entered_by is None


def test_an_anonymous_survey_entered_by_an_officer_does_not_name_the_resident(officer, resident, lift_survey):
    survey, _ = lift_survey
    survey.is_anonymous = True
    survey.save()

    response = response_enter_for_resident(survey=survey, resident=resident, channel="paper", officer=officer)

    assert response.resident is None
    assert response.estate_id == resident.tenancy.home.block.estate_id
    again = response_enter_for_resident(survey=survey, resident=resident, channel="phone", officer=officer)
    assert again == response  # still one response for the resident


def test_officers_can_type_in_late_paper_forms_after_the_close_date(client, officer, resident, lift_survey):
    survey, question = lift_survey
    response = response_enter_for_resident(survey=survey, resident=resident, channel="paper", officer=officer)
    survey.closes_at = timezone.now() - timedelta(days=1)
    survey.save()
    client.force_login(officer)

    answer_everything(client, response.token, {question: "Sometimes"})

    response.refresh_from_db()
    assert response.is_submitted


def test_staff_without_the_permission_cannot_enter_responses(client, lift_survey):
    survey, _ = lift_survey
    client.force_login(StaffFactory())

    assert client.get(f"/admin/surveys/survey/{survey.pk}/enter-response/").status_code == 403
