"""The decision trail in "download my data"."""

import pytest
from django.utils import timezone

from engagement.decisions.models import DecisionSource
from engagement.decisions.tests.factories import DecisionFactory
from engagement.tests.downloads import download_my_data
from engagement.tests.factories import EstateFactory
from events.models import IssueCategory
from events.services.issues import issue_raise

pytestmark = pytest.mark.django_db


def test_the_download_lists_the_decisions_what_the_resident_said_led_to(client, resident):
    issue = issue_raise(
        category=IssueCategory.objects.first(),
        location="Stairwell B",
        description="Filthy",
        estate=EstateFactory(),
        raised_by=resident,
    )
    decision = DecisionFactory(title="Stairs cleaned weekly", published_at=timezone.now())
    DecisionSource.objects.create(decision=decision, issue=issue)
    client.force_login(resident.user)

    rows = download_my_data(client).data["Decisions from what you told us"]

    assert [(row["decision"], row["where_it_stands"]) for row in rows] == [
        ("Stairs cleaned weekly", "Being considered")
    ]
    assert "Stairwell B" in rows[0]["what_you_told_us"]
