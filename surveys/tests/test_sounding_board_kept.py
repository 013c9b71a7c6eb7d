"""The sounding board's front page keeps what it shows everyone (engagement/versions.py) and still shows a
change at once, and a survey leaves it as it closes.

Outside a test's transaction, as requests run: kept content is only used there.
"""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engagement.decisions.tests.factories import DecisionFactory
from surveys.models import Post
from surveys.tests.factories import SurveyFactory, TopicFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="versions are kept by PostgreSQL triggers"),
    pytest.mark.django_db(transaction=True),
]

SOUNDING_BOARD = "/sounding-board/"


def _page(client) -> str:
    response = client.get(SOUNDING_BOARD)
    assert response.status_code == 200
    return response.content.decode()


def test_the_front_page_is_one_query_for_a_visitor_once_kept(client):
    SurveyFactory(title="Repairs survey", access="open")
    _page(client)

    with CaptureQueriesContext(connection) as queries:
        _page(client)

    assert len(queries) == 1


def test_a_new_survey_reply_and_decision_show_at_once(client):
    topic = TopicFactory(title="Bin stores")
    assert "0 replies" in _page(client)

    SurveyFactory(title="Repairs survey", access="open")
    assert "Repairs survey" in _page(client)

    Post.objects.create(topic=topic, body="They smell.")
    assert "1 reply" in _page(client)

    DecisionFactory(title="Stairwells cleaned weekly", published_at=timezone.now())
    assert "Stairwells cleaned weekly" in _page(client)


def test_a_survey_shows_as_it_opens_and_leaves_as_it_closes(client):
    opens_at = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=5)
    SurveyFactory(title="Repairs survey", access="open", opens_at=opens_at, closes_at=opens_at + timedelta(hours=1))
    assert "Repairs survey" not in _page(client)

    with time_machine.travel(opens_at):
        assert "Repairs survey" in _page(client)
    with time_machine.travel(opens_at + timedelta(hours=1)):
        assert "Repairs survey" not in _page(client)
