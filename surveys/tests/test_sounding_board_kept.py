"""The sounding board's front page keeps what it shows everyone (engagement/versions.py) and still shows a
change at once, and a survey leaves it as it closes.
"""

from datetime import timedelta

import time_machine
from django.utils import timezone

from engagement.decisions.tests.factories import DecisionFactory
from engagement.tests.kept import KEPT_PAGE_TESTS, page_queries, page_text
from surveys.models import Post
from surveys.tests.factories import SurveyFactory, TopicFactory

pytestmark = KEPT_PAGE_TESTS

SOUNDING_BOARD = "/sounding-board/"


def test_the_front_page_is_one_query_for_a_visitor_once_kept(client):
    SurveyFactory(title="Repairs survey", access="open")
    page_text(client, SOUNDING_BOARD)

    assert page_queries(client, SOUNDING_BOARD) == 1


def test_a_new_survey_reply_and_decision_show_at_once(client):
    topic = TopicFactory(title="Bin stores")
    assert "0 replies" in page_text(client, SOUNDING_BOARD)

    SurveyFactory(title="Repairs survey", access="open")
    assert "Repairs survey" in page_text(client, SOUNDING_BOARD)

    Post.objects.create(topic=topic, body="They smell.")
    assert "1 reply" in page_text(client, SOUNDING_BOARD)

    DecisionFactory(title="Stairwells cleaned weekly", published_at=timezone.now())
    assert "Stairwells cleaned weekly" in page_text(client, SOUNDING_BOARD)


def test_a_survey_shows_as_it_opens_and_leaves_as_it_closes(client):
    opens_at = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=5)
    SurveyFactory(title="Repairs survey", access="open", opens_at=opens_at, closes_at=opens_at + timedelta(hours=1))
    assert "Repairs survey" not in page_text(client, SOUNDING_BOARD)

    with time_machine.travel(opens_at):
        assert "Repairs survey" in page_text(client, SOUNDING_BOARD)
    with time_machine.travel(opens_at + timedelta(hours=1)):
        assert "Repairs survey" not in page_text(client, SOUNDING_BOARD)
