"""Coding written answers: officers keep a survey's themes, tag answers with them in admin, see counts by
theme, export answers with their themes, and link a theme to a decision, whose respondents are then told."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone
from openpyxl import load_workbook

from engagement.decisions.models import Decision, DecisionSource
from engagement.decisions.services import contributions_of, contributor_ids, decision_create
from engagement.tests.factories import ResidentFactory
from surveys.models import Question, Theme, WrittenAnswer
from surveys.services.themes import ThemeRefused, answer_tag, theme_counts
from surveys.tests.factories import SurveyFactory, add_question, bulk_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    """Three written answers to a caretaking survey (two named residents, one anonymous), and one choice answer."""
    survey = SurveyFactory(title="Caretaking on your estate")
    written = add_question(survey, Question.Kind.TEXT, "What would make your stairwell better?")
    ada, bea = ResidentFactory(first_name="Ada"), ResidentFactory(first_name="Bea")
    for resident, text in ((ada, "The lights are broken"), (bea, "Mop it more than once a month"), (None, "Lights!")):
        bulk_responses(survey, 1, lambda i, text=text: [(written, None, None, text)], resident=resident)
    return survey, ada, bea


def _answer(text: str) -> WrittenAnswer:
    return WrittenAnswer.objects.get(text=text)


def test_tagging_counts_by_theme_and_refuses_another_surveys_theme(answers):
    survey, *_ = answers
    lights = Theme.objects.create(survey=survey, name="Broken lights")
    cleaning = Theme.objects.create(survey=survey, name="Cleaning")
    elsewhere = Theme.objects.create(survey=SurveyFactory(), name="Broken lights")

    answer_tag(answer=_answer("The lights are broken"), theme=lights)
    answer_tag(answer=_answer("Lights!"), theme=lights)
    answer_tag(answer=_answer("Mop it more than once a month"), theme=cleaning)
    with pytest.raises(ThemeRefused):
        answer_tag(answer=_answer("Lights!"), theme=elsewhere)

    assert [(theme.name, theme.tagged) for theme in theme_counts(survey)] == [("Broken lights", 2), ("Cleaning", 1)]


def test_officers_tag_answers_from_the_written_answers_list_and_see_counts(officer_client, answers):
    survey, *_ = answers
    lights = Theme.objects.create(survey=survey, name="Broken lights")
    chosen = [_answer("The lights are broken").pk, _answer("Lights!").pk]

    form = officer_client.post(
        "/admin/surveys/writtenanswer/", {"action": "tag", ACTION_CHECKBOX_NAME: chosen}
    ).content.decode()
    assert "Broken lights" in form
    response = officer_client.post(
        "/admin/surveys/writtenanswer/",
        {"action": "tag", ACTION_CHECKBOX_NAME: chosen, "apply": "1", "theme": lights.pk},
    )

    assert response.status_code == 302
    assert set(lights.answers.values_list("pk", flat=True)) == set(chosen)
    survey_page = officer_client.get(f"/admin/surveys/survey/{survey.pk}/change/").content.decode()
    assert "2 answers" in survey_page
    listing = officer_client.get(f"/admin/surveys/writtenanswer/?themes__id__exact={lights.pk}").content.decode()
    assert "The lights are broken" in listing and "Mop it" not in listing


def test_the_written_answers_list_takes_the_same_queries_however_many_answers(
    officer_client, answers, django_assert_max_num_queries
):
    survey, *_ = answers
    question = survey.questions.get()
    theme = Theme.objects.create(survey=survey, name="Broken lights")
    theme.answers.set(WrittenAnswer.objects.all())
    with django_assert_max_num_queries(30) as few:
        officer_client.get("/admin/surveys/writtenanswer/")
    bulk_responses(survey, 20, lambda i: [(question, None, None, f"More answer {i}")])
    theme.answers.set(WrittenAnswer.objects.all())
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer_client.get("/admin/surveys/writtenanswer/")


def test_answers_export_with_their_themes_as_csv_and_excel(officer_client, answers):
    survey, *_ = answers
    lights = Theme.objects.create(survey=survey, name="Broken lights")
    safety = Theme.objects.create(survey=survey, name="Safety")
    for theme in (lights, safety):
        answer_tag(answer=_answer("The lights are broken"), theme=theme)
    everything = [answer.pk for answer in WrittenAnswer.objects.written()]

    response = officer_client.post(
        "/admin/surveys/writtenanswer/", {"action": "export_csv", ACTION_CHECKBOX_NAME: everything}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row["Answer"]: row["Themes"] for row in rows} == {
        "The lights are broken": "Broken lights; Safety",
        "Mop it more than once a month": "",
        "Lights!": "",
    }
    assert "Ada" not in str(rows)

    workbook = officer_client.post(
        "/admin/surveys/writtenanswer/", {"action": "export_xlsx", ACTION_CHECKBOX_NAME: everything}
    )
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    assert [cell.value for cell in sheet[1]][4:] == ["Answer", "Themes"]


def test_a_theme_feeds_a_decision_and_the_named_residents_behind_it_hear(officer, answers):
    survey, ada, bea = answers
    lights = Theme.objects.create(survey=survey, name="Broken lights")
    answer_tag(answer=_answer("The lights are broken"), theme=lights)
    answer_tag(answer=_answer("Lights!"), theme=lights)
    decision = decision_create(by=officer, title="Stairwell lights fixed", you_said="Dark", we_did="Fixed")
    DecisionSource.objects.create(decision=decision, theme=lights)
    Decision.objects.filter(pk=decision.pk).update(published_at=timezone.now())

    assert contributor_ids(decision) == {ada.pk}  # the anonymous answer is told only through the public page
    [contribution] = contributions_of(ada)
    assert contribution.what_you_told_us == ["Your answer to “Caretaking on your estate” about broken lights"]
    assert contributions_of(bea) == []
    source = DecisionSource.objects.with_links().get()
    assert source.kind_label == "Theme in survey answers"
    assert source.public_label == "“Broken lights”, in answers to Caretaking on your estate"
