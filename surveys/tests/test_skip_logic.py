import pytest
from django.core.exceptions import ValidationError

from engagement.tests.factories import ResidentFactory
from surveys.models import Answer, Question
from surveys.services.answering import SurveyStructure, response_start
from surveys.tests.factories import SurveyFactory, add_question, add_section, choice
from surveys.tests.helpers import answer_everything, answer_page

pytestmark = pytest.mark.django_db

Kind = Question.Kind


@pytest.fixture
def damp_survey(db):
    """Section 1 asks about damp; “No” skips section 2 (about the damp) to section 3."""
    survey = SurveyFactory(access="open")
    add_section(survey, "Your home")
    has_damp = add_question(survey, Kind.YES_NO, "Do you have damp or mould?")
    add_section(survey, "The damp")
    where = add_question(survey, Kind.MULTIPLE, "Where is it?", choices=["Bathroom", "Bedroom", "Kitchen"])
    reported = add_question(survey, Kind.YES_NO, "Have you reported it?")
    third = add_section(survey, "About you")
    contact = add_question(survey, Kind.SINGLE, "How should we contact you?", choices=["Phone", "Email"])
    no = choice(has_damp, "No")
    no.skip_to = third
    no.full_clean()
    no.save()
    return survey, has_damp, where, reported, contact


def test_no_skips_the_damp_section(client, damp_survey):
    survey, has_damp, where, reported, contact = damp_survey
    response = response_start(survey=survey, resident=ResidentFactory())

    result = answer_page(client, response.token, 1, {has_damp: "No"})

    assert result["Location"].endswith("/page/4/")
    assert client.get(f"/sounding-board/s/{response.token}/page/4/").context["back_url"].endswith("/page/1/")


def test_yes_goes_through_the_damp_section(client, damp_survey):
    survey, has_damp, *_ = damp_survey
    response = response_start(survey=survey, resident=ResidentFactory())

    result = answer_page(client, response.token, 1, {has_damp: "Yes"})

    assert result["Location"].endswith("/page/2/")


def test_skipped_questions_cannot_be_visited_and_are_not_asked_on_check_your_answers(client, damp_survey):
    survey, has_damp, where, reported, contact = damp_survey
    response = response_start(survey=survey, resident=ResidentFactory())
    answer_page(client, response.token, 1, {has_damp: "No"})
    answer_page(client, response.token, 4, {contact: "Email"})

    skipped = client.get(f"/sounding-board/s/{response.token}/page/2/")
    check = client.get(f"/sounding-board/s/{response.token}/check-your-answers/").content.decode()

    assert skipped.status_code == 302 and skipped["Location"].endswith("/check-your-answers/")
    assert "Where is it?" not in check and "How should we contact you?" in check


def test_answers_left_behind_by_changing_to_a_skip_are_not_recorded(client, damp_survey):
    survey, has_damp, where, reported, contact = damp_survey
    response = response_start(survey=survey, resident=ResidentFactory())
    answer_page(client, response.token, 1, {has_damp: "Yes"})
    answer_page(client, response.token, 2, {where: ["Bathroom"]})
    answer_page(client, response.token, 3, {reported: "No"})
    answer_page(client, response.token, 4, {contact: "Phone"})

    changed = client.post(
        f"/sounding-board/s/{response.token}/page/1/?change=1", {f"q{has_damp.pk}": choice(has_damp, "No").pk}
    )
    assert changed["Location"].endswith("/check-your-answers/")
    client.post(changed["Location"])

    recorded = set(Answer.objects.filter(response=response).values_list("question__text", flat=True))
    assert recorded == {"Do you have damp or mould?", "How should we contact you?"}


def test_changing_a_skip_away_asks_the_newly_reached_questions(client, damp_survey):
    survey, has_damp, where, reported, contact = damp_survey
    response = response_start(survey=survey, resident=ResidentFactory())
    answer_everything(client, response, {has_damp: "No", contact: "Phone"})

    changed = client.post(
        f"/sounding-board/s/{response.token}/page/1/?change=1", {f"q{has_damp.pk}": choice(has_damp, "Yes").pk}
    )

    assert changed["Location"].endswith("/page/2/")


def test_a_skip_can_only_go_forward_and_only_from_a_one_answer_question(damp_survey):
    survey, has_damp, where, reported, contact = damp_survey
    first_section = has_damp.section
    backwards = choice(reported, "No")
    backwards.skip_to = first_section
    from_checkboxes = choice(where, "Bathroom")
    from_checkboxes.skip_to = contact.section

    with pytest.raises(ValidationError, match="skip forward"):
        backwards.full_clean()
    with pytest.raises(ValidationError, match="one answer"):
        from_checkboxes.full_clean()


def test_the_path_follows_skips_in_section_page_layout_too(damp_survey):
    survey, has_damp, *_ = damp_survey
    survey.layout = "section"
    structure = SurveyStructure(survey)

    path = structure.path({str(has_damp.pk): {"choice": choice(has_damp, "No").pk}})

    assert [page.section.title for page in path] == ["Your home", "About you"]
