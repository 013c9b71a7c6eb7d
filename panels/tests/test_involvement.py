from datetime import timedelta

import pytest
from django.utils import timezone

from engagement.services.involvement import involvements
from engagement.tests.involvement import involved
from panels.models import PanelApplication
from panels.tests.factories import MembershipFactory, PanelApplicationFactory

pytestmark = pytest.mark.django_db


def test_panels_are_registered_as_a_way_to_take_part():
    assert "panels" in [involvement.code for involvement in involvements()]


def test_an_application_sent_or_a_seat_held_since_then_counts():
    since = timezone.now() - timedelta(days=30)
    applied = PanelApplicationFactory().resident
    sitting = MembershipFactory().resident
    PanelApplicationFactory(status=PanelApplication.Status.DRAFT, submitted_at=None)
    PanelApplicationFactory(submitted_at=since - timedelta(days=1))
    MembershipFactory(started_on=since.date() - timedelta(days=200), ended_on=since.date() - timedelta(days=1))

    assert involved(since, "panels") == {
        applied.pk,
        sitting.pk,
    }
