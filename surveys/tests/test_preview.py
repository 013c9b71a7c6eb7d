"""Officers try a survey page by page before it goes out; nothing they answer is recorded."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Question, Response
from surveys.tests.factories import SurveyFactory, add_question, add_section, choice
from surveys.tests.helpers import field_data

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.fixture
def draft_survey(db):
    """Not open yet. “No” to damp skips the damp section."""
    survey = SurveyFactory(
        title="Damp and mould",
        access="invited",
        opens_at=timezone.now() + timedelta(days=7),
        closes_at=timezone.now() + timedelta(days=30),
    )
    add_section(survey, "Your home")
    has_damp = add_question(survey, Kind.YES_NO, "Do you have damp or mould?")
    add_section(survey, "The damp")
    add_question(survey, Kind.MULTIPLE, "Where is it?", choices=["Bathroom", "Bedroom"])
    third = add_section(survey, "About you")
    contact = add_question(survey, Kind.SINGLE, "How should we contact you?", choices=["Phone", "Email"])
    no = choice(has_damp, "No")
    no.skip_to = third
    no.save()
    return survey, has_damp, contact


def test_an_officer_previews_a_survey_not_open_yet_following_its_skips_and_nothing_is_recorded(
    officer_client, draft_survey
):
    survey, has_damp, contact = draft_survey

    first = officer_client.get(reverse("surveys:preview", args=[survey.pk]), follow=True)
    assert "Do you have damp or mould?" in first.content.decode()
    assert "Answers you give here are not saved" in first.content.decode()
    assert "Save and come back later" not in first.content.decode()

    skipped = officer_client.post(first.redirect_chain[-1][0], field_data(has_damp, "No"))
    assert skipped["Location"] == reverse("surveys:preview_page", args=[survey.pk, 3])

    missing = officer_client.post(skipped["Location"], {})
    assert "Select an answer" in missing.content.decode()

    end = officer_client.post(skipped["Location"], field_data(contact, "Email"), follow=True)
    page = end.content.decode()
    assert "Check your answers before sending them" in page
    assert "Email" in page and "Where is it?" not in page
    assert not Response.objects.exists()


def test_starting_again_forgets_the_answers_given(officer_client, draft_survey):
    survey, has_damp, _ = draft_survey
    officer_client.get(reverse("surveys:preview", args=[survey.pk]))
    officer_client.post(reverse("surveys:preview_page", args=[survey.pk, 1]), field_data(has_damp, "Yes"))

    officer_client.get(reverse("surveys:preview", args=[survey.pk]))
    again = officer_client.get(reverse("surveys:preview_page", args=[survey.pk, 1]))

    assert again.context["form"][f"q{has_damp.pk}"].value() is None


def test_residents_and_staff_without_survey_building_cannot_preview(client, resident, draft_survey):
    survey, *_ = draft_survey
    url = reverse("surveys:preview", args=[survey.pk])

    assert client.get(url).status_code == 302  # to sign in
    client.force_login(resident.user)
    assert client.get(url).status_code == 403


def test_the_survey_admin_page_links_to_the_preview(officer_client, draft_survey):
    survey, *_ = draft_survey

    page = officer_client.get(reverse("admin:surveys_survey_change", args=[survey.pk])).content.decode()

    assert reverse("surveys:preview", args=[survey.pk]) in page


def test_a_survey_with_no_questions_says_to_add_some(officer_client):
    survey = SurveyFactory()

    response = officer_client.get(reverse("surveys:preview", args=[survey.pk]))

    assert response.status_code == 404
    assert "has no questions" in response.content.decode()
