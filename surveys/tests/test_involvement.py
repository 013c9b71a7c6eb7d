from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.services.involvement import involvements
from engagement.tests.factories import ResidentFactory
from engagement.tests.involvement import involved
from surveys.models import Response
from surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def test_surveys_are_registered_as_a_way_to_take_part():
    assert "surveys" in [involvement.code for involvement in involvements()]


def test_a_named_response_sent_since_then_counts_but_not_one_still_being_written():
    since = timezone.now() - timedelta(days=30)
    survey = SurveyFactory()
    sent, writing, earlier = ResidentFactory(), ResidentFactory(), ResidentFactory()
    Response.objects.create(survey=survey, token="a", resident=sent, channel="email", submitted_at=timezone.now())
    Response.objects.create(survey=survey, token="b", resident=writing, channel="email")
    Response.objects.create(
        survey=survey, token="c", resident=earlier, channel="email", submitted_at=since - timedelta(days=1)
    )

    assert involved(since, "surveys") == {sent.pk}
