import pytest

from engagement.tests.factories import ResidentFactory
from surveys.models import Answer, Question, Response
from surveys.services.answering import response_start
from surveys.tests.factories import SurveyFactory, add_question, choice
from surveys.tests.helpers import answer_everything, answer_page

pytestmark = pytest.mark.django_db

Kind = Question.Kind


def questions(survey):
    return {q.text: q for q in survey.questions.all()}


def test_a_resident_answers_every_kind_of_question_and_the_answers_are_recorded(client, survey):
    q = questions(survey)
    response = response_start(survey=survey, resident=ResidentFactory())

    answer_everything(
        client,
        response,
        {
            q["Have you had a repair in the last year?"]: "Yes",
            q["How would you rate the repairs service?"]: "4",
            q["How did you report it?"]: "By letter",
            q["What needs fixing?"]: ["Damp", "Heating", "The front door"],
            q["What should we fix first?"]: ["Bins", "Lifts", "Lighting"],
            q["Anything else?"]: "The lift is often broken",
        },
    )

    response.refresh_from_db()
    assert response.is_submitted
    rows = {
        (a.question.text, a.choice.label if a.choice else None, a.position, a.text)
        for a in Answer.objects.filter(response=response).select_related("question", "choice")
    }
    assert rows == {
        ("Have you had a repair in the last year?", "Yes", None, ""),
        ("How would you rate the repairs service?", "4", None, ""),
        ("How did you report it?", "Other", None, "By letter"),
        ("What needs fixing?", "Damp", 1, ""),
        ("What needs fixing?", "Heating", 2, ""),
        ("What needs fixing?", "Other", 3, "The front door"),
        ("What should we fix first?", "Bins", 1, ""),
        ("What should we fix first?", "Lifts", 2, ""),
        ("What should we fix first?", "Lighting", 3, ""),
        ("Anything else?", None, None, "The lift is often broken"),
    }


def test_rating_scales_and_yes_no_questions_make_their_own_choices(db):
    survey = SurveyFactory()
    rating = add_question(
        survey,
        Kind.RATING,
        "How satisfied are you?",
        scale_min=1,
        scale_max=5,
        scale_min_label="Very dissatisfied",
        scale_max_label="Very satisfied",
    )
    yes_no = add_question(survey, Kind.YES_NO, "Do you have a garden?")

    assert [c.label for c in rating.choices.all()] == ["1 – Very dissatisfied", "2", "3", "4", "5 – Very satisfied"]
    assert [c.value for c in rating.choices.all()] == [1, 2, 3, 4, 5]
    assert [c.label for c in yes_no.choices.all()] == ["Yes", "No"]


@pytest.mark.parametrize(
    "kind, data, message",
    [
        (Kind.SINGLE, {}, "Select an answer"),
        (Kind.YES_NO, {}, "Select an answer"),
        (Kind.RATING, {}, "Select an answer"),
        (Kind.MULTIPLE, {}, "Select at least one answer"),
        (Kind.TEXT, {}, "Enter your answer"),
        (Kind.TEXT, {"text": "x" * 21}, "Your answer must be 20 characters or fewer"),
        (Kind.RANKING, {}, "Put the choices in order, giving each a number"),
    ],
)
def test_a_required_question_left_blank_or_too_long_says_what_to_do(client, kind, data, message):
    survey = SurveyFactory(access="open")
    question = add_question(
        survey,
        kind,
        "The question",
        choices=["A", "B", "C"] if kind in Question.OFFICER_CHOICES else None,
        max_length=20,
    )
    response = response_start(survey=survey, resident=ResidentFactory())
    post = {f"q{question.pk}": data["text"]} if "text" in data else {}

    page = client.post(f"/sounding-board/s/{response.token}/page/1/", post)

    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert html.count("govuk-error-message") == 1
    assert "Error: The question" in html  # the page title says there is an error
    response.refresh_from_db()
    assert response.answers == {}


def test_what_was_typed_is_kept_when_the_page_has_a_mistake(client):
    survey = SurveyFactory(access="open")
    question = add_question(survey, Kind.TEXT, "Tell us more", max_length=10)
    response = response_start(survey=survey, resident=ResidentFactory())

    page = client.post(f"/sounding-board/s/{response.token}/page/1/", {f"q{question.pk}": "far too long an answer"})

    assert "far too long an answer</textarea>" in page.content.decode()


def test_other_please_say_needs_the_words(client):
    survey = SurveyFactory(access="open")
    question = add_question(survey, Kind.SINGLE, "How did you hear?", choices=["Letter", "Email"], allow_other=True)
    response = response_start(survey=survey, resident=ResidentFactory())

    page = client.post(f"/sounding-board/s/{response.token}/page/1/", {f"q{question.pk}": choice(question, "Other").pk})

    assert "Say what your other answer is" in page.content.decode()


def test_a_ranking_must_use_each_number_once(client):
    survey = SurveyFactory(access="open")
    question = add_question(survey, Kind.RANKING, "Which first?", choices=["Lifts", "Bins", "Lights"])
    response = response_start(survey=survey, resident=ResidentFactory())
    lifts, bins, lights = (choice(question, label).pk for label in ("Lifts", "Bins", "Lights"))

    twice = client.post(
        f"/sounding-board/s/{response.token}/page/1/",
        {f"q{question.pk}_c{lifts}": 1, f"q{question.pk}_c{bins}": 1, f"q{question.pk}_c{lights}": 2},
    )
    missing = client.post(f"/sounding-board/s/{response.token}/page/1/", {f"q{question.pk}_c{lifts}": 1})

    assert "Give each choice a different number: 1 is used more than once" in twice.content.decode()
    assert "Give every choice a number" in missing.content.decode()


def test_an_optional_question_can_be_left_blank(client):
    survey = SurveyFactory(access="open")
    first = add_question(survey, Kind.TEXT, "Anything to add?", required=False)
    response = response_start(survey=survey, resident=ResidentFactory())

    result = answer_page(client, response.token, 1, {first: ""})

    assert result.status_code == 302 and result["Location"].endswith("/check-your-answers/")
    client.post(result["Location"])
    response.refresh_from_db()
    assert response.is_submitted
    assert not Answer.objects.filter(response=response).exists()


def test_a_survey_can_show_a_whole_section_on_one_page(client):
    survey = SurveyFactory(access="open", layout="section")
    first = add_question(survey, Kind.YES_NO, "Do you have a balcony?")
    second = add_question(survey, Kind.TEXT, "What floor do you live on?")
    response = response_start(survey=survey, resident=ResidentFactory())

    page = client.post(f"/sounding-board/s/{response.token}/page/1/", {})

    html = page.content.decode()
    assert "Question 1: select an answer" in html and "Question 2: enter your answer" in html
    result = answer_page(client, response.token, 1, {first: "No", second: "Third"})
    assert result["Location"].endswith("/check-your-answers/")


def test_save_and_come_back_later_keeps_what_was_answered(client, survey):
    q = questions(survey)
    response = response_start(survey=survey, resident=ResidentFactory())
    answer_page(client, response.token, 1, {q["Have you had a repair in the last year?"]: "Yes"})

    saved = answer_page(client, response.token, 2, {}, save_and_come_back="1")

    assert saved["Location"].endswith("/saved/")
    page = client.get(saved["Location"]).content.decode()
    assert f"/sounding-board/s/{response.token}/" in page
    start = client.get(f"/sounding-board/s/{response.token}/")
    assert "Continue where you left off" in start.content.decode()
    assert start.context["continue_url"].endswith("/page/2/")


def test_check_your_answers_lists_the_answers_with_change_links_that_come_back(client, survey):
    q = questions(survey)
    response = response_start(survey=survey, resident=ResidentFactory())
    answers = {
        q["Have you had a repair in the last year?"]: "Yes",
        q["How would you rate the repairs service?"]: "2",
        q["How did you report it?"]: "Phone",
        q["What needs fixing?"]: ["Windows"],
        q["What should we fix first?"]: ["Lifts", "Bins", "Lighting"],
        q["Anything else?"]: "",
    }
    for number, (question, answer) in enumerate(answers.items(), start=1):
        answer_page(client, response.token, number, {question: answer})

    check = client.get(f"/sounding-board/s/{response.token}/check-your-answers/").content.decode()
    assert "Check your answers before sending them" in check
    assert "1. Lifts" in check and "Not answered" in check
    changed = answer_page(client, response.token, 3, {q["How did you report it?"]: "Online"})
    assert changed["Location"].endswith("/page/4/")
    from_check = client.post(
        f"/sounding-board/s/{response.token}/page/3/?change=1",
        {f"q{q['How did you report it?'].pk}": choice(q["How did you report it?"], "In person").pk},
    )
    assert from_check["Location"].endswith("/check-your-answers/")


def test_a_page_further_on_than_the_resident_has_got_sends_them_back(client, survey):
    response = response_start(survey=survey, resident=ResidentFactory())

    jumped = client.get(f"/sounding-board/s/{response.token}/page/5/")

    assert jumped.status_code == 302 and jumped["Location"].endswith("/page/1/")


def test_check_your_answers_before_finishing_goes_to_the_first_unanswered_question(client, survey):
    response = response_start(survey=survey, resident=ResidentFactory())

    check = client.get(f"/sounding-board/s/{response.token}/check-your-answers/")

    assert check["Location"].endswith("/page/1/")
    assert Response.objects.get(pk=response.pk).submitted_at is None
