import pytest

from engagement.tests.downloads import download_my_data
from events.models import IssueCategory, WalkaboutRequest
from events.services.issues import issue_raise
from events.services.workshops import suggestion_submit
from events.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def test_a_residents_download_has_their_bookings_requests_issues_and_suggestions(client, resident, other_resident):
    BookingFactory(resident=resident, event__title="Open day at Crossfields")
    BookingFactory(resident=other_resident, event__title="Someone else's")
    WalkaboutRequest.objects.create(
        resident=resident, estate=resident.tenancy.home.block.estate, what_to_look_at="Lights"
    )
    issue_raise(category=IssueCategory.objects.first(), location="Lift", description="Stuck", raised_by=resident)
    suggestion_submit(topic="Service charges", resident=resident)

    client.force_login(resident.user)
    data = download_my_data(client).data

    assert [b["event"] for b in data["Event bookings"]] == ["Open day at Crossfields"]
    assert data["Walkabout requests"][0]["what_to_look_at"] == "Lights"
    assert data["Issues you raised"][0]["where"] == "Lift"
    assert data["Workshop suggestions"][0]["topic"] == "Service charges"
