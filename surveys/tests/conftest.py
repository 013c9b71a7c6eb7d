import pytest
from django.core.cache import cache

from engagement.messaging.tests.fixtures import notify_stub  # noqa: F401  (letters through a fake Notify)
from surveys.models import Question
from surveys.tests.factories import SurveyFactory, add_question, add_section


@pytest.fixture(autouse=True)
def _no_guesses_carried_over():
    # Wrong letter codes and tenancy details are counted in the cache, per address.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(db):
    """An open survey, named, with one question of each kind in two sections."""
    survey = SurveyFactory(title="Repairs and your home", slug="repairs-and-your-home", access="open")
    add_section(survey, "Repairs")
    add_question(survey, Question.Kind.YES_NO, "Have you had a repair in the last year?")
    add_question(survey, Question.Kind.RATING, "How would you rate the repairs service?")
    add_question(
        survey,
        Question.Kind.SINGLE,
        "How did you report it?",
        choices=["Phone", "Online", "In person"],
        allow_other=True,
    )
    add_section(survey, "About your home")
    add_question(
        survey, Question.Kind.MULTIPLE, "What needs fixing?", choices=["Damp", "Windows", "Heating"], allow_other=True
    )
    add_question(survey, Question.Kind.RANKING, "What should we fix first?", choices=["Lifts", "Lighting", "Bins"])
    add_question(survey, Question.Kind.TEXT, "Anything else?", required=False, max_length=100)
    return survey
